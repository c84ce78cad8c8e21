package io.rmote.python;

/** Python's {@code builtins.IndexError}. */
public class IndexError extends LookupError {
  private static final long serialVersionUID = 1L;

  /**
   * Made by the runtime when a call fails with this Python exception; applications catch it rather
   * than construct it.
   *
   * @param details the Python class and bases, {@code args}, message, traceback and attributes
   */
  public IndexError(Details details) {
    super(details);
  }
}
