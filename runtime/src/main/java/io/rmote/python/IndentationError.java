package io.rmote.python;

/** Python's {@code builtins.IndentationError}. */
public class IndentationError extends SyntaxError {
  private static final long serialVersionUID = 1L;

  public IndentationError(Details details) {
    super(details);
  }
}
