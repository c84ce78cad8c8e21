package io.rmote.python;

/** Python's {@code builtins.LookupError}. */
public class LookupError extends PythonException {
  private static final long serialVersionUID = 1L;

  public LookupError(Details details) {
    super(details);
  }
}
