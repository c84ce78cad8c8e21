package io.rmote.python;

/** Python's {@code builtins.ReferenceError}. */
public class ReferenceError extends PythonException {
  private static final long serialVersionUID = 1L;

  public ReferenceError(Details details) {
    super(details);
  }
}
