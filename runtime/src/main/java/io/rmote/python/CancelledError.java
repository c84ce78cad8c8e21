package io.rmote.python;

/** Python's {@code asyncio.CancelledError}. */
public class CancelledError extends PythonException {
  private static final long serialVersionUID = 1L;

  public CancelledError(Details details) {
    super(details);
  }
}
