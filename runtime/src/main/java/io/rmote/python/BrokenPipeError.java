package io.rmote.python;

/** Python's {@code builtins.BrokenPipeError}. */
public class BrokenPipeError extends ConnectionError {
  private static final long serialVersionUID = 1L;

  public BrokenPipeError(Details details) {
    super(details);
  }
}
