package io.rmote.python;

/** Python's {@code builtins.AttributeError}. */
public class AttributeError extends PythonException {
  private static final long serialVersionUID = 1L;

  public AttributeError(Details details) {
    super(details);
  }
}
