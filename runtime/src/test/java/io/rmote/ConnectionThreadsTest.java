package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.testing.ChildJvm;
import io.rmote.wire.Codecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which threads run what: user callbacks off the reader, the thread factory, the wait, no global
 * settings.
 */
class ConnectionThreadsTest {
  static final ToolDescriptor PROBE = RemoteCallTest.PROBE;

  @Test
  void aBlockingCallbackDoesNotStallOtherCalls(@TempDir Path dir) throws Exception {
    try (Remote remote = Remote.local()) {
      CountDownLatch release = new CountDownLatch(1);
      AtomicReference<String> callbackThread = new AtomicReference<>();
      // The answer comes only once the callback is attached (the test opens the gate then), so
      // the callback runs where rmote completes the future.
      Path gate = dir.resolve("gate");
      CompletableFuture<Void> blocked =
          remote
              .callAsync(PROBE, "wait_for_file", Codecs.BOOLEAN, gate.toString(), 120L)
              .thenAccept(
                  v -> {
                    callbackThread.set(Thread.currentThread().getName());
                    try {
                      release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
      Files.createFile(gate);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (callbackThread.get() == null && System.nanoTime() < until) Thread.sleep(1);
      assertNotNull(callbackThread.get(), "the callback never ran");
      // the callback blocks now: other calls still get their answers
      assertEquals("still here", remote.call(PROBE, "echo", Codecs.STRING, "still here"));
      assertEquals(
          3L, remote.callAsync(PROBE, "add", Codecs.LONG, 1L, 2L).get(30, TimeUnit.SECONDS));
      assertFalse(blocked.isDone());
      release.countDown();
      blocked.get(30, TimeUnit.SECONDS);
      assertFalse(callbackThread.get().startsWith("rmote-reader"), callbackThread.get());
    }
  }

  @Test
  void theThreadFactoryMakesTheConnectionsThreads(@TempDir Path dir) throws Exception {
    AtomicInteger made = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          made.incrementAndGet();
          Thread t = new Thread(r);
          t.setDaemon(true);
          return t;
        };
    try (Remote remote = Remote.builder().threadFactory(factory).connect()) {
      AtomicReference<String> where = new AtomicReference<>();
      Path gate = dir.resolve("gate");
      CompletableFuture<Void> run =
          remote
              .callAsync(PROBE, "wait_for_file", Codecs.BOOLEAN, gate.toString(), 120L)
              .thenRun(() -> where.set(Thread.currentThread().getName()));
      Files.createFile(gate); // answered only now that the callback is attached
      run.get(30, TimeUnit.SECONDS);
      assertTrue(where.get().startsWith("rmote-worker"), where.get());
    }
    assertTrue(made.get() >= 2, "reader and stderr pump at least, made " + made.get());
  }

  @Test
  void theLibrarySetsNoSystemProperty() {
    Properties before = (Properties) System.getProperties().clone();
    try (Remote remote = Remote.local()) {
      assertEquals(3L, remote.call(PROBE, "add", Codecs.LONG, 1L, 2L));
    }
    assertNull(System.getProperty("kryo.unsafe"));
    assertEquals(before, System.getProperties());
  }

  /**
   * Kryo's Unsafe support prints a warning on JDK 24+ once loaded: a whole program's stderr stays
   * clean.
   */
  @Test
  void aProgramsStderrGetsNoUnsafeWarning() throws Exception {
    String text = ChildJvm.run(ConnectOnce.class);
    assertTrue(text.contains("answer 3"), text);
    assertFalse(text.contains("Unsafe"), text);
  }

  /** The child program of {@link #aProgramsStderrGetsNoUnsafeWarning}. */
  static final class ConnectOnce {
    public static void main(String[] args) {
      try (Remote remote = Remote.local()) {
        System.out.println("answer " + remote.call(PROBE, "add", Codecs.LONG, 1L, 2L));
      }
    }
  }

  @Test
  void aBlockingCallMayParkAtOnce() {
    try (Remote remote = Remote.builder().awaitSpin(Duration.ZERO).connect()) {
      List<Long> answers = new ArrayList<>();
      for (long i = 0; i < 20; i++) answers.add(remote.call(PROBE, "add", Codecs.LONG, i, 1L));
      assertEquals(20, answers.size());
      assertEquals(20L, answers.get(19));
    }
    assertThrows(
        IllegalArgumentException.class, () -> Remote.builder().awaitSpin(Duration.ofNanos(-1)));
    assertThrows(IllegalArgumentException.class, () -> Remote.builder().awaitSpin(null));
  }

  @Test
  void theDefaultSpinIsOffOnOneProcessor() {
    assertEquals(Duration.ZERO, PendingCall.defaultSpin(1));
    assertEquals(Duration.ofNanos(50_000), PendingCall.defaultSpin(2));
  }

  @Test
  void awaitLeavesTheSharedExceptionAlone() throws Exception {
    try (Remote remote = Remote.local()) {
      CompletableFuture<Void> f = remote.callAsync(PROBE, "raise_named", Codecs.VOID, "value");
      RuntimeException first = assertThrows(RuntimeException.class, () -> remote.await(f));
      StackTraceElement[] trace = first.getStackTrace().clone();
      RuntimeException second = assertThrows(RuntimeException.class, () -> remote.await(f));
      assertTrue(first == second);
      assertEquals(List.of(trace), List.of(second.getStackTrace()));
    }
  }
}
