package io.rmote.python;

/** Python's {@code builtins.AssertionError}. */
public class AssertionError extends PythonException {
  private static final long serialVersionUID = 1L;

  public AssertionError(Details details) {
    super(details);
  }
}
