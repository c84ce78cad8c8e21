package io.rmote;

/**
 * The connection could not be opened: no runtime came up on the other side, so no call was made.
 * Catch this once for "could not connect", whatever the reason; its subclasses say which step
 * failed: {@link BootstrapException} (the interpreter did not start or did not answer) and {@link
 * io.rmote.ssh.SshException} (the SSH session could not be set up: unreachable host, refused
 * credentials, a host key that known_hosts does not vouch for).
 *
 * <p>A connection that was up and then went away fails with {@link ConnectionLostException}
 * instead.
 */
public abstract class ConnectionFailedException extends RmoteException {
  private static final long serialVersionUID = 1L;

  /**
   * For the subclasses: a failure before any host is known.
   *
   * @param detail what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  protected ConnectionFailedException(String detail, Throwable cause) {
    super(detail, cause);
  }

  /**
   * For the subclasses: a failure to connect to {@code host}.
   *
   * @param detail what went wrong
   * @param cause the underlying failure, or {@code null}
   * @param host the host (or command) being connected to
   */
  protected ConnectionFailedException(String detail, Throwable cause, String host) {
    super(detail, cause, host, null, null);
  }
}
