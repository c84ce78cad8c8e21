package io.rmote.ssh;

import io.rmote.ConnectionFailedException;

/**
 * The SSH connection itself failed: the host is unknown or unreachable, the connection timed out, a
 * jump host refused to forward, or the server closed the connection. Its subclasses say when the
 * host key ({@link HostKeyException}) or the credentials ({@link AuthenticationException}) were the
 * reason. Messages never hold passwords or passphrases.
 */
public class SshException extends ConnectionFailedException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure of the SSH layer.
   *
   * @param detail what went wrong
   * @param host the SSH host
   * @param cause the underlying failure (often JSch's), or {@code null}
   */
  public SshException(String detail, String host, Throwable cause) {
    super(detail, cause, host);
  }
}
