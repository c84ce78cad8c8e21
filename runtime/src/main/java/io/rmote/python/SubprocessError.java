package io.rmote.python;

/** Python's {@code subprocess.SubprocessError}. */
public class SubprocessError extends PythonException {
  private static final long serialVersionUID = 1L;

  public SubprocessError(Details details) {
    super(details);
  }
}
