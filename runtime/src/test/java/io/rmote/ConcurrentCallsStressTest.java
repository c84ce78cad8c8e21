package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.python.PythonException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * 1,000 calls in flight on one connection from 32 threads, each call at random (a seeded {@link
 * Random}; the seed is printed, and {@code -Drmote.stress.seed=N} replays it) answered, raising on
 * the remote, timing out (sync and async), or cancelled by the caller at a random moment. Every
 * future completes exactly once ({@link CallLedger}) with the outcome its kind allows, and the
 * connection answers calls afterwards.
 *
 * <p>The bound: every call completes within 60 s of the last one being made (each waits at most 0.5
 * s on the remote; the rest is slack for a loaded machine).
 */
class ConcurrentCallsStressTest {
  static final ToolDescriptor PROBE = RemoteCallTest.PROBE;
  static final int CALLS = 1000;
  static final int THREADS = 32;
  static final Duration BOUND = Duration.ofSeconds(60);

  enum Kind {
    ANSWERED,
    RAISES,
    TIMES_OUT_SYNC,
    TIMES_OUT_ASYNC,
    CANCELLED_SYNC,
    CANCELLED_ASYNC
  }

  record Made(Kind kind, CompletableFuture<?> future, Object expected, boolean cancelled) {}

  @Test
  void aThousandCallsFromThirtyTwoThreadsEachCompleteOnce() throws Exception {
    long seed = Long.getLong("rmote.stress.seed", System.nanoTime());
    System.out.println("ConcurrentCallsStressTest seed " + seed);
    CallLedger ledger = new CallLedger();
    try (Remote remote = Remote.builder().name("stress").eventListener(ledger).connect()) {
      List<Made> made = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicInteger left = new AtomicInteger(CALLS);
      AtomicReference<Throwable> broken = new AtomicReference<>();
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Random random = new Random(seed + t);
        Thread thread =
            new Thread(
                () -> {
                  try {
                    go.await();
                    while (left.getAndDecrement() > 0) made.add(makeOne(remote, ledger, random));
                  } catch (Throwable e) {
                    broken.set(e);
                  }
                },
                "stress-" + t);
        thread.start();
        threads.add(thread);
      }
      go.countDown();
      for (Thread t : threads) t.join(BOUND.toMillis());
      if (broken.get() != null) throw new AssertionError("seed " + seed, broken.get());
      assertEquals(CALLS, made.size(), "seed " + seed);
      for (Made m : made) check(m, seed);
      ledger.assertEachEndedOnce(BOUND);
      assertTrue(remote.isOpen());
      for (int i = 0; i < 20; i++) {
        assertEquals("after " + i, remote.call(PROBE, "echo", String.class, "after " + i));
      }
    }
  }

  private static Made makeOne(Remote remote, CallLedger ledger, Random random)
      throws InterruptedException {
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    Duration shortTimeout = Duration.ofMillis(20 + random.nextInt(80));
    switch (kind) {
      case ANSWERED:
        {
          String v = "v" + random.nextInt();
          return new Made(
              kind, ledger.track(remote.callAsync(PROBE, "echo", String.class, v)), v, false);
        }
      case RAISES:
        return new Made(
            kind,
            ledger.track(remote.callAsync(PROBE, "raise_named", Object.class, "value")),
            null,
            false);
      case TIMES_OUT_SYNC:
      case TIMES_OUT_ASYNC:
        {
          String method = kind == Kind.TIMES_OUT_SYNC ? "sleep" : "async_sleep";
          Call<Double> call =
              Call.of(PROBE, method, remote.codec(Double.class)).args(0.5).timeout(shortTimeout);
          return new Made(kind, ledger.track(remote.callAsync(call)), 0.5, false);
        }
      default:
        {
          String method = kind == Kind.CANCELLED_SYNC ? "sleep" : "async_sleep";
          double seconds = 0.01 * random.nextInt(30);
          CompletableFuture<Double> f =
              ledger.track(remote.callAsync(PROBE, method, Double.class, seconds));
          if (random.nextBoolean()) Thread.sleep(random.nextInt(20));
          boolean cancelled = f.cancel(random.nextBoolean());
          return new Made(kind, f, seconds, cancelled);
        }
    }
  }

  private static void check(Made m, long seed) throws Exception {
    String where = m.kind() + ", seed " + seed;
    Object value;
    try {
      value = m.future().get(BOUND.toSeconds(), TimeUnit.SECONDS);
    } catch (CancellationException e) {
      assertTrue(m.cancelled(), "cancelled without a cancel: " + where);
      return;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      switch (m.kind()) {
        case RAISES:
          PythonException p = assertInstanceOf(PythonException.class, cause, where);
          assertEquals("ValueError", p.getClass().getSimpleName(), where);
          assertEquals("raise_named", p.method(), where);
          return;
        case TIMES_OUT_SYNC:
        case TIMES_OUT_ASYNC:
          CallTimeoutException t = assertInstanceOf(CallTimeoutException.class, cause, where);
          assertEquals("stress", t.host(), where);
          return;
        default:
          throw new AssertionError("unexpected failure: " + where, cause);
      }
    }
    assertTrue(!m.cancelled(), "a cancelled call answered: " + where);
    // A timeout may lose the race on a loaded machine: then the call answers in full.
    assertEquals(m.expected(), value, where);
    assertTrue(m.kind() != Kind.RAISES, where);
  }
}
