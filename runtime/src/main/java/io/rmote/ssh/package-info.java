/**
 * SSH as a way to start the remote interpreter: the {@link io.rmote.ssh.Ssh} options value (host,
 * user, keys, known_hosts, jump hosts, OpenSSH options) that {@code Remote.builder().ssh(...)}
 * takes, and the exceptions of a failed SSH connection. The JSch launcher behind it is
 * package-private.
 */
package io.rmote.ssh;
