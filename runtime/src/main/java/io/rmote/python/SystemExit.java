package io.rmote.python;

/** Python's {@code builtins.SystemExit}. */
public class SystemExit extends PythonException {
  private static final long serialVersionUID = 1L;

  public SystemExit(Details details) {
    super(details);
  }
}
