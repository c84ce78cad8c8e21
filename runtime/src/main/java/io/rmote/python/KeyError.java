package io.rmote.python;

/** Python's {@code builtins.KeyError}. */
public class KeyError extends LookupError {
  private static final long serialVersionUID = 1L;

  public KeyError(Details details) {
    super(details);
  }

  /** The missing key ({@code args[0]}), or {@code null} if the exception was raised without one. */
  public Object key() {
    return args().isEmpty() ? null : args().get(0);
  }
}
