package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import io.rmote.transport.Launcher;
import io.rmote.transport.ProcessLauncher;
import io.rmote.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A broken connection fails its pending calls at once; bad input leaves everything else working.
 */
class ConnectionFailureTest {
  static final ToolDescriptor PROBE = RemoteCallTest.PROBE;

  static List<Python> pythons() {
    return Pythons.all();
  }

  private static void kill(long pid) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor());
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aRemoteKilledMidCallFailsItsPendingCallsAtOnce(Python python) throws Exception {
    Remote remote = python.connect();
    try {
      long pid = remote.call(PROBE, "pid", Long.class);
      List<CompletableFuture<Double>> slow = new ArrayList<>();
      for (int i = 0; i < 5; i++) slow.add(remote.callAsync(PROBE, "sleep", Double.class, 120.0));
      slow.add(remote.callAsync(PROBE, "async_sleep", Double.class, 120.0));
      Thread.sleep(200);
      long t0 = System.nanoTime();
      kill(pid);
      for (CompletableFuture<Double> f : slow) {
        ExecutionException e =
            assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
        ConnectionLostException lost =
            assertInstanceOf(ConnectionLostException.class, e.getCause());
        assertEquals("sleep", lost.method().replace("async_", ""));
        assertEquals(python.label(), lost.host());
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      // At once: well before the calls would have ended. About 10 ms here; the bound leaves room
      // for a loaded machine's stalls, which a tighter one turned into failures.
      assertTrue(ms < 30_000, "pending calls failed after " + ms + " ms");
      assertFalse(remote.isOpen());
      ConnectionLostException later =
          assertThrows(
              ConnectionLostException.class, () -> remote.call(PROBE, "echo", String.class, "x"));
      assertTrue(later.getMessage().contains("exit status"), later.getMessage());
    } finally {
      remote.close();
    }
  }

  @Test
  void aToolThatKillsItsInterpreterFailsTheCall() {
    try (Remote remote = Remote.local()) {
      ConnectionLostException e =
          assertThrows(
              ConnectionLostException.class, () -> remote.call(PROBE, "die", Object.class));
      assertEquals("die", e.method());
      assertTrue(
          e.getMessage().contains("-9")
              || e.getMessage().contains("137")
              || e.getMessage().contains("closed"),
          e.getMessage());
    }
  }

  @Test
  void garbageOnTheStreamFailsTheConnectionCleanly(@TempDir Path dir) throws Exception {
    // A background writer shares the interpreter's stdout and writes a bogus frame header into
    // the stream while a call is pending: it waits for the test's go, not for a time, since
    // garbage before the ready line is skipped as chatter.
    Path go = dir.resolve("go");
    String shell =
        "(while [ ! -e \"$0\" ]; do sleep 0.05; done; printf '\\377\\377\\377\\377garbage') &"
            + " exec python3 \"$@\"";
    try (Remote remote = Remote.command("sh", "-c", shell, go.toString())) {
      CompletableFuture<Double> pending = remote.callAsync(PROBE, "sleep", Double.class, 300.0);
      Files.createFile(go);
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> pending.get(60, TimeUnit.SECONDS));
      ProtocolException p = assertInstanceOf(ProtocolException.class, e.getCause());
      assertTrue(p.getMessage().contains("frame length"), p.getMessage());
      assertThrows(ProtocolException.class, () -> remote.call(PROBE, "echo", String.class, "x"));
    }
  }

  @Test
  void aStreamThatEndsInsideAFrameFailsPendingCalls_scriptedRemote() throws Exception {
    // A real process stands in for a broken remote: it answers the bootstrap like the runtime
    // (the marker is the token of the first stage in hex), then writes half a frame and exits.
    String script =
        String.join(
            "\n",
            "import os, sys, re, time",
            "t = int(re.search(r'T,L,Z,K,B=(\\d+),', sys.argv[-1]).group(1))",
            "os.write(1, ('%x ready 1 3.99.0\\n' % t).encode())",
            "time.sleep(0.5)",
            "os.write(1, bytes([0, 0, 1, 0, 3, 0, 0, 0, 0, 1]) + b'short')");
    try (Remote remote = Remote.command("sh", "-c", "exec python3 -c \"$0\" \"$@\"", script)) {
      assertEquals("3.99.0", remote.pythonVersion());
      CompletableFuture<Object> pending = remote.callAsync(PROBE, "echo", Object.class, "x");
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> pending.get(60, TimeUnit.SECONDS));
      ConnectionLostException lost = assertInstanceOf(ConnectionLostException.class, e.getCause());
      assertTrue(lost.getMessage().contains("middle of a frame"), lost.getMessage());
    }
  }

  @Test
  void anOversizedAnswerFailsOnlyItsCall() {
    try (Remote remote = Remote.builder().maxMessageSize(1 << 20).connect()) {
      PayloadTooLargeException e =
          assertThrows(
              PayloadTooLargeException.class,
              () -> remote.call(PROBE, "blob", byte[].class, 12L << 20));
      assertEquals("blob", e.method());
      assertEquals(1000, remote.call(PROBE, "blob", byte[].class, 1000L).length);
      assertTrue(remote.isOpen());
    }
  }

  @Test
  void closeAsksTheRemoteToQuitAndFailsPendingCalls() throws Exception {
    Remote remote = Remote.local();
    long pid = remote.call(PROBE, "pid", Long.class);
    CompletableFuture<Double> pending = remote.callAsync(PROBE, "async_sleep", Double.class, 300.0);
    remote.close();
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> pending.get(60, TimeUnit.SECONDS));
    assertInstanceOf(ConnectionLostException.class, e.getCause());
    // close() does not wait for the exit; the kernel may take a moment to end the process
    ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(30, TimeUnit.SECONDS).join());
    assertFalse(
        ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
        "the remote process is gone");
    assertThrows(
        ConnectionLostException.class, () -> remote.call(PROBE, "echo", String.class, "x"));
    remote.close();
  }

  @Test
  void theRemoteExitsByItselfWhenItsStdinCloses() throws Exception {
    // A controller that dies sends no QUIT: the remote must notice the end of its stdin.
    AtomicReference<Transport> started = new AtomicReference<>();
    Launcher local = new ProcessLauncher(List.of("python3"), Map.of(), "local");
    Launcher recording =
        new Launcher() {
          @Override
          public Transport launch(List<String> pythonArgs) throws java.io.IOException {
            Transport t = local.launch(pythonArgs);
            started.set(t);
            return t;
          }

          @Override
          public String name() {
            return "recorded";
          }
        };
    try (Remote remote = Remote.builder().launcher(recording).connect()) {
      long pid = remote.call(PROBE, "pid", Long.class);
      started.get().output().close();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
          && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertFalse(
          ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the remote exited");
      assertEquals(0, started.get().awaitExit(java.time.Duration.ofSeconds(30)).orElse(-1));
    }
  }
}
