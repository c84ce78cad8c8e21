package io.rmote.python;

/** Python's {@code builtins.IsADirectoryError}. */
public class IsADirectoryError extends OSError {
  private static final long serialVersionUID = 1L;

  public IsADirectoryError(Details details) {
    super(details);
  }
}
