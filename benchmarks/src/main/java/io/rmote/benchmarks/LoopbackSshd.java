package io.rmote.benchmarks;

import io.rmote.ssh.Ssh;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The SSH server of W5 and W6 when none is given: OpenSSH's own {@code sshd -D} on a free loopback
 * port, with a fresh host key, a fresh client key for root and a known_hosts file that holds the
 * host key, all in a temporary folder. Every user may log in with the client key ({@code
 * RMOTE_BENCH_SSH_USER}, default root). Stopped through its process handle. Needs root (sshd, and a
 * login as root) and openssh-server.
 */
final class LoopbackSshd implements AutoCloseable {
  final Path dir;
  final int port;
  final Path clientKey;
  final Path knownHosts;
  private final Process process;

  private LoopbackSshd(Path dir, int port, Path clientKey, Path knownHosts, Process process) {
    this.dir = dir;
    this.port = port;
    this.clientKey = clientKey;
    this.knownHosts = knownHosts;
    this.process = process;
  }

  static LoopbackSshd start() throws IOException, InterruptedException {
    Path sshd = Path.of("/usr/sbin/sshd");
    if (!Files.isExecutable(sshd))
      throw new IOException("no /usr/sbin/sshd: install openssh-server");
    Path dir = Files.createTempDirectory("rmote-bench-sshd");
    Path hostKey = keygen(dir.resolve("host_ed25519"));
    Path clientKey = keygen(dir.resolve("client_ed25519"));
    Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
    // sshd reads authorized_keys as the user logging in, who need not be root
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        dir.resolve("authorized_keys"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    Files.createDirectories(Path.of("/run/sshd"));
    for (int attempt = 0; attempt < 4; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        port = s.getLocalPort();
      }
      // MaxStartups and MaxSessions well above W5's 100 connections made at once.
      List<String> conf =
          new ArrayList<>(
              List.of(
                  "Port " + port,
                  "ListenAddress 127.0.0.1",
                  "HostKey " + hostKey,
                  "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                  "PermitRootLogin prohibit-password",
                  "PasswordAuthentication no",
                  "KbdInteractiveAuthentication no",
                  "UsePAM no",
                  "StrictModes no",
                  "MaxStartups 400:30:500",
                  "MaxSessions 200",
                  // Keeps bash from reading the user's ~/.bashrc (it does for SSH commands when
                  // SHLVL is unset): an rc file that runs `pyenv init` would be measured instead.
                  "SetEnv SHLVL=1",
                  "PidFile " + dir.resolve("sshd.pid")));
      Path config = dir.resolve("sshd_config");
      Files.write(config, conf);
      Process p =
          new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("sshd.log").toFile())
              .start();
      if (awaitBanner(port, p)) {
        String[] pub = Files.readString(dir.resolve("host_ed25519.pub")).trim().split(" ");
        Path known = dir.resolve("known_hosts");
        Files.writeString(known, "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1] + "\n");
        return new LoopbackSshd(dir, port, clientKey, known, p);
      }
      p.destroyForcibly();
    }
    throw new IOException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
  }

  /**
   * Options for {@code user} at this server (its authorized_keys holds the client key for every
   * user).
   */
  Ssh.Builder client(String user) {
    return Ssh.to(user + "@127.0.0.1")
        .port(port)
        .identity(clientKey)
        .knownHosts(knownHosts)
        .noConfig()
        .agent(false);
  }

  /** OpenSSH's client with the same settings, up to the remote command. */
  List<String> opensshCommand(String user) {
    return List.of(
        "ssh",
        "-F",
        "/dev/null",
        "-i",
        clientKey.toString(),
        "-p",
        Integer.toString(port),
        "-o",
        "BatchMode=yes",
        "-o",
        "StrictHostKeyChecking=yes",
        "-o",
        "UserKnownHostsFile=" + knownHosts,
        "-o",
        "IdentitiesOnly=yes",
        user + "@127.0.0.1");
  }

  private static Path keygen(Path file) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                "rmote-bench",
                "-f",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException("ssh-keygen failed: " + out);
    return file;
  }

  private static boolean awaitBanner(int port, Process p) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until && p.isAlive()) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        s.setSoTimeout(2000);
        InputStream in = s.getInputStream();
        byte[] b = in.readNBytes(4);
        if (new String(b, StandardCharsets.US_ASCII).equals("SSH-")) return true;
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    return false;
  }

  /**
   * CPU seconds used so far by this sshd and every session it has reaped (its children: sshd
   * sessions, the login shell, the interpreter): utime, stime, cutime and cstime of its
   * /proc/PID/stat, at 100 ticks a second.
   */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = 0;
    for (int i = 11; i <= 14; i++) ticks += Long.parseLong(f[i]);
    return ticks / 100.0;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    // keys, config and log: nothing of a run stays in the temporary folder
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
