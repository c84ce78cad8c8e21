package io.rmote.python;

/** Python's {@code builtins.AssertionError}. */
@SuppressWarnings("JavaLangClash") // named as Python names it, like every class of this package
public class AssertionError extends PythonException {
  private static final long serialVersionUID = 1L;

  public AssertionError(Details details) {
    super(details);
  }
}
