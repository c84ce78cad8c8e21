package io.rmote.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Remote;
import io.rmote.RemoteQuitException;
import io.rmote.python.ValueError;
import io.rmote.testing.LogCapture;
import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import io.rmote.tools.Exec.Completed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The built-in Quit tool on every Python the tests have. */
class QuitTest {

  static List<Python> pythons() {
    return Pythons.all();
  }

  /**
   * The Python library's Quit.exit dies before it answers, and its caller sees "Remote process
   * closed the connection": ours answers, and every later call fails at once, saying the remote
   * quit and naming the host.
   */
  @ParameterizedTest
  @MethodSource("pythons")
  void answersThenEveryLaterCallFailsSayingItQuit(Python python) {
    try (Remote remote = python.builder().callTimeout(Duration.ofSeconds(60)).connect()) {
      assertThrows(ValueError.class, () -> remote.tool(Quit.class).exit(256));
      assertTrue(remote.isOpen());
      remote.tool(Quit.class).exit(3);
      assertFalse(remote.isOpen());
      RemoteQuitException e =
          assertThrows(RemoteQuitException.class, () -> remote.tool(Exec.class).shell("true"));
      assertEquals(3, e.exitCode());
      assertEquals(remote.name(), e.host());
      assertEquals("Exec", e.tool());
      assertTrue(e.getMessage().contains("quit"), e.getMessage());
      assertTrue(e.getMessage().contains("exit status 3"), e.getMessage());
    }
  }

  /** A call under way when Quit arrives finishes and answers before the remote exits. */
  @ParameterizedTest
  @MethodSource("pythons")
  void aCallUnderWayFinishesFirst(Python python) throws Exception {
    try (Remote remote = python.builder().callTimeout(Duration.ofSeconds(60)).connect()) {
      // The reader reads calls in order: the slow one has started before Quit is read.
      CompletableFuture<Completed> slow =
          remote.tool(ExecAsync.class).shell("sleep 1; echo finished");
      remote.tool(Quit.class).exit();
      assertEquals("finished\n", slow.get().stdoutText());
      assertThrows(RemoteQuitException.class, () -> remote.tool(Quit.class).exit());
    }
  }

  /** Records logged before Quit are out before its answer. */
  @ParameterizedTest
  @MethodSource("pythons")
  void logRecordsAreFlushedBeforeTheAnswer(Python python) {
    try (LogCapture logs = new LogCapture();
        Remote remote = python.connect()) {
      remote.tool(RemoteLogger.class).log(RemoteLogger.Level.ERROR, "last words");
      remote.tool(Quit.class).exit();
      assertTrue(logs.lines().contains("rmote.remote.root last words"), logs.lines().toString());
    }
  }
}
