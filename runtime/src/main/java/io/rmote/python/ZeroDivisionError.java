package io.rmote.python;

/** Python's {@code builtins.ZeroDivisionError}. */
public class ZeroDivisionError extends ArithmeticError {
  private static final long serialVersionUID = 1L;

  public ZeroDivisionError(Details details) {
    super(details);
  }
}
