package io.rmote.python;

/** Python's {@code builtins.ConnectionRefusedError}. */
public class ConnectionRefusedError extends ConnectionError {
  private static final long serialVersionUID = 1L;

  public ConnectionRefusedError(Details details) {
    super(details);
  }
}
