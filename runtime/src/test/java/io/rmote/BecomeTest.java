package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.internal.launch.BecomeHandshake;
import io.rmote.testing.LogCapture;
import io.rmote.testing.TestHosts;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Become on local connections, with the real sudo and su of this machine and its test users
 * (rmote-tuser: sudo NOPASSWD, doas nopass; rmote-tuser2: password, sudo with password), made by
 * {@code .ci/hosts.sh up}. {@code runuser} starts the connection as a test user first, so that sudo
 * and su really ask for passwords.
 */
class BecomeTest {
  static final ToolDescriptor INFO =
      ToolDescriptor.fromResource(BecomeTest.class, "tools/hostinfo.py", "HostInfo");
  static final String PY = "/usr/bin/python3";

  @BeforeEach
  void users() {
    TestHosts.assumeLocalUsers();
  }

  static Remote.Builder as(String user) {
    return Remote.builder().command("runuser", "-u", user, "--", PY).name("local-" + user);
  }

  @Test
  void sudoWithoutPassword() {
    try (Remote r = Remote.builder().command(PY).become(Become.sudo("rmote-tuser")).connect()) {
      assertEquals("rmote-tuser", r.call(INFO, "whoami", String.class));
    }
    try (Remote r = as("rmote-tuser").become(Become.sudo()).connect()) {
      assertEquals("root", r.call(INFO, "whoami", String.class));
    }
  }

  @Test
  void sudoWithAPassword_neverLogged() {
    try (LogCapture logs = new LogCapture()) {
      try (Remote r =
          as("rmote-tuser2")
              .become(Become.sudo().password(TestHosts.PASSWORD.toCharArray()))
              .connect()) {
        assertEquals("root", r.call(INFO, "whoami", String.class));
        assertEquals(0L, r.call(INFO, "uid", Long.class));
        // It went to sudo's stdin: no command line on the machine holds it (sudo, the
        // interpreter and every other process are running now).
        assertFalse(anyCommandLineContains(TestHosts.PASSWORD));
      }
      BootstrapException wrong =
          assertThrows(
              BootstrapException.class,
              () ->
                  as("rmote-tuser2")
                      .become(Become.sudo().password("Not-the-pw-7".toCharArray()))
                      .connect());
      assertTrue(wrong.getMessage().contains("refused"), wrong.getMessage());
      assertFalse(wrong.getMessage().contains("Not-the-pw-7"));
      for (String line : logs.lines()) {
        assertFalse(line.contains(TestHosts.PASSWORD) || line.contains("Not-the-pw-7"), line);
      }
    }
  }

  private static boolean anyCommandLineContains(String secret) {
    try (java.util.stream.Stream<java.nio.file.Path> procs =
        java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
      return procs.anyMatch(
          p -> {
            try {
              byte[] argv = java.nio.file.Files.readAllBytes(p.resolve("cmdline"));
              return new String(argv, java.nio.charset.StandardCharsets.UTF_8).contains(secret);
            } catch (java.io.IOException | RuntimeException e) {
              return false; // not a process, or it ended
            }
          });
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aPasswordThatIsNotNeededIsNotSent() {
    // NOPASSWD: sudo never prompts, so the password must not reach the interpreter's stdin.
    try (Remote r =
        as("rmote-tuser").become(Become.sudo().password("unused".toCharArray())).connect()) {
      assertEquals("root", r.call(INFO, "whoami", String.class));
    }
  }

  @Test
  void sudoAskingForAPasswordNoneGiven() {
    BootstrapException e =
        assertThrows(
            BootstrapException.class, () -> as("rmote-tuser2").become(Become.sudo()).connect());
    assertTrue(e.getMessage().contains("password is required"), e.getMessage());
  }

  @Test
  void suFromRootAndWithAPassword() {
    try (Remote r = Remote.builder().command(PY).become(Become.su("rmote-tuser")).connect()) {
      assertEquals("rmote-tuser", r.call(INFO, "whoami", String.class));
    }
    try (Remote r =
        as("rmote-tuser")
            .become(Become.su("rmote-tuser2").password(TestHosts.PASSWORD.toCharArray()))
            .connect()) {
      assertEquals("rmote-tuser2", r.call(INFO, "whoami", String.class));
    }
    BootstrapException none =
        assertThrows(
            BootstrapException.class,
            () -> as("rmote-tuser").become(Become.su("rmote-tuser2")).connect());
    assertTrue(
        none.getMessage().contains("asks for a password and none was given"), none.getMessage());
    BootstrapException wrong =
        assertThrows(
            BootstrapException.class,
            () ->
                as("rmote-tuser")
                    .become(Become.su("rmote-tuser2").password("nope-nope".toCharArray()))
                    .connect());
    assertFalse(wrong.getMessage().contains("nope-nope"));
  }

  @Test
  void doasWithoutPassword() {
    // .ci/hosts.sh up installs opendoas and permits rmote-tuser -> root and root -> rmote-tuser,
    // nopass.
    try (Remote r = as("rmote-tuser").become(Become.doas()).connect()) {
      assertEquals("root", r.call(INFO, "whoami", String.class));
    }
    try (Remote r = Remote.builder().command(PY).become(Become.doas("rmote-tuser")).connect()) {
      assertEquals("rmote-tuser", r.call(INFO, "whoami", String.class));
    }
    // not permitted: doas -n refuses, and the start fails with what doas said
    BootstrapException e =
        assertThrows(
            BootstrapException.class, () -> as("rmote-tuser2").become(Become.doas()).connect());
    assertTrue(
        e.getMessage().contains("doas") || e.remoteStderr().contains("doas"), e.getMessage());
  }

  @Test
  void commandsAndValues() {
    BecomeHandshake h = BecomeHandshake.create();
    String ok = h.successLine();
    List<String> cmd = h.command(Become.doas("www"), List.of("python3", "-c", "x y"));
    assertEquals(
        List.of(
            "doas",
            "-n",
            "-u",
            "www",
            "--",
            "/bin/sh",
            "-c",
            "echo " + ok + " && exec python3 -c 'x y'"),
        cmd);
    assertThrows(
        UnsupportedOperationException.class, () -> Become.doas().password("x".toCharArray()));
    assertThrows(IllegalArgumentException.class, () -> Become.sudo("-u"));
    char[] pw = "Secret-9".toCharArray();
    Become b = Become.sudo("postgres").password(pw);
    pw[0] = 'X';
    assertFalse(b.toString().contains("Secret"), b.toString());
    assertEquals(
        List.of(
            "sudo",
            "-S",
            "-p",
            h.prompt(),
            "-u",
            "postgres",
            "--",
            "/bin/sh",
            "-c",
            "echo " + ok + " && exec python3"),
        h.command(b, List.of("python3")));
    assertEquals(
        List.of("su", "rmote-tuser2", "-c", "echo " + ok + " && exec python3"),
        h.command(Become.su("rmote-tuser2"), List.of("python3")));
  }
}
