package io.rmote.python;

/** Python's {@code builtins.FloatingPointError}. */
public class FloatingPointError extends ArithmeticError {
  private static final long serialVersionUID = 1L;

  public FloatingPointError(Details details) {
    super(details);
  }
}
