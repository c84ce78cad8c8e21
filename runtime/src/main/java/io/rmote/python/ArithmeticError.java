package io.rmote.python;

/** Python's {@code builtins.ArithmeticError}. */
public class ArithmeticError extends PythonException {
  private static final long serialVersionUID = 1L;

  public ArithmeticError(Details details) {
    super(details);
  }
}
