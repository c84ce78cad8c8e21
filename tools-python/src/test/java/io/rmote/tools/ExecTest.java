package io.rmote.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Call;
import io.rmote.PyRecord;
import io.rmote.Remote;
import io.rmote.internal.python.SurrogateEscape;
import io.rmote.python.CalledProcessError;
import io.rmote.python.FileNotFoundError;
import io.rmote.python.TimeoutExpired;
import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import io.rmote.tools.Exec.Command;
import io.rmote.tools.Exec.Completed;
import io.rmote.wire.Codecs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in Exec tool on every Python the tests have (the Debian roots' too: their commands run
 * inside the root). The process-group cases look at {@code /proc}, so they run on the Pythons that
 * share this machine's root. Every connection has a call timeout as a hang guard: a command that
 * never returns fails the test instead of stalling the build.
 */
class ExecTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);

  static List<Python> pythons() {
    return Pythons.all();
  }

  static List<Python> localRoot() {
    return Pythons.all().stream().filter(p -> p.root().equals(Path.of("/"))).toList();
  }

  private static Remote connect(Python python) {
    return python.builder().callTimeout(HANG_GUARD).connect();
  }

  /**
   * A timeout too long for a Python {@code timedelta} ({@code ChronoUnit.FOREVER}'s) lasts 100
   * years, as every timeout of rmote's does, instead of failing the call on the remote; zero is
   * refused where it is set.
   */
  @ParameterizedTest
  @MethodSource("pythons")
  void aTimeoutForeverLetsTheCommandRun(Python python) {
    try (Remote remote = connect(python)) {
      Exec exec = remote.tool(Exec.class);
      Command forever =
          Command.of("echo", "done")
              .withTimeout(ChronoUnit.FOREVER.getDuration())
              .withKillAfter(Duration.ofSeconds(Long.MAX_VALUE));
      assertEquals(Duration.ofDays(36_525), forever.timeout());
      assertEquals("done\n", exec.run(forever).stdoutText());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Command.of("true").withTimeout(Duration.ZERO));
    assertTrue(e.getMessage().contains("timeout"), e.getMessage());
  }

  /**
   * The Python library's Exec returns {@code stdout=None} (it never captures), and non-UTF-8 output
   * crashes or is mangled in other tools (tox-dev/tox #2970, ansible #4821): ours keeps the bytes
   * and gives text that encodes back to them.
   */
  @ParameterizedTest
  @MethodSource("pythons")
  void capturesOutputAsBytesWithLosslessText(Python python) {
    try (Remote remote = connect(python)) {
      Exec exec = remote.tool(Exec.class);
      assertInstanceOf(ExecProxy.class, exec);
      Completed c = exec.command("printf", "\\377\\376ok\\n");
      assertEquals(0, c.returncode());
      assertEquals(List.of("printf", "\\377\\376ok\\n"), c.args());
      byte[] expected = {(byte) 0xFF, (byte) 0xFE, 'o', 'k', '\n'};
      assertArrayEquals(expected, c.stdout());
      assertEquals("\uDCFF\uDCFEok\n", c.stdoutText());
      assertArrayEquals(expected, SurrogateEscape.encode(c.stdoutText()));
      assertArrayEquals(new byte[0], c.stderr());
      assertFalse(c.duration().isNegative());
      assertTrue(c.started().getEpochSecond() > 0);

      Completed s = exec.shell("echo out; echo 'é' >&2");
      assertEquals(List.of("/bin/sh", "-c", "echo out; echo 'é' >&2"), s.args());
      assertEquals("out\n", s.stdoutText());
      assertEquals("é\n", s.stderrText());
    }
  }

  /** With check (the default), a failure carries the status, the command and both outputs. */
  @ParameterizedTest
  @MethodSource("pythons")
  void aFailureCarriesStatusCommandAndOutput(Python python) {
    try (Remote remote = connect(python)) {
      Exec exec = remote.tool(Exec.class);
      CalledProcessError e =
          assertThrows(
              CalledProcessError.class, () -> exec.shell("echo out; printf '\\377' >&2; exit 3"));
      assertEquals(3, e.returncode());
      assertEquals(List.of("/bin/sh", "-c", "echo out; printf '\\377' >&2; exit 3"), e.command());
      assertEquals("out\n", e.output());
      assertArrayEquals(new byte[] {(byte) 0xFF}, e.stderrBytes());
      assertEquals("\uDCFF", e.stderr());
      assertEquals(remote.name(), e.host());
      assertEquals("Exec", e.tool());
      assertEquals("shell", e.method());
      assertTrue(e.getMessage().contains("exit status 3"), e.getMessage());

      Completed accepted = exec.run(Command.ofShell("exit 3").withOkExitCodes(0, 3));
      assertEquals(3, accepted.returncode());
      assertEquals(1, exec.run(Command.of("false").withCheck(false)).returncode());
      assertThrows(FileNotFoundError.class, () -> exec.command("/no/such/program"));
    }
  }

  /**
   * {@code env} merges into the remote's environment (the Python library replaced it, so its own
   * test had to pass PATH); clearEnv replaces it.
   */
  @ParameterizedTest
  @MethodSource("pythons")
  void envMergesByDefaultAndReplacesOnRequest(Python python) {
    try (Remote remote = connect(python)) {
      Exec exec = remote.tool(Exec.class);
      Completed merged =
          exec.run(Command.ofShell("echo \"$RMOTE_X:$PATH\"").withEnv(Map.of("RMOTE_X", "1")));
      String text = merged.stdoutText().strip();
      assertTrue(text.startsWith("1:") && text.length() > 2, text);
      Completed replaced =
          exec.run(Command.of("/usr/bin/env").withEnv(Map.of("RMOTE_X", "2")).withClearEnv(true));
      assertEquals("RMOTE_X=2\n", replaced.stdoutText());
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void cwdAndStdinAsTextOrBytes(Python python) {
    try (Remote remote = connect(python)) {
      Exec exec = remote.tool(Exec.class);
      assertEquals("/tmp\n", exec.run(Command.of("pwd").withCwd("/tmp")).stdoutText());
      assertEquals("héllo", exec.run(Command.of("cat").withStdin("héllo")).stdoutText());
      byte[] big = new byte[3 << 20]; // larger than any pipe buffer, both ways at once
      for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
      Completed cat = exec.run(Command.of("cat").withStdin(big));
      assertArrayEquals(big, cat.stdout());
      // Without stdin data the command reads /dev/null: a prompt gets end of input at once
      // (canonical/operator-libs-linux #64: needrestart waited on a prompt).
      assertEquals("rc=1\n", exec.shell("read answer; echo rc=$?").stdoutText());
      Completed silent = exec.run(Command.of("echo", "x").withCaptureOutput(false));
      assertNull(silent.stdout());
      assertNull(silent.stderrText());
    }
  }

  /**
   * A command that leaves a background child holding its output pipe returns when the command
   * exits, not when the child does (communicate() would wait for the child).
   */
  @ParameterizedTest
  @MethodSource("pythons")
  void returnsWhenABackgroundChildKeepsThePipeOpen(Python python) {
    try (Remote remote = connect(python)) {
      Exec exec = remote.tool(Exec.class);
      Completed c = exec.shell("sleep 300 & echo $!");
      String pid = c.stdoutText().strip();
      assertEquals(0, c.returncode());
      exec.command("kill", pid);
    }
  }

  /** The timeout ends the whole process group, a child that ignores SIGTERM included. */
  @ParameterizedTest
  @MethodSource("localRoot")
  void aTimeoutEndsTheProcessGroupAndKeepsThePartialOutput(Python python, @TempDir Path dir)
      throws Exception {
    Path pidFile = dir.resolve("child.pid");
    try (Remote remote = connect(python)) {
      Exec exec = remote.tool(Exec.class);
      Command c =
          Command.ofShell(
                  "echo partial; (trap '' TERM; sleep 300) & echo $! > " + pidFile + "; sleep 300")
              // long enough for the shell to start and write both lines on a loaded machine
              .withTimeout(Duration.ofSeconds(5))
              .withKillAfter(Duration.ofMillis(300));
      TimeoutExpired e = assertThrows(TimeoutExpired.class, () -> exec.run(c));
      assertEquals("partial\n", e.output());
      assertEquals(Duration.ofSeconds(5), e.timeout());
      assertEquals("/bin/sh", e.command().get(0));
      assertEquals("Exec", e.tool());
      String pid = Files.readString(pidFile).strip();
      assertTrue(gone(Path.of("/proc", pid, "stat")), "the child that ignored SIGTERM lives on");
    }
  }

  /** Dead, or a zombie waiting for its reaper: it runs no more. */
  private static boolean gone(Path stat) throws Exception {
    for (int i = 0; i < 600; i++) {
      if (!Files.exists(stat)) return true;
      try {
        String s = Files.readString(stat);
        if (s.substring(s.lastIndexOf(')') + 2).startsWith("Z")) return true;
      } catch (java.io.IOException vanished) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /**
   * The creates/removes guards (Ansible's command): the first run does the work, the second is
   * skipped; removes skips while its path is absent.
   */
  @ParameterizedTest
  @MethodSource("localRoot")
  void guardsMakeACommandIdempotent(Python python, @TempDir Path dir) {
    try (Remote remote = connect(python)) {
      Exec exec = remote.tool(Exec.class);
      Command make =
          Command.ofShell("echo made > out.txt").withCwd(dir.toString()).withCreates("*.txt");
      Completed first = exec.run(make);
      assertTrue(first.ran());
      assertTrue(Files.exists(dir.resolve("out.txt")));
      Completed second = exec.run(make);
      assertFalse(second.ran());
      assertEquals(0, second.returncode());
      assertNull(second.stdout());
      assertEquals(Duration.ZERO, second.duration());

      Command clean = Command.of("rm", "out.txt").withCwd(dir.toString()).withRemoves("out.txt");
      assertTrue(exec.run(clean).ran());
      assertFalse(Files.exists(dir.resolve("out.txt")));
      assertFalse(exec.run(clean).ran());
    }
  }

  /** Code written for the Python library calls ours by the same names and keywords. */
  @ParameterizedTest
  @MethodSource("pythons")
  void answersThePythonLibrarysCallsByName(Python python) {
    try (Remote remote = connect(python)) {
      Call<Object> call =
          Call.of(BuiltinTools.EXEC, "command", Codecs.ANY)
              .args("sh", "-c", "cat; echo \"$RMOTE_Y\"; exit 5")
              .kwarg("check", false)
              .kwarg("env", Map.of("RMOTE_Y", "y"))
              .kwarg("stdin", "in ")
              .kwarg("cwd", "/");
      PyRecord result = (PyRecord) remote.call(call);
      assertEquals("Completed", result.type());
      assertEquals(5L, ((Number) result.get("returncode")).longValue());
      assertArrayEquals("in y\n".getBytes(StandardCharsets.UTF_8), (byte[]) result.get("stdout"));
      PyRecord shell =
          (PyRecord)
              remote.call(
                  Call.of(BuiltinTools.EXEC, "shell", Codecs.ANY)
                      .args("cat")
                      .kwarg("timeout", 30.0)
                      .kwarg("stdin", "bytes".getBytes(StandardCharsets.UTF_8)));
      assertArrayEquals("bytes".getBytes(StandardCharsets.UTF_8), (byte[]) shell.get("stdout"));
    }
  }
}
