package io.rmote.python;

/** Python's {@code builtins.RecursionError}. */
public class RecursionError extends RuntimeError {
  private static final long serialVersionUID = 1L;

  public RecursionError(Details details) {
    super(details);
  }
}
