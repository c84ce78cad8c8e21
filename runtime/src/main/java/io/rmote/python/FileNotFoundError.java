package io.rmote.python;

/** Python's {@code builtins.FileNotFoundError}. */
public class FileNotFoundError extends OSError {
  private static final long serialVersionUID = 1L;

  public FileNotFoundError(Details details) {
    super(details);
  }
}
