package io.rmote.ssh;

/**
 * What to do with a host key that the known_hosts files do not vouch for, as OpenSSH's {@code
 * StrictHostKeyChecking}; set with {@link Ssh.Builder#hostKeyPolicy}. A revoked key, a changed key
 * and a key of another type for a host on record fail the connection under every policy.
 */
public enum HostKeyPolicy {
  /**
   * Unknown and changed keys fail the connection (OpenSSH's {@code StrictHostKeyChecking yes}). The
   * default.
   */
  STRICT,
  /**
   * An unknown host's key is recorded in known_hosts and accepted; a changed key still fails
   * (OpenSSH's {@code accept-new}).
   */
  ACCEPT_NEW,
  /**
   * Every unknown key is accepted and nothing is recorded: anyone on the path can impersonate a
   * host that known_hosts does not know. For throwaway test machines only; every connection logs a
   * warning. A changed key (known_hosts holds another one for the host) still fails.
   */
  INSECURE_ACCEPT_UNKNOWN
}
