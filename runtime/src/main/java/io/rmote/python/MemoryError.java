package io.rmote.python;

/** Python's {@code builtins.MemoryError}. */
public class MemoryError extends PythonException {
  private static final long serialVersionUID = 1L;

  public MemoryError(Details details) {
    super(details);
  }
}
