package io.rmote.python;

/** Python's {@code builtins.ProcessLookupError}. */
public class ProcessLookupError extends OSError {
  private static final long serialVersionUID = 1L;

  public ProcessLookupError(Details details) {
    super(details);
  }
}
