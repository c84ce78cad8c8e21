package io.rmote.python;

/** Python's {@code builtins.ChildProcessError}. */
public class ChildProcessError extends OSError {
  private static final long serialVersionUID = 1L;

  public ChildProcessError(Details details) {
    super(details);
  }
}
