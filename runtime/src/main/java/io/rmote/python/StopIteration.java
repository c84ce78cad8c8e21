package io.rmote.python;

/** Python's {@code builtins.StopIteration}. */
public class StopIteration extends PythonException {
  private static final long serialVersionUID = 1L;

  public StopIteration(Details details) {
    super(details);
  }
}
