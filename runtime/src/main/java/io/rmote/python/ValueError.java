package io.rmote.python;

/** Python's {@code builtins.ValueError}. */
public class ValueError extends PythonException {
  private static final long serialVersionUID = 1L;

  public ValueError(Details details) {
    super(details);
  }
}
