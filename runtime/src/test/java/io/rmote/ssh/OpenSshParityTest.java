package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Become;
import io.rmote.Remote;
import io.rmote.ToolDescriptor;
import io.rmote.testing.SshServer;
import io.rmote.testing.TestHosts;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs that OpenSSH handles, each against a real sshd: host keys, addresses, busy
 * servers, shells, locales.
 */
class OpenSshParityTest {
  static final ToolDescriptor INFO =
      ToolDescriptor.fromResource(OpenSshParityTest.class, "tools/hostinfo.py", "HostInfo");
  static final List<String> SHELLS = List.of("sh", "dash", "bash", "zsh", "tcsh", "csh", "fish");

  @TempDir Path tmp;

  private static Remote open(Ssh.Builder ssh) {
    return Remote.builder().ssh(ssh.build()).connect();
  }

  private static String run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", argv) + ": " + out);
    return out;
  }

  private static String pub(Path key) throws Exception {
    String[] w = Files.readString(key.resolveSibling(key.getFileName() + ".pub")).trim().split(" ");
    return w[0] + " " + w[1];
  }

  @Test
  void aCertAuthorityLineAloneLeavesAPlainKeyUnknownAndAcceptsAHostCertificate() throws Exception {
    Path ca = SshServer.keygen(tmp.resolve("ca"), "");
    Path hostKey = SshServer.keygen(tmp.resolve("host_ed25519"), "");
    run(
        "ssh-keygen",
        "-q",
        "-s",
        ca.toString(),
        "-h",
        "-I",
        "rmote-test-host",
        "-n",
        "127.0.0.1",
        hostKey + ".pub");
    Path known = tmp.resolve("known_hosts");
    try (SshServer plain = SshServer.start(hostKey, null)) {
      Files.writeString(known, "@cert-authority [127.0.0.1]:" + plain.port + " " + pub(ca) + "\n");
      for (HostKeyPolicy policy : List.of(HostKeyPolicy.STRICT)) {
        HostKeyException e =
            assertThrows(
                HostKeyException.class,
                () -> open(plain.client().knownHosts(known).hostKeyPolicy(policy)));
        assertFalse(e.changed(), e.getMessage());
        assertTrue(e.getMessage().startsWith("unknown host key"), e.getMessage());
      }
    }
    try (SshServer certified =
        SshServer.start(hostKey, null, "HostCertificate " + hostKey + "-cert.pub")) {
      Files.writeString(
          known, "@cert-authority [127.0.0.1]:" + certified.port + " " + pub(ca) + "\n");
      try (Remote r = open(certified.client().knownHosts(known))) {
        assertEquals("root", r.call(INFO, "whoami", String.class));
      }
      // OpenSSH agrees
      run(
          "ssh",
          "-o",
          "BatchMode=yes",
          "-o",
          "UserKnownHostsFile=" + known,
          "-o",
          "GlobalKnownHostsFile=/dev/null",
          "-o",
          "StrictHostKeyChecking=yes",
          "-i",
          certified.clientKey.toString(),
          "-p",
          String.valueOf(certified.port),
          "-F",
          "/dev/null",
          "root@127.0.0.1",
          "true");
    }
  }

  @Test
  void aRevokedKeyIsRefusedUnderEveryPolicy() throws Exception {
    try (SshServer s = SshServer.start()) {
      Path known = tmp.resolve("known_hosts");
      Files.writeString(
          known, "@revoked * " + pub(s.hostKey) + "\n" + Files.readString(s.knownHosts));
      for (HostKeyPolicy policy : HostKeyPolicy.values()) {
        HostKeyException e =
            assertThrows(
                HostKeyException.class,
                () -> open(s.client().knownHosts(known).hostKeyPolicy(policy)),
                policy.name());
        assertTrue(e.revoked() && e.changed(), e.getMessage());
        assertTrue(e.getMessage().contains("REVOKED HOST KEY DETECTED"), e.getMessage());
      }
      // OpenSSH refuses too
      Process p =
          new ProcessBuilder(
                  "ssh",
                  "-o",
                  "BatchMode=yes",
                  "-o",
                  "UserKnownHostsFile=" + known,
                  "-o",
                  "GlobalKnownHostsFile=/dev/null",
                  "-i",
                  s.clientKey.toString(),
                  "-p",
                  String.valueOf(s.port),
                  "-F",
                  "/dev/null",
                  "root@127.0.0.1",
                  "true")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor() != 0 && out.contains("REVOKED"), out);
    }
  }

  @Test
  void knownHostsPatternsHashedNamesAndSeveralFilesAsSshKeygenFindsThem() throws Exception {
    try (SshServer s = SshServer.start()) {
      String key = pub(s.hostKey);
      Path hashed = tmp.resolve("hashed");
      Files.writeString(hashed, "[127.0.0.1]:" + s.port + " " + key + "\n");
      run("ssh-keygen", "-H", "-f", hashed.toString());
      Path empty = tmp.resolve("empty");
      Files.writeString(empty, "# nothing\n");
      Path negated = tmp.resolve("negated");
      Files.writeString(negated, "[127.0.0.?]:*,!other " + key + "\n");
      for (Path f : List.of(hashed, negated)) {
        String found = run("ssh-keygen", "-F", "[127.0.0.1]:" + s.port, "-f", f.toString());
        assertTrue(found.contains(key.split(" ")[1]), found);
        try (Remote r =
            open(s.client().knownHosts(empty).option("UserKnownHostsFile", empty + " " + f))) {
          assertEquals("root", r.call(INFO, "whoami", String.class));
        }
      }
      // HostKeyAlias: the key is looked up under the alias
      Path alias = tmp.resolve("alias");
      Files.writeString(alias, "myalias " + key + "\n");
      try (Remote r = open(s.client().knownHosts(alias).option("HostKeyAlias", "myalias"))) {
        assertEquals("root", r.call(INFO, "whoami", String.class));
      }
    }
  }

  @Test
  void proxyCommandFromTheConfigFile() throws Exception {
    try (SshServer bastion = SshServer.start();
        SshServer target = SshServer.start()) {
      Path config = tmp.resolve("config");
      Files.writeString(
          config,
          "Host target\n  HostName 127.0.0.1\n  Port "
              + target.port
              + "\n  User root\n"
              + "  IdentityFile "
              + target.clientKey
              + "\n  ProxyCommand ssh -F /dev/null -o BatchMode=yes -o UserKnownHostsFile="
              + bastion.knownHosts
              + " -i "
              + bastion.clientKey
              + " -p "
              + bastion.port
              + " -W %h:%p root@127.0.0.1\n");
      try (Remote r =
          Remote.builder()
              .ssh(
                  Ssh.to("target")
                      .config(config)
                      .knownHosts(target.knownHosts)
                      .agent(false)
                      .build())
              .connect()) {
        assertEquals("root", r.call(INFO, "whoami", String.class));
      }
      assertTrue(
          bastion.logText().contains("Accepted publickey"),
          "the connection went through the bastion");
    }
  }

  @Test
  void everyAddressIsTriedIPv6AndIPv4() throws Exception {
    Assumptions.assumeTrue(InetAddress.getByName("::1").isLoopbackAddress());
    try (SshServer s = SshServer.start("ListenAddress ::1")) {
      SshLauncher.Resolver before = SshLauncher.RESOLVER;
      SshLauncher.RESOLVER =
          h ->
              h.equals("dual.test")
                  ? new InetAddress[] {
                    InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")
                  }
                  : before.resolve(h);
      try {
        Path known = tmp.resolve("known_hosts");
        Files.writeString(known, "[dual.test]:" + s.port + " " + pub(s.hostKey) + "\n");
        try (Remote r =
            open(
                Ssh.to("root@dual.test")
                    .port(s.port)
                    .identity(s.clientKey)
                    .knownHosts(known)
                    .noConfig()
                    .agent(false))) {
          assertEquals("root", r.call(INFO, "whoami", String.class));
        }
        SshException e =
            assertThrows(
                SshException.class,
                () ->
                    open(
                        Ssh.to("root@dual.test")
                            .port(s.port)
                            .identity(s.clientKey)
                            .knownHosts(known)
                            .noConfig()
                            .agent(false)
                            .option("AddressFamily", "inet")));
        assertTrue(
            e.getMessage().contains("127.0.0.1") && e.getMessage().contains("refused"),
            e.getMessage());
      } finally {
        SshLauncher.RESOLVER = before;
      }
    }
  }

  @Test
  void aFleetOfFortyWith32AtOnceToAnSshdWithTheDefaultMaxStartups() throws Exception {
    try (SshServer s = SshServer.start("MaxStartups 10:30:100")) {
      List<String> hosts = new ArrayList<>();
      for (int i = 0; i < 40; i++) hosts.add("c" + i);
      // a loaded machine may take long to start 40 interpreters: only the SSH part is under test
      try (io.rmote.Fleet fleet =
          io.rmote.Fleet.builder()
              .maxConcurrentConnects(32)
              .connect(
                  hosts,
                  h ->
                      Remote.builder()
                          .name(h)
                          .ssh(s.client().build())
                          .startTimeout(java.time.Duration.ofMinutes(5))
                          .connect())) {
        assertEquals(Map.of(), fleet.failures());
        assertEquals(40, fleet.connected().size());
      }
    }
  }

  @Test
  @SuppressWarnings("try") // the held socket keeps one handshake open while the test runs
  void aServerThatDropsEveryNewConnectionIsSaidToRefuseThem() throws Exception {
    // MaxStartups 1:100:1: while one connection is unauthenticated, sshd drops every new one
    try (SshServer s = SshServer.start("MaxStartups 1:100:1");
        java.net.Socket held = holdUnauthenticated(s.port)) {
      SshException e = assertThrows(SshException.class, () -> open(s.client()));
      assertTrue(
          e.getMessage().contains("refused new connections")
              && e.getMessage().contains("MaxStartups"),
          e.getMessage());
      assertFalse(e.getMessage().startsWith("Connection reset"), e.getMessage());
    }
  }

  /**
   * A connection that got the server's banner and says nothing more: one unauthenticated startup.
   */
  private static java.net.Socket holdUnauthenticated(int port) throws Exception {
    for (int i = 0; ; i++) {
      java.net.Socket held = new java.net.Socket("127.0.0.1", port);
      // the server may still count a closed earlier connection (SshServer's own probe) and drop
      // this one
      // (a dropped connection reads "Exceeded MaxStartups" and its end instead of the banner)
      if (new String(held.getInputStream().readNBytes(4), StandardCharsets.US_ASCII).equals("SSH-"))
        return held;
      held.close();
      if (i == 50) throw new IllegalStateException("sshd dropped every held connection");
      Thread.sleep(100);
    }
  }

  /**
   * A server every local account can log in to with one client key: sshd reads authorized_keys as
   * the account, so the file and its directory must be readable by all.
   */
  private SshServer serverForAllAccounts(String... extra) throws Exception {
    Path dir = Files.createTempDirectory("rmote-keys");
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path key = SshServer.keygen(dir.resolve("client_ed25519"), "");
    Path auth = dir.resolve("authorized_keys");
    Files.copy(dir.resolve("client_ed25519.pub"), auth);
    Files.setPosixFilePermissions(
        auth, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    List<String> conf = new ArrayList<>(List.of(extra));
    conf.add("AuthorizedKeysFile " + auth);
    return SshServer.start(null, key, conf.toArray(new String[0])).alsoRemove(dir);
  }

  /**
   * Skips (fails if the hosts are promised) unless the per-shell accounts of .ci/hosts.sh exist.
   */
  static void assumeShellAccounts() {
    List<String> missing = new ArrayList<>();
    for (String sh : SHELLS) {
      try {
        if (Files.readAllLines(Path.of("/etc/passwd")).stream()
            .noneMatch(l -> l.startsWith("rmote-sh-" + sh + ":"))) missing.add(sh);
      } catch (java.io.IOException e) {
        missing.add(sh);
      }
    }
    if (!missing.isEmpty() && TestHosts.required()) {
      org.junit.jupiter.api.Assertions.fail(
          "RMOTE_REQUIRE_HOSTS=1 but accounts are missing for " + missing + " (.ci/hosts.sh up)");
    }
    Assumptions.assumeTrue(
        missing.isEmpty(),
        "no rmote-sh-* accounts for " + missing + " (bash .ci/hosts.sh CACHE up)");
  }

  @Test
  void everyLoginShellRunsTheCommandLine() throws Exception {
    assumeShellAccounts();
    try (SshServer s = serverForAllAccounts()) {
      for (String sh : SHELLS) {
        String user = "rmote-sh-" + sh;
        try (Remote r =
            Remote.builder()
                .ssh(s.client().user(user).build())
                .environment("RMOTE_X", "a'b\\c!d\ne $HOME")
                .connect()) {
          assertEquals(user, r.call(INFO, "whoami", String.class), sh);
          assertEquals("a'b\\c!d\ne $HOME", r.call(INFO, "env", String.class, "RMOTE_X"), sh);
        }
        // su's target shell runs the become script (from dash, whose start reads no rc file)
        try (Remote r =
            Remote.builder()
                .ssh(s.client().user("rmote-sh-dash").build())
                .become(Become.su(user).password(TestHosts.PASSWORD.toCharArray()))
                .connect()) {
          assertEquals(user, r.call(INFO, "whoami", String.class), "su to " + sh);
        }
      }
    }
  }

  @Test
  void suPromptsInOtherLanguagesAreAnswered() throws Exception {
    TestHosts.assumeLocalUsers();
    assumeShellAccounts(); // rmote-tuser has no password, and sshd without PAM refuses such a
    // locked account
    for (String locale : List.of("zh_CN.UTF-8", "de_DE.UTF-8")) {
      try (SshServer s =
          serverForAllAccounts("SetEnv LANG=" + locale + " LANGUAGE=" + locale.substring(0, 5))) {
        try (Remote r =
            Remote.builder()
                .ssh(s.client().user("rmote-sh-bash").build())
                .become(Become.su("rmote-tuser2").password(TestHosts.PASSWORD.toCharArray()))
                .connect()) {
          assertEquals("rmote-tuser2", r.call(INFO, "whoami", String.class), locale);
        }
      }
    }
  }
}
