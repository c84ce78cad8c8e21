package io.rmote.python;

/** Python's {@code builtins.BufferError}. */
public class BufferError extends PythonException {
  private static final long serialVersionUID = 1L;

  public BufferError(Details details) {
    super(details);
  }
}
