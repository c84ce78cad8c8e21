package io.rmote.python;

/** Python's {@code builtins.NameError}. */
public class NameError extends PythonException {
  private static final long serialVersionUID = 1L;

  public NameError(Details details) {
    super(details);
  }
}
