package io.rmote;

/**
 * The connection is gone: the remote exited or was killed, its stream ended, or the connection was
 * closed. Every call pending on the connection fails with this at once, and so does every later
 * call.
 */
public class ConnectionLostException extends RmoteException {
  private static final long serialVersionUID = 1L;

  public ConnectionLostException(String detail, Throwable cause) {
    super(detail, cause);
  }
}
