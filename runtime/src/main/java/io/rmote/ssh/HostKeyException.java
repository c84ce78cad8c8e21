package io.rmote.ssh;

import java.nio.file.Path;

/**
 * The server's host key is not vouched for by known_hosts: unknown (under {@link
 * HostKeyPolicy#STRICT}) or, worse, different from the one recorded, which may mean someone is
 * impersonating the host. A changed key is never accepted, whatever the policy.
 */
public final class HostKeyException extends SshException {
  private static final long serialVersionUID = 1L;

  private final String keyHost;
  private final String keyType;
  private final String fingerprint;
  private final boolean changed;
  private final transient Path knownHosts;
  private final boolean revoked;

  /**
   * Made by the runtime when the server's host key is not vouched for.
   *
   * @param detail what is wrong with the key
   * @param host the SSH host
   * @param keyHost the host as known_hosts names it
   * @param keyType the key's type, such as {@code ssh-ed25519}
   * @param fingerprint the key's fingerprint
   * @param changed whether known_hosts holds another key for the host
   * @param knownHosts the known_hosts file consulted, or {@code null}
   * @param cause JSch's exception, or {@code null}
   */
  public HostKeyException(
      String detail,
      String host,
      String keyHost,
      String keyType,
      String fingerprint,
      boolean changed,
      Path knownHosts,
      Throwable cause) {
    this(detail, host, keyHost, keyType, fingerprint, changed, knownHosts, cause, false);
  }

  HostKeyException(
      String detail,
      String host,
      String keyHost,
      String keyType,
      String fingerprint,
      boolean changed,
      Path knownHosts,
      Throwable cause,
      boolean revoked) {
    super(detail, host, cause);
    this.revoked = revoked;
    this.keyHost = keyHost;
    this.keyType = keyType;
    this.fingerprint = fingerprint;
    this.changed = changed;
    this.knownHosts = knownHosts;
  }

  /** The host as known_hosts names it: {@code name} on port 22, else {@code [name]:port}. */
  public String keyHost() {
    return keyHost;
  }

  /** The key's type as the server sent it, such as {@code ssh-ed25519}. */
  public String keyType() {
    return keyType;
  }

  /** The key's fingerprint as OpenSSH shows it: {@code SHA256:} and unpadded base64. */
  public String fingerprint() {
    return fingerprint;
  }

  /** Whether known_hosts holds another key for the host (a changed key), rather than none. */
  public boolean changed() {
    return changed;
  }

  /**
   * Whether the key is marked {@code @revoked} in known_hosts (or signed by a revoked CA): then
   * {@link #changed()} is true as well, and the key is refused under every policy.
   */
  public boolean revoked() {
    return revoked;
  }

  /** The known_hosts file that was consulted (the first user file), or the one revoking the key. */
  public Path knownHosts() {
    return knownHosts;
  }
}
