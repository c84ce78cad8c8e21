package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.testing.ChildJvm;
import io.rmote.wire.Codecs;
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

/**
 * Which threads run what: user callbacks off the reader, the thread factory, the wait, no global
 * settings.
 */
class ConnectionThreadsTest {
  static final ToolDescriptor PROBE = RemoteCallTest.PROBE;

  @Test
  void aBlockingCallbackDoesNotStallOtherCalls() throws Exception {
    try (Remote remote = Remote.local()) {
      CountDownLatch release = new CountDownLatch(1);
      AtomicReference<String> callbackThread = new AtomicReference<>();
      // the answer comes after the callback is attached, so the callback runs where rmote completes
      // the future
      CompletableFuture<Void> blocked =
          remote
              .callAsync(PROBE, "sleep", Codecs.VOID, 0.3)
              .thenAccept(
                  v -> {
                    callbackThread.set(Thread.currentThread().getName());
                    try {
                      release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
      remote.call(
          PROBE,
          "sleep",
          Codecs.VOID,
          0.4); // answered after the first call's callback started blocking
      assertEquals("still here", remote.call(PROBE, "echo", Codecs.STRING, "still here"));
      assertFalse(blocked.isDone());
      release.countDown();
      blocked.get(30, TimeUnit.SECONDS);
      assertFalse(callbackThread.get().startsWith("rmote-reader"), callbackThread.get());
    }
  }

  @Test
  void theThreadFactoryMakesTheConnectionsThreads() throws Exception {
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
      remote
          .callAsync(PROBE, "sleep", Codecs.VOID, 0.2)
          .thenRun(() -> where.set(Thread.currentThread().getName()))
          .get(30, TimeUnit.SECONDS);
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
