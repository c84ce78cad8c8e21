package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.BootstrapException;
import io.rmote.ConnectionLostException;
import io.rmote.Remote;
import io.rmote.RmoteException;
import io.rmote.ToolDescriptor;
import io.rmote.testing.LogCapture;
import io.rmote.testing.Pythons;
import io.rmote.testing.SshServer;
import io.rmote.testing.TestHosts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH transport against a real OpenSSH server on loopback, started by the test. */
class SshTest {
  static final ToolDescriptor PROBE =
      ToolDescriptor.fromResource(SshTest.class, "tools/probe.py", "Probe");
  static final ToolDescriptor INFO =
      ToolDescriptor.fromResource(SshTest.class, "tools/hostinfo.py", "HostInfo");

  static SshServer server;

  @TempDir Path tmp;

  @BeforeAll
  static void startServer() {
    server = SshServer.start("LogLevel DEBUG1");
  }

  @AfterAll
  static void stopServer() {
    if (server != null) server.close();
  }

  // ---- the reference page's quick start -------------------------------------------------

  @Test
  void quickStart_remoteSshWithAnAliasFromTheUsersConfig() throws Exception {
    // Remote.ssh("alias") with nothing but ~/.ssh: config (alias, HostName, User, Port,
    // IdentityFile) and known_hosts, as OpenSSH would use them.
    Path home = tmp.resolve("home");
    Path dotSsh = Files.createDirectories(home.resolve(".ssh"));
    Files.copy(server.knownHosts, dotSsh.resolve("known_hosts"));
    Files.writeString(
        dotSsh.resolve("config"),
        "Host web1\n  HostName 127.0.0.1\n  User root\n  Port "
            + server.port
            + "\n  IdentityFile %d/.ssh/lab_key\n");
    Files.copy(server.clientKey, dotSsh.resolve("lab_key"));
    String before = System.getProperty("user.home");
    System.setProperty("user.home", home.toString());
    try (Remote remote = Remote.ssh("web1")) {
      String content = remote.call(INFO, "read_str", String.class, "/etc/hostname");
      assertEquals(Files.readString(Path.of("/etc/hostname")), content);
      assertEquals("web1", remote.name());
      assertEquals("root", remote.call(INFO, "whoami", String.class));
    } finally {
      System.setProperty("user.home", before);
    }
  }

  @Test
  void quickStart_userAtHost() {
    try (Remote remote = Remote.builder().ssh(server.client().build()).connect()) {
      assertTrue(remote.pythonVersion().startsWith("3."), remote.pythonVersion());
      assertEquals(
          Files.exists(Path.of("/etc/hostname")),
          remote.call(INFO, "read_str", String.class, "/etc/hostname") != null);
      assertEquals("root@127.0.0.1:" + server.port, remote.name());
    }
  }

  @Test
  void everyPyenvPythonAsTheRemoteInterpreter() {
    // The remote side of an SSH connection on the oldest CPythons this machine has, 3.6 included.
    for (Pythons.Python python : Pythons.pyenv()) {
      String interpreter = python.command().get(0);
      try (Remote remote =
          Remote.builder().ssh(server.client().build()).python(interpreter).connect()) {
        assertEquals(python.label().substring("pyenv-".length()), remote.pythonVersion());
        assertEquals(7L, remote.call(PROBE, "echo", Long.class, 7L));
      }
    }
  }

  @Test
  void manyCallsInFlightOnOneConnection() throws Exception {
    try (Remote remote = Remote.builder().ssh(server.client().build()).connect()) {
      List<CompletableFuture<Long>> calls = new ArrayList<>();
      for (long i = 0; i < 200; i++) calls.add(remote.callAsync(PROBE, "echo", Long.class, i));
      CompletableFuture<Double> slow = remote.callAsync(PROBE, "sleep", Double.class, 0.5);
      for (int i = 0; i < calls.size(); i++)
        assertEquals(i, calls.get(i).get(60, TimeUnit.SECONDS));
      assertEquals(0.5, slow.get(60, TimeUnit.SECONDS));
      byte[] big = remote.call(PROBE, "blob", byte[].class, 8L << 20);
      assertEquals(8 << 20, big.length);
    }
  }

  // ---- each option -------------------------------------------------------------------------

  @Test
  void optionsInTheFormOfTheReferencePage() {
    // from_ssh("myserver", user=, port=, identity=, python=, ssh_options=[...])
    Ssh ssh =
        Ssh.to("127.0.0.1")
            .user("root")
            .port(server.port)
            .identity(server.clientKey)
            .options("-o", "StrictHostKeyChecking=accept-new", "-o", "Ciphers=aes128-ctr")
            .knownHosts(tmp.resolve("kh"))
            .noConfig()
            .agent(false)
            .build();
    assertEquals(HostKeyPolicy.ACCEPT_NEW, ssh.hostKeyPolicy());
    try (Remote remote = Remote.builder().ssh(ssh).python("/usr/bin/python3").connect()) {
      assertEquals("/usr/bin/python3", remote.call(PROBE, "executable", String.class));
    }
    assertTrue(
        server.logText().contains("cipher: aes128-ctr"),
        "the server negotiated the cipher asked for");
  }

  @Test
  void targetStringWithPort() {
    Ssh ssh =
        Ssh.to("root@127.0.0.1:" + server.port)
            .identity(server.clientKey)
            .knownHosts(server.knownHosts)
            .noConfig()
            .agent(false)
            .build();
    assertEquals(server.port, ssh.port());
    assertEquals("root", ssh.user().orElseThrow());
    try (Remote remote = Remote.builder().ssh(ssh).connect()) {
      assertEquals("root", remote.call(INFO, "whoami", String.class));
    }
  }

  @Test
  void identityFileWithPassphrase() throws Exception {
    Path key = SshServer.keygen(tmp.resolve("enc_key"), "key-Passphrase-42");
    try (SshServer s = SshServer.start(null, key);
        LogCapture logs = new LogCapture()) {
      try (Remote remote =
          Remote.builder()
              .ssh(
                  Ssh.to("root@127.0.0.1")
                      .port(s.port)
                      .identity(key, "key-Passphrase-42".toCharArray())
                      .knownHosts(s.knownHosts)
                      .noConfig()
                      .agent(false)
                      .build()
                      .toBuilder()
                      .build())
              .connect()) {
        assertEquals("root", remote.call(INFO, "whoami", String.class));
      }
      AuthenticationException wrong =
          assertThrows(
              AuthenticationException.class,
              () ->
                  Remote.builder()
                      .ssh(
                          Ssh.to("root@127.0.0.1")
                              .port(s.port)
                              .identity(key, "not-it-99".toCharArray())
                              .knownHosts(s.knownHosts)
                              .noConfig()
                              .agent(false)
                              .build())
                      .connect());
      assertTrue(wrong.getMessage().contains("wrong passphrase"), wrong.getMessage());
      assertFalse(wrong.getMessage().contains("not-it-99"));
      AuthenticationException none =
          assertThrows(
              AuthenticationException.class,
              () ->
                  Remote.builder()
                      .ssh(
                          Ssh.to("root@127.0.0.1")
                              .port(s.port)
                              .identity(key)
                              .knownHosts(s.knownHosts)
                              .noConfig()
                              .agent(false)
                              .build())
                      .connect());
      assertTrue(none.getMessage().contains("no passphrase"), none.getMessage());
      assertFalse(logs.lines().isEmpty());
      for (String line : logs.lines()) {
        assertFalse(line.contains("key-Passphrase-42") || line.contains("not-it-99"), line);
      }
    }
  }

  @Test
  void passwordAuthentication_secretNeverInMessagesOrLogs() {
    TestHosts.assumeLocalUsers();
    try (SshServer s = SshServer.start("PasswordAuthentication yes");
        LogCapture logs = new LogCapture()) {
      Ssh.Builder b =
          Ssh.to("rmote-tuser2@127.0.0.1")
              .port(s.port)
              .knownHosts(s.knownHosts)
              .noConfig()
              .agent(false);
      try (Remote remote =
          Remote.builder().ssh(b.password(TestHosts.PASSWORD.toCharArray()).build()).connect()) {
        assertEquals("rmote-tuser2", remote.call(INFO, "whoami", String.class));
      }
      AuthenticationException e =
          assertThrows(
              AuthenticationException.class,
              () ->
                  Remote.builder().ssh(b.password("Wrong-pw-123".toCharArray()).build()).connect());
      assertTrue(
          e.getMessage().contains("rmote-tuser2") && e.getMessage().contains("password"),
          e.getMessage());
      assertFalse(e.getMessage().contains("Wrong-pw-123"));
      assertFalse(b.build().toString().contains("Wrong-pw-123"), b.build().toString());
      assertFalse(logs.lines().isEmpty());
      for (String line : logs.lines()) {
        assertFalse(line.contains(TestHosts.PASSWORD) || line.contains("Wrong-pw-123"), line);
      }
    }
  }

  @Test
  void sshAgent() throws Exception {
    Path key = SshServer.keygen(tmp.resolve("agent_key"), "");
    Path sock = tmp.resolve("agent.sock");
    Process agent =
        new ProcessBuilder("ssh-agent", "-D", "-a", sock.toString())
            .redirectErrorStream(true)
            .start();
    try {
      for (int i = 0; i < 3000 && !Files.exists(sock); i++) Thread.sleep(10);
      assertTrue(Files.exists(sock), "ssh-agent made no socket within 30 s");
      ProcessBuilder add = new ProcessBuilder("ssh-add", key.toString()).redirectErrorStream(true);
      add.environment().put("SSH_AUTH_SOCK", sock.toString());
      Process p = add.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), out);
      try (SshServer s = SshServer.start(null, key);
          Remote remote =
              Remote.builder()
                  .ssh(
                      Ssh.to("root@127.0.0.1")
                          .port(s.port)
                          .knownHosts(s.knownHosts)
                          .noConfig()
                          .agentSocket(sock)
                          .build())
                  .connect()) {
        assertEquals("root", remote.call(INFO, "whoami", String.class));
      }
    } finally {
      agent.destroy();
      agent.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void keyExchangeIsTheFirstOfJschsThatTheServerHas() {
    // JSch offers mlkem768x25519-sha256 (where the JDK has ML-KEM, 24 and later) and then
    // curve25519-sha256 before the NIST curves, as OpenSSH does; this server (Debian 12's
    // OpenSSH 9.2) has no ML-KEM hybrid, a newer one does.
    String before = server.logText();
    try (Remote remote = Remote.builder().ssh(server.client().build()).connect()) {
      assertEquals("x", remote.call(PROBE, "echo", String.class, "x"));
    }
    String log = server.logText().substring(before.length());
    assertTrue(
        log.contains("kex: algorithm: curve25519-sha256 ")
            || log.contains("kex: algorithm: mlkem768x25519-sha256 "),
        log);
  }

  @Test
  void compressionOnAndOff() {
    String before = server.logText();
    try (Remote remote =
        Remote.builder().ssh(server.client().compression(true).build()).connect()) {
      assertEquals(4 << 20, remote.call(PROBE, "blob", byte[].class, 4L << 20).length);
    }
    String on = server.logText().substring(before.length());
    assertTrue(on.contains("compression: zlib@openssh.com"), "compression was negotiated");
    try (Remote remote =
        Remote.builder().ssh(server.client().compression(false).build()).connect()) {
      assertEquals("x", remote.call(PROBE, "echo", String.class, "x"));
    }
    String off = server.logText().substring(before.length() + on.length());
    assertTrue(off.contains("compression: none"), "no compression");
  }

  @Test
  void environmentAndHostilePythonPathsAreQuoted() throws Exception {
    Path witness = tmp.resolve("pwned");
    String w = witness.toString();
    List<String> hostile =
        List.of(
            "python3; touch " + w,
            "$(touch " + w + ")",
            "`touch " + w + "`",
            "python3\ntouch " + w,
            "python3' ; touch " + w + "; '",
            "python3 && touch " + w,
            "|touch " + w,
            "-c touch " + w);
    for (String python : hostile) {
      BootstrapException e =
          assertThrows(
              BootstrapException.class,
              () -> Remote.builder().ssh(server.client().build()).python(python).connect(),
              python);
      assertTrue(e.getMessage().contains("127") || e.getMessage().contains("126"), e.getMessage());
      assertFalse(Files.exists(witness), "the shell ran a hostile python path: " + python);
    }
    String value = "$(touch " + w + ") `touch " + w + "` '; touch " + w + "; '\nx";
    try (Remote remote =
        Remote.builder()
            .ssh(server.client().build())
            .environment("RMOTE_HOSTILE", value)
            .connect()) {
      assertEquals(value, remote.call(INFO, "env", String.class, "RMOTE_HOSTILE"));
    }
    assertFalse(Files.exists(witness));
  }

  @Test
  void timeouts() throws Exception {
    // A server that accepts and never says a word: the authentication timeout ends the wait.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Thread acceptor =
          new Thread(
              () -> {
                List<Socket> held = new ArrayList<>();
                try {
                  while (true) held.add(silent.accept());
                } catch (IOException e) {
                  held.forEach(
                      s -> {
                        try {
                          s.close();
                        } catch (IOException ignored) {
                          // closing
                        }
                      });
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      long t0 = System.nanoTime();
      SshException e =
          assertThrows(
              SshException.class,
              () ->
                  Remote.builder()
                      .ssh(
                          Ssh.to("root@127.0.0.1")
                              .port(silent.getLocalPort())
                              .authTimeout(Duration.ofMillis(700))
                              .noConfig()
                              .agent(false)
                              .knownHosts(server.knownHosts)
                              .build())
                      .connect());
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(e.getMessage().contains("timed out"), e.getMessage());
      // Without the timeout the wait has no end; the bound leaves room for a loaded machine.
      assertTrue(ms < 30_000, ms + " ms");
    }
    // A full accept queue drops the SYN: the connect timeout ends the wait.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      List<Socket> fillers = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          Socket s = new Socket();
          try {
            s.connect(full.getLocalSocketAddress(), 200);
            fillers.add(s);
          } catch (IOException queueFull) {
            s.close();
            break;
          }
        }
        long t0 = System.nanoTime();
        SshException e =
            assertThrows(
                SshException.class,
                () ->
                    Remote.builder()
                        .ssh(
                            Ssh.to("root@127.0.0.1")
                                .port(full.getLocalPort())
                                .connectTimeout(Duration.ofMillis(500))
                                .noConfig()
                                .agent(false)
                                .knownHosts(server.knownHosts)
                                .build())
                        .connect());
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(
            e.getMessage().contains("timed out") || e.getMessage().contains("connect"),
            e.getMessage());
        // Without the timeout the kernel's SYN retries take minutes.
        assertTrue(ms < 30_000, ms + " ms");
      } finally {
        for (Socket s : fillers) s.close();
      }
    }
    SshException refused =
        assertThrows(
            SshException.class,
            () ->
                Remote.builder()
                    .ssh(Ssh.to("root@127.0.0.1").port(freePort()).noConfig().agent(false).build())
                    .connect());
    assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
    SshException unknown =
        assertThrows(
            SshException.class,
            () ->
                Remote.builder()
                    .ssh(Ssh.to("root@no-such-host.invalid").noConfig().agent(false).build())
                    .connect());
    assertTrue(unknown.getMessage().contains("no-such-host.invalid"), unknown.getMessage());
  }

  @Test
  void keepAliveNoticesAFrozenServer() throws Exception {
    try (Remote remote =
        Remote.builder()
            .ssh(server.client().keepAlive(Duration.ofMillis(300), 2).build())
            .connect()) {
      long pid = remote.call(PROBE, "pid", Long.class);
      // Every process of this connection on the server side: its sshd processes and the
      // interpreter.
      List<ProcessHandle> session = new ArrayList<>();
      ProcessHandle py = ProcessHandle.of(pid).orElseThrow();
      for (ProcessHandle h = py; h != null && h.pid() != server.pid(); h = h.parent().orElse(null))
        session.add(h);
      CompletableFuture<Double> pending = remote.callAsync(PROBE, "sleep", Double.class, 300.0);
      signal("STOP", session);
      try {
        // About a second here (three 300 ms intervals); the bound is a hang guard.
        ExecutionException e =
            assertThrows(ExecutionException.class, () -> pending.get(60, TimeUnit.SECONDS));
        assertInstanceOf(ConnectionLostException.class, e.getCause());
      } finally {
        signal("CONT", session);
      }
    }
  }

  // ---- failures ----------------------------------------------------------------------------

  @Test
  void aWrongKeyIsRefused() throws Exception {
    Path other = SshServer.keygen(tmp.resolve("other_key"), "");
    AuthenticationException e =
        assertThrows(
            AuthenticationException.class,
            () ->
                Remote.builder()
                    .ssh(
                        Ssh.to("root@127.0.0.1")
                            .port(server.port)
                            .identity(other)
                            .knownHosts(server.knownHosts)
                            .noConfig()
                            .agent(false)
                            .build())
                    .connect());
    assertTrue(e.getMessage().contains(other.toString()), e.getMessage());
    assertEquals("root@127.0.0.1:" + server.port, e.host());
  }

  @Test
  void aRemoteWithoutPythonFailsWithItsStderr() {
    BootstrapException e =
        assertThrows(
            BootstrapException.class,
            () ->
                Remote.builder()
                    .ssh(server.client().build())
                    .python("/nonexistent/python3")
                    .connect());
    assertTrue(e.getMessage().contains("status 127"), e.getMessage());
    assertTrue(e.getMessage().contains("is Python 3 installed"), e.getMessage());
    assertTrue(e.remoteStderr().contains("/nonexistent/python3"), e.remoteStderr());
  }

  @Test
  void noiseBeforeReadyIsToleratedAndKeptWhenStartFails() throws Exception {
    // A login shell's banner on stdout and stderr, then the real interpreter: the start succeeds.
    Path chatty =
        script(
            "chatty",
            "#!/bin/sh\necho 'Welcome to the banner'\necho 'motd on stderr' >&2\nexec /usr/bin/python3 \"$@\"\n");
    try (Remote remote =
        Remote.builder().ssh(server.client().build()).python(chatty.toString()).connect()) {
      assertEquals("x", remote.call(PROBE, "echo", String.class, "x"));
    }
    // The same banners and then a failure: both are in the exception.
    Path broken =
        script(
            "broken",
            "#!/bin/sh\necho 'Welcome to the banner'\necho 'libpython3.so: cannot open shared object' >&2\nexit 1\n");
    BootstrapException e =
        assertThrows(
            BootstrapException.class,
            () ->
                Remote.builder().ssh(server.client().build()).python(broken.toString()).connect());
    assertTrue(e.remoteStdout().contains("Welcome to the banner"), e.getMessage());
    assertTrue(e.remoteStderr().contains("cannot open shared object"), e.getMessage());
    // A Python that says it is too old.
    Path old =
        script(
            "old",
            "#!/usr/bin/python3\nimport os, re, sys\nt = int(re.search(r'T,L,Z,K,B=(\\d+),', sys.argv[-1]).group(1))\n"
                + "sys.stderr.write('Python 2.7.18 here\\n'); sys.stderr.flush()\nos.write(1, ('%x old 2.7.18\\n' % t).encode())\n");
    BootstrapException tooOld =
        assertThrows(
            BootstrapException.class,
            () -> Remote.builder().ssh(server.client().build()).python(old.toString()).connect());
    assertTrue(tooOld.getMessage().contains("too old"), tooOld.getMessage());
  }

  @Test
  void aRemoteClosingMidCallFailsThePendingCalls() throws Exception {
    try (Remote remote = Remote.builder().ssh(server.client().build()).connect()) {
      assertThrows(ConnectionLostException.class, () -> remote.call(PROBE, "die", Object.class));
      assertFalse(remote.isOpen());
    }
    // The server side of the connection dies while calls are pending.
    try (Remote remote = Remote.builder().ssh(server.client().build()).connect()) {
      long pid = remote.call(PROBE, "pid", Long.class);
      ProcessHandle sshdSession = ProcessHandle.of(pid).orElseThrow().parent().orElseThrow();
      List<CompletableFuture<Double>> pending = new ArrayList<>();
      for (int i = 0; i < 5; i++)
        pending.add(remote.callAsync(PROBE, "sleep", Double.class, 120.0));
      Thread.sleep(100);
      long t0 = System.nanoTime();
      sshdSession.destroyForcibly();
      for (CompletableFuture<Double> f : pending) {
        ExecutionException e =
            assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
        RmoteException lost = assertInstanceOf(ConnectionLostException.class, e.getCause());
        assertEquals("sleep", lost.method());
      }
      // Well before the calls would have ended; the bound leaves room for a loaded machine.
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(ms < 30_000, "pending calls failed after " + ms + " ms");
      assertThrows(
          ConnectionLostException.class, () -> remote.call(PROBE, "echo", String.class, "x"));
    }
  }

  @Test
  void closeEndsTheRemoteInterpreter() throws Exception {
    Remote remote = Remote.builder().ssh(server.client().build()).connect();
    long pid = remote.call(PROBE, "pid", Long.class);
    remote.close();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
        && System.nanoTime() < until) Thread.sleep(10);
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertNotNull(remote.toString());
  }

  private Path script(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  private static void signal(String sig, List<ProcessHandle> processes) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("kill", "-" + sig));
    for (ProcessHandle h : processes) cmd.add(Long.toString(h.pid()));
    new ProcessBuilder(cmd).start().waitFor();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
