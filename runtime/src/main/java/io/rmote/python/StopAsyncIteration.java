package io.rmote.python;

/** Python's {@code builtins.StopAsyncIteration}. */
public class StopAsyncIteration extends PythonException {
  private static final long serialVersionUID = 1L;

  public StopAsyncIteration(Details details) {
    super(details);
  }
}
