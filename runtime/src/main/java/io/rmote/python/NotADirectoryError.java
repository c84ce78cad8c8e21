package io.rmote.python;

/** Python's {@code builtins.NotADirectoryError}. */
public class NotADirectoryError extends OSError {
  private static final long serialVersionUID = 1L;

  public NotADirectoryError(Details details) {
    super(details);
  }
}
