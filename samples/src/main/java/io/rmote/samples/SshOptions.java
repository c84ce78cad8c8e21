package io.rmote.samples;

import io.rmote.Remote;
import io.rmote.ssh.HostKeyPolicy;
import io.rmote.ssh.Ssh;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The SSH options in Java form: user, port, identity file, known_hosts and its policy, OpenSSH's
 * {@code -o} options, timeouts and keep-alive, and the interpreter to start on the host.
 *
 * <p>{@code SshOptions HOST PORT IDENTITY KNOWN_HOSTS}.
 */
public final class SshOptions {

  /** Connects as root to {@code host}:{@code port} with these files; prints what answers. */
  public static void connect(String host, int port, Path identity, Path knownHosts) {
    // [ssh-options]
    Ssh options =
        Ssh.to(host)
            .user("root")
            .port(port)
            .identity(identity) // or .identity(key, passphrase), .password(chars), the agent
            .knownHosts(knownHosts) // checked; ACCEPT_NEW records a host seen the first time
            .hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW)
            .option("Compression", "yes") // an OpenSSH -o option
            .connectTimeout(Duration.ofSeconds(10))
            .keepAlive(Duration.ofSeconds(30), 3)
            .build();
    try (Remote remote =
        Remote.builder()
            .ssh(options)
            .python("/usr/bin/python3") // the interpreter on the host
            .callTimeout(Duration.ofMinutes(1))
            .connect()) {
      System.out.println(
          remote.name()
              + ": "
              + remote.tool(SystemTool.class).hostname()
              + ", Python "
              + remote.pythonVersion());
    }
    // [/ssh-options]
  }

  /** {@code args}: host, port, identity file, known_hosts file. */
  public static void main(String[] args) {
    connect(args[0], Integer.parseInt(args[1]), Path.of(args[2]), Path.of(args[3]));
  }

  private SshOptions() {}
}
