package io.rmote.python;

/** Python's {@code builtins.UnicodeTranslateError}. */
public class UnicodeTranslateError extends UnicodeError {
  private static final long serialVersionUID = 1L;

  public UnicodeTranslateError(Details details) {
    super(details);
  }
}
