package io.rmote.python;

/** Python's {@code builtins.KeyboardInterrupt}. */
public class KeyboardInterrupt extends PythonException {
  private static final long serialVersionUID = 1L;

  public KeyboardInterrupt(Details details) {
    super(details);
  }
}
