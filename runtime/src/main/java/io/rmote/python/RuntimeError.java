package io.rmote.python;

/** Python's {@code builtins.RuntimeError}. */
public class RuntimeError extends PythonException {
  private static final long serialVersionUID = 1L;

  public RuntimeError(Details details) {
    super(details);
  }
}
