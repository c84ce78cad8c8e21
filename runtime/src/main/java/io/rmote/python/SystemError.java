package io.rmote.python;

/** Python's {@code builtins.SystemError}. */
public class SystemError extends PythonException {
  private static final long serialVersionUID = 1L;

  public SystemError(Details details) {
    super(details);
  }
}
