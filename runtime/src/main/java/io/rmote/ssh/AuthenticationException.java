package io.rmote.ssh;

/**
 * The server accepted none of the credentials offered (keys, agent keys, password), or an identity
 * file could not be decrypted. The message says which methods and key files were tried, never a
 * password or a passphrase.
 */
public final class AuthenticationException extends SshException {
  private static final long serialVersionUID = 1L;

  /**
   * Made by the runtime when the server accepts none of the credentials offered.
   *
   * @param detail what was tried
   * @param host the SSH host
   * @param cause JSch's exception, or {@code null}
   */
  public AuthenticationException(String detail, String host, Throwable cause) {
    super(detail, host, cause);
  }
}
