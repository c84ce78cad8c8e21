package io.rmote.python;

/** Python's {@code builtins.KeyError}. */
public class KeyError extends LookupError {
  private static final long serialVersionUID = 1L;

  public KeyError(Details details) {
    super(details);
  }
}
