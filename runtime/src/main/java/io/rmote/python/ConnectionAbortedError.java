package io.rmote.python;

/** Python's {@code builtins.ConnectionAbortedError}. */
public class ConnectionAbortedError extends ConnectionError {
  private static final long serialVersionUID = 1L;

  public ConnectionAbortedError(Details details) {
    super(details);
  }
}
