package io.rmote.python;

/** Python's {@code builtins.IndexError}. */
public class IndexError extends LookupError {
  private static final long serialVersionUID = 1L;

  public IndexError(Details details) {
    super(details);
  }
}
