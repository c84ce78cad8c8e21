package io.rmote.python;

/** Python's {@code builtins.FileExistsError}. */
public class FileExistsError extends OSError {
  private static final long serialVersionUID = 1L;

  public FileExistsError(Details details) {
    super(details);
  }
}
