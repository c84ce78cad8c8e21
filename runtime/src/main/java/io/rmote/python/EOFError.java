package io.rmote.python;

/** Python's {@code builtins.EOFError}. */
public class EOFError extends PythonException {
  private static final long serialVersionUID = 1L;

  public EOFError(Details details) {
    super(details);
  }
}
