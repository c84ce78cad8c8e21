package io.rmote.python;

/** Python's {@code builtins.TimeoutError}. */
public class TimeoutError extends OSError {
  private static final long serialVersionUID = 1L;

  public TimeoutError(Details details) {
    super(details);
  }
}
