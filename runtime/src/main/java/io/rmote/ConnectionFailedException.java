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

  protected ConnectionFailedException(String detail, Throwable cause) {
    super(detail, cause);
  }

  protected ConnectionFailedException(String detail, Throwable cause, String host) {
    super(detail, cause, host, null, null);
  }
}
