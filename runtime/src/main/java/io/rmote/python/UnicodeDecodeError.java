package io.rmote.python;

/** Python's {@code builtins.UnicodeDecodeError}. */
public class UnicodeDecodeError extends UnicodeError {
  private static final long serialVersionUID = 1L;

  public UnicodeDecodeError(Details details) {
    super(details);
  }
}
