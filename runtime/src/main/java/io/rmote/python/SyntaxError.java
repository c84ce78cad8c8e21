package io.rmote.python;

/** Python's {@code builtins.SyntaxError}. */
public class SyntaxError extends PythonException {
  private static final long serialVersionUID = 1L;

  public SyntaxError(Details details) {
    super(details);
  }
}
