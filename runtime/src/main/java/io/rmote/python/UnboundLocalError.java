package io.rmote.python;

/** Python's {@code builtins.UnboundLocalError}. */
public class UnboundLocalError extends NameError {
  private static final long serialVersionUID = 1L;

  public UnboundLocalError(Details details) {
    super(details);
  }
}
