package io.rmote.python;

/** Python's {@code builtins.ConnectionResetError}. */
public class ConnectionResetError extends ConnectionError {
  private static final long serialVersionUID = 1L;

  public ConnectionResetError(Details details) {
    super(details);
  }
}
