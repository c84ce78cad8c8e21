package io.rmote.python;

/** Python's {@code builtins.BlockingIOError}. */
public class BlockingIOError extends OSError {
  private static final long serialVersionUID = 1L;

  public BlockingIOError(Details details) {
    super(details);
  }
}
