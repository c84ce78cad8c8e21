package io.rmote.python;

/** Python's {@code builtins.OverflowError}. */
public class OverflowError extends ArithmeticError {
  private static final long serialVersionUID = 1L;

  public OverflowError(Details details) {
    super(details);
  }
}
