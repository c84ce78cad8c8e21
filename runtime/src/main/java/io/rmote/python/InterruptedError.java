package io.rmote.python;

/** Python's {@code builtins.InterruptedError}. */
public class InterruptedError extends OSError {
  private static final long serialVersionUID = 1L;

  public InterruptedError(Details details) {
    super(details);
  }
}
