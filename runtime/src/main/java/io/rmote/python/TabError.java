package io.rmote.python;

/** Python's {@code builtins.TabError}. */
public class TabError extends IndentationError {
  private static final long serialVersionUID = 1L;

  public TabError(Details details) {
    super(details);
  }
}
