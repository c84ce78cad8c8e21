package io.rmote.python;

/** Python's {@code builtins.UnicodeEncodeError}. */
public class UnicodeEncodeError extends UnicodeError {
  private static final long serialVersionUID = 1L;

  public UnicodeEncodeError(Details details) {
    super(details);
  }
}
