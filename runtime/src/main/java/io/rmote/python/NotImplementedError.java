package io.rmote.python;

/** Python's {@code builtins.NotImplementedError}. */
public class NotImplementedError extends RuntimeError {
  private static final long serialVersionUID = 1L;

  public NotImplementedError(Details details) {
    super(details);
  }
}
