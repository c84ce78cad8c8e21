package io.rmote.python;

/** Python's {@code builtins.PermissionError}. */
public class PermissionError extends OSError {
  private static final long serialVersionUID = 1L;

  public PermissionError(Details details) {
    super(details);
  }
}
