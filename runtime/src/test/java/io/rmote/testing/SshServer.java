package io.rmote.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.rmote.ssh.Ssh;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real OpenSSH server for one test class: {@code /usr/sbin/sshd -D -e -f CONF} on a free loopback
 * port with its own host key, a client key in {@code authorized_keys}, and a known_hosts file that
 * holds the host key. Stopped through its own process handle (never by name). Needs root and
 * openssh-server: a test without them is skipped, unless the test command requires them ({@link
 * TestHosts#required()}), when it fails.
 */
public final class SshServer implements AutoCloseable {
  private static final Path SSHD = Path.of("/usr/sbin/sshd");

  public final Path dir;
  public final int port;
  public final Path hostKey;
  public final Path clientKey;
  public final Path knownHosts;
  public final Path log;
  private final Process process;

  /*
   * Stops sshd and removes its folder (private keys included) even when the test JVM is ended
   * from outside (SIGTERM, a timeout's kill) before the test's own close runs.
   */
  private final Thread onJvmExit = new Thread(this::stop, "rmote-test-sshd-cleanup");

  private final java.util.concurrent.atomic.AtomicBoolean stopped =
      new java.util.concurrent.atomic.AtomicBoolean();

  private SshServer(
      Path dir,
      int port,
      Path hostKey,
      Path clientKey,
      Path knownHosts,
      Path log,
      Process process) {
    this.dir = dir;
    this.port = port;
    this.hostKey = hostKey;
    this.clientKey = clientKey;
    this.knownHosts = knownHosts;
    this.log = log;
    this.process = process;
    Runtime.getRuntime().addShutdownHook(onJvmExit);
  }

  /**
   * Skips (fails if {@link TestHosts#required()}) the test when this machine cannot run a test
   * sshd.
   */
  public static void assumeAvailable() {
    boolean ok =
        Files.isExecutable(SSHD)
            && Files.isExecutable(Path.of("/usr/bin/ssh-keygen"))
            && "root".equals(System.getProperty("user.name"));
    if (!ok && TestHosts.required())
      fail(
          "RMOTE_REQUIRE_HOSTS=1 but a test sshd needs root and openssh-server (.ci/hosts.sh installs it)");
    Assumptions.assumeTrue(ok, "no root or no /usr/sbin/sshd: SSH tests skipped");
  }

  /** Starts a server with the default settings plus {@code extraConfig} lines of sshd_config. */
  public static SshServer start(String... extraConfig) {
    return start(null, null, extraConfig);
  }

  /**
   * Starts a server; {@code hostKey} and {@code clientKey} reuse existing keys (for a server that
   * comes back with another host key, or several servers trusting one client key).
   */
  public static SshServer start(Path hostKey, Path clientKey, String... extraConfig) {
    assumeAvailable();
    try {
      Path dir = Files.createTempDirectory("rmote-sshd");
      if (hostKey == null) hostKey = keygen(dir.resolve("host_ed25519"), "");
      if (clientKey == null) clientKey = keygen(dir.resolve("client_ed25519"), "");
      Files.copy(
          clientKey.resolveSibling(clientKey.getFileName() + ".pub"),
          dir.resolve("authorized_keys"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.createDirectories(Path.of("/run/sshd"));
      for (int attempt = 0; ; attempt++) {
        int port = freePort();
        List<String> conf =
            new ArrayList<>(
                List.of(
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + hostKey,
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                    "PermitRootLogin yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    "StrictModes no",
                    "MaxStartups 300:30:400",
                    "MaxSessions 100",
                    // Bash reads ~/.bashrc for a command sent over SSH unless the shell it
                    // inherits is already nested (SHLVL >= 1). Root's .bashrc on this machine
                    // image runs `pyenv init`, whose rehash takes a lock with a 60 s wait: 25
                    // logins at once queued on it for minutes. The test sshd is ours, the rc
                    // file is the image's; the shells tests keep their own accounts.
                    "SetEnv SHLVL=1",
                    "PidFile " + dir.resolve("sshd-" + port + ".pid")));
        for (String line : extraConfig) {
          String key = line.split("\\s+", 2)[0];
          conf.removeIf(l -> l.split("\\s+", 2)[0].equalsIgnoreCase(key));
          conf.add(line);
        }
        Path config = dir.resolve("sshd_config");
        Files.write(config, conf);
        Path log = dir.resolve("sshd-" + port + ".log");
        Process p =
            new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        String listen = "127.0.0.1";
        for (String l : conf)
          if (l.toLowerCase(java.util.Locale.ROOT).startsWith("listenaddress "))
            listen = l.split("\\s+")[1];
        if (awaitBanner(listen, port, p)) {
          Path known = dir.resolve("known_hosts");
          String pub =
              Files.readString(hostKey.resolveSibling(hostKey.getFileName() + ".pub")).trim();
          String[] parts = pub.split(" ");
          Files.writeString(known, "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n");
          return new SshServer(dir, port, hostKey, clientKey, known, log, p);
        }
        p.destroyForcibly();
        if (attempt == 3) fail("sshd did not start: " + Files.readString(log));
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot start sshd", e);
    }
  }

  /** Makes an ed25519 key pair; the passphrase may be empty. */
  public static Path keygen(Path file, String passphrase) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                passphrase,
                "-C",
                "rmote-test",
                "-f",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException("ssh-keygen failed: " + out);
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static boolean awaitBanner(String address, int port, Process p)
      throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      if (!p.isAlive()) return false;
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(address, port), 500);
        s.setSoTimeout(2000);
        InputStream in = s.getInputStream();
        byte[] b = new byte[4];
        if (in.readNBytes(b, 0, 4) == 4 && new String(b, StandardCharsets.US_ASCII).equals("SSH-"))
          return true;
      } catch (IOException e) {
        // not yet listening
      }
      Thread.sleep(20);
    }
    return false;
  }

  /**
   * Options for root at this server: its port, the client key, its known_hosts, no config file, no
   * agent.
   */
  public Ssh.Builder client() {
    return Ssh.to("root@127.0.0.1")
        .port(port)
        .identity(clientKey)
        .knownHosts(knownHosts)
        .noConfig()
        .agent(false);
  }

  /** The server's log so far (its stderr). */
  public String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  public long pid() {
    return process.pid();
  }

  private final java.util.List<Path> owned = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A folder the test made for this server (keys, say), removed with the server's own. */
  public SshServer alsoRemove(Path folder) {
    owned.add(folder);
    return this;
  }

  /** Stops sshd and removes its folder, private keys included: a test leaves nothing behind. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(onJvmExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: stop() below is idempotent
    }
    stop();
  }

  private void stop() {
    if (!stopped.compareAndSet(false, true)) return;
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    removeTree(dir);
    owned.forEach(SshServer::removeTree);
  }

  private static void removeTree(Path root) {
    try (java.util.stream.Stream<Path> all = Files.walk(root)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // already gone
    }
  }
}
