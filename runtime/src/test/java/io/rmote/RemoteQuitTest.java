package io.rmote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.python.TypeError;
import io.rmote.python.ValueError;
import io.rmote.testing.LogCapture;
import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runtime's exit_after_reply (what the Quit tool calls) and process(stdin=...), on every Python
 * the tests have.
 */
class RemoteQuitTest {
  static final ToolDescriptor ENDING =
      ToolDescriptor.fromResource(RemoteQuitTest.class, "tools/ending.py", "Ending");

  static List<Python> pythons() {
    return Pythons.all();
  }

  private static Remote connect(Python python) {
    return python.builder().callTimeout(Duration.ofSeconds(60)).connect();
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void theAskingCallIsAnsweredAndTheOthersFailTyped(Python python) {
    try (Remote remote = connect(python)) {
      CompletableFuture<String> underWay =
          remote.callAsync(ENDING, "slow", String.class, 0.5, "done");
      CompletableFuture<Object> coroutine = remote.callAsync(ENDING, "forever", Object.class);
      remote.call(ENDING, "exit_now", Void.class, 7);
      assertFalse(remote.isOpen());
      assertEquals("done", underWay.join());
      CompletionException e = assertThrows(CompletionException.class, coroutine::join);
      RemoteQuitException q = assertInstanceOf(RemoteQuitException.class, e.getCause());
      assertEquals(7, q.exitCode());
      assertEquals("forever", q.method());
      RemoteQuitException later =
          assertThrows(
              RemoteQuitException.class, () -> remote.call(ENDING, "slow", String.class, 0, "x"));
      assertEquals(remote.name(), later.host());
    }
  }

  /** The interpreter exits with the status asked for. */
  @org.junit.jupiter.api.Test
  void theInterpreterExitsWithTheStatus(@TempDir Path dir) throws Exception {
    Path status = dir.resolve("status");
    String shell = "python3 \"$@\"; echo $? > " + status;
    try (Remote remote = Remote.command("sh", "-c", shell, "sh")) {
      remote.call(ENDING, "exit_now", Void.class, 42);
      for (int i = 0; i < 600 && !Files.exists(status); i++) Thread.sleep(50);
      assertEquals("42", Files.readString(status).strip());
    }
  }

  /**
   * A remote that logs faster than the limit has its records counted instead of sent, and the count
   * arrives as one record; exiting flushes it.
   */
  @ParameterizedTest
  @MethodSource("pythons")
  void aChattyRemoteIsRateLimitedAndSaysHowManyItDropped(Python python) {
    int total = 20000;
    try (LogCapture logs = new LogCapture();
        Remote remote = connect(python)) {
      remote.call(ENDING, "chatter", Void.class, total);
      List<String> lines = logs.lines();
      long sent = lines.stream().filter(l -> l.startsWith("rmote.remote.chatter record ")).count();
      long dropped =
          lines.stream()
              .filter(l -> l.startsWith("rmote.remote.rmote ") && l.contains("dropped"))
              .mapToLong(l -> Long.parseLong(l.split(" ")[1]))
              .sum();
      assertTrue(dropped > 0, "nothing dropped of " + total);
      assertEquals(total, sent + dropped);
    }
  }

  /** A quit call detached from the reader (slow) ends the remote the same way. */
  @ParameterizedTest
  @MethodSource("pythons")
  void aSlowQuitCallEndsTheRemoteToo(Python python) {
    try (Remote remote = connect(python)) {
      CompletableFuture<Void> quit = remote.callAsync(ENDING, "exit_late", Void.class, 0);
      CompletableFuture<String> after = remote.callAsync(ENDING, "slow", String.class, 0.3, "y");
      quit.join();
      // "after" was read while the quit call ran: it finished first, or was never started.
      try {
        assertEquals("y", after.join());
      } catch (CompletionException e) {
        assertInstanceOf(RemoteQuitException.class, e.getCause());
      }
      assertThrows(
          RemoteQuitException.class, () -> remote.call(ENDING, "slow", String.class, 0, "z"));
    }
  }

  /** As the Python library's process(): str or bytes as stdin is the child's input. */
  @ParameterizedTest
  @MethodSource("pythons")
  void processFeedsStdinData(Python python) {
    try (Remote remote = connect(python)) {
      byte[] bytes = "héllo".getBytes(StandardCharsets.UTF_8);
      assertArrayEquals(bytes, remote.call(ENDING, "feed", byte[].class, "héllo"));
      assertArrayEquals(bytes, remote.call(ENDING, "feed", byte[].class, (Object) bytes));
      assertEquals("héllo", remote.call(ENDING, "feed", String.class, "héllo", true));
      TypeError t =
          assertThrows(
              TypeError.class, () -> remote.call(ENDING, "feed", Object.class, bytes, true));
      assertTrue(t.getMessage().contains("text=True"), t.getMessage());
      assertThrows(
          ValueError.class,
          () -> remote.call(ENDING, "feed_and_input", Object.class, (Object) bytes));
    }
  }
}
