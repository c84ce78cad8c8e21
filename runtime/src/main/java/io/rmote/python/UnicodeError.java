package io.rmote.python;

/** Python's {@code builtins.UnicodeError}. */
public class UnicodeError extends ValueError {
  private static final long serialVersionUID = 1L;

  public UnicodeError(Details details) {
    super(details);
  }
}
