package io.rmote.python;

/** Python's {@code builtins.KeyError}. */
public class KeyError extends LookupError {
  private static final long serialVersionUID = 1L;

  /**
   * Made by the runtime when a call fails with this Python exception; applications catch it rather
   * than construct it.
   *
   * @param details the Python class and bases, {@code args}, message, traceback and attributes
   */
  public KeyError(Details details) {
    super(details);
  }

  /** The missing key ({@code args[0]}), or {@code null} if the exception was raised without one. */
  public Object key() {
    return args().isEmpty() ? null : args().get(0);
  }
}
