package io.rmote.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A home folder for tests of what a user's {@code ~/.ssh} decides: a test sshd ({@link SshServer}),
 * its client key as {@code ~/.ssh/id_ed25519}, a {@code known_hosts} that vouches for it, and a
 * {@code ~/.ssh/config} in which some host aliases reach the server and others a port where nobody
 * listens, all as {@code root}. {@code user.home} points at the folder until {@link #close()}.
 */
public final class SshHome implements AutoCloseable {
  /** The server the good aliases reach. */
  public final SshServer server;

  private final String home;

  /**
   * Starts the server and writes the home folder under {@code tmp}.
   *
   * @param good the aliases that reach the server, such as {@code web1}
   * @param broken the aliases that reach port 1, where nobody listens
   */
  public SshHome(Path tmp, List<String> good, List<String> broken) throws IOException {
    server = SshServer.start();
    Path dotSsh = Files.createDirectories(tmp.resolve("home/.ssh"));
    Files.copy(server.clientKey, dotSsh.resolve("id_ed25519"));
    Files.copy(server.knownHosts, dotSsh.resolve("known_hosts"));
    Files.writeString(
        dotSsh.resolve("config"),
        String.join(
            "\n",
            "Host " + String.join(" ", good),
            "  HostName 127.0.0.1",
            "  Port " + server.port,
            "Host " + String.join(" ", broken),
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
