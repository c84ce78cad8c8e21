package io.rmote;

/**
 * The connection is gone: the remote exited or was killed, its stream ended, or the connection was
 * closed. Every call pending on the connection fails with this at once, and so does every later
 * call.
 */
public class ConnectionLostException extends RmoteException {
  private static final long serialVersionUID = 1L;

  /**
   * Made by the runtime when an open connection breaks.
   *
   * @param detail what was seen, such as the end of the stream or the interpreter's exit
   * @param cause the underlying failure, or {@code null}
   */
  public ConnectionLostException(String detail, Throwable cause) {
    super(detail, cause);
  }
}
