package io.rmote.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.rmote.ssh.HostKeyPolicy;
import io.rmote.ssh.Ssh;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The real hosts of {@code .ci/hosts.sh CACHE up}: Debian roots booted with systemd-nspawn in
 * network namespaces at 10.200.0.11-14, each with its own sshd and Python, and the local test users
 * {@code rmote-tuser}/{@code rmote-tuser2}. {@code .ci/test} brings them up, exports {@code
 * RMOTE_TEST_HOSTS=CACHE} and {@code RMOTE_REQUIRE_HOSTS=1}: then a missing host or user fails the
 * test. Run any other way (an IDE, a plain {@code mvn test}), such tests are skipped with a message
 * saying how to bring the hosts up.
 */
public final class TestHosts {
  /** One booted host: its name (the suite), address and Python version. */
  public record Host(String name, String address, String python) {
    @Override
    public String toString() {
      return name;
    }
  }

  public static final String PASSWORD = "S3cret-pw";

  private TestHosts() {}

  /**
   * Whether the test command promised the hosts ({@code RMOTE_REQUIRE_HOSTS=1}): then nothing may
   * skip.
   */
  public static boolean required() {
    // Only the project's own variable: most CI services set CI, which says nothing about hosts.
    return "1".equals(System.getenv("RMOTE_REQUIRE_HOSTS"));
  }

  public static Path cache() {
    String env = System.getenv("RMOTE_TEST_HOSTS");
    return Path.of(env != null ? env : "/var/cache/rmote-hosts");
  }

  /** The client key every host's root, tuser and tuser2 accept. */
  public static Path key() {
    return cache().resolve("keys/id_ed25519");
  }

  /**
   * The booted hosts; a skip if there are none (a failure if {@link #required()}, also for any host
   * down).
   */
  public static List<Host> hosts() {
    List<Host> hosts = new ArrayList<>();
    Path tsv = cache().resolve("hosts.tsv");
    try {
      if (Files.isReadable(tsv) && Files.isReadable(key())) {
        for (String line : Files.readAllLines(tsv)) {
          String[] f = line.split("\t");
          if (f.length < 4 || f[0].equals("name") || f[0].equals("loopback")) continue;
          if (!f[3].startsWith("DOWN") && running(f[0]) && answersSsh(f[1], 22)) {
            hosts.add(new Host(f[0], f[1], f[3]));
          } else if (required()) {
            fail("RMOTE_REQUIRE_HOSTS=1 but the test host " + f[0] + " (" + f[1] + ") is down");
          }
        }
      }
    } catch (IOException e) {
      // treated as no hosts
    }
    if (hosts.isEmpty()) {
      if (required())
        fail(
            "RMOTE_REQUIRE_HOSTS=1 but no test hosts are up under "
                + cache()
                + " (.ci/test runs .ci/hosts.sh up)");
      Assumptions.abort(
          "no test hosts up under " + cache() + " (bash .ci/hosts.sh " + cache() + " up)");
    }
    return hosts;
  }

  /**
   * Options for {@code user} at {@code host}: the lab key, a known_hosts of its own, new keys
   * recorded.
   */
  public static Ssh.Builder ssh(Host host, String user, Path knownHosts) {
    return Ssh.to(user + "@" + host.address())
        .identity(key())
        .knownHosts(knownHosts)
        .hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW)
        .noConfig()
        .agent(false);
  }

  /**
   * Skips (fails if {@link #required()}) unless this machine has sudo: a fresh Debian has su but
   * not sudo, which the test command installs.
   */
  public static void assumeSudo() {
    boolean ok = Files.isExecutable(Path.of("/usr/bin/sudo"));
    if (!ok && required()) fail("RMOTE_REQUIRE_HOSTS=1 but /usr/bin/sudo is missing");
    Assumptions.assumeTrue(ok, "no /usr/bin/sudo on this machine: the test is skipped");
  }

  /** Skips (fails if {@link #required()}) unless the local test users exist. */
  public static void assumeLocalUsers() {
    boolean ok =
        userExists("rmote-tuser")
            && userExists("rmote-tuser2")
            && "root".equals(System.getProperty("user.name"));
    if (!ok && required())
      fail(
          "RMOTE_REQUIRE_HOSTS=1 but the local test users are missing (.ci/hosts.sh up makes them)");
    Assumptions.assumeTrue(
        ok, "no local test users rmote-tuser/rmote-tuser2 (bash .ci/hosts.sh CACHE up)");
  }

  static boolean userExists(String user) {
    try {
      return Files.readAllLines(Path.of("/etc/passwd")).stream()
          .anyMatch(l -> l.startsWith(user + ":"));
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the host's systemd-nspawn, as {@code .ci/hosts.sh up} recorded it, still runs. */
  private static boolean running(String suite) {
    Path pid = cache().resolve("run").resolve(suite).resolve("nspawn.pid");
    try {
      long p = Long.parseLong(Files.readString(pid).strip());
      return ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  /**
   * Whether an SSH server answers at {@code address}: its identification line, not a bare TCP
   * connect, since some networks accept a connect to any address.
   */
  private static boolean answersSsh(String address, int port) {
    // Where the hosts must be up, a busy sshd (its MaxStartups) or a loaded machine gets more
    // time and two more tries before the host counts as down and the run fails.
    boolean required = required();
    for (int attempt = required ? 3 : 1; attempt > 0; attempt--) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(address, port), required ? 5_000 : 1_000);
        s.setSoTimeout(required ? 15_000 : 3_000);
        byte[] banner = new byte[8];
        int n = s.getInputStream().readNBytes(banner, 0, banner.length);
        if (new String(banner, 0, n, StandardCharsets.US_ASCII).startsWith("SSH-2.0-")) return true;
      } catch (IOException e) {
        // down, or not yet answering: tried again below if required
      }
      if (attempt > 1) pause();
    }
    return false;
  }

  private static void pause() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
