package io.rmote.samples;

import io.rmote.testing.SshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A home folder whose {@code ~/.ssh/config} names the test sshd {@code web1}, {@code web2} and
 * {@code web3}, and {@code broken-host} a port where nobody listens; {@code user.home} points at it
 * until {@link #close()}.
 */
final class SshHome implements AutoCloseable {
  final SshServer server;
  private final String home;

  SshHome(Path tmp) throws IOException {
    server = SshServer.start();
    Path dotSsh = Files.createDirectories(tmp.resolve("home/.ssh"));
    Files.copy(server.clientKey, dotSsh.resolve("id_ed25519"));
    Files.copy(server.knownHosts, dotSsh.resolve("known_hosts"));
    Files.writeString(
        dotSsh.resolve("config"),
        String.join(
            "\n",
            "Host web1 web2 web3",
            "  HostName 127.0.0.1",
            "  Port " + server.port,
            "Host broken-host",
            "  HostName 127.0.0.1",
            "  Port 1",
            "Host *",
            "  User root",
            ""));
    home = System.getProperty("user.home");
    System.setProperty("user.home", dotSsh.getParent().toString());
  }

  @Override
  public void close() {
    System.setProperty("user.home", home);
    server.close();
  }
}
