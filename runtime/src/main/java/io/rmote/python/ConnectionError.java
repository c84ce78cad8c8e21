package io.rmote.python;

/** Python's {@code builtins.ConnectionError}. */
public class ConnectionError extends OSError {
  private static final long serialVersionUID = 1L;

  public ConnectionError(Details details) {
    super(details);
  }
}
