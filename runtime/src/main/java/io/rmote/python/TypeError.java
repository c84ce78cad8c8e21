package io.rmote.python;

/** Python's {@code builtins.TypeError}. */
public class TypeError extends PythonException {
  private static final long serialVersionUID = 1L;

  public TypeError(Details details) {
    super(details);
  }
}
