package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts how each call of a connection ends, twice over: by a callback on its future, and by the
 * connection's own events ({@code callStart} against {@code callEnd} plus {@code callFailed}). The
 * fault tests use it to show that every pending call completes exactly once, whatever happened.
 */
final class CallLedger extends EventListener {
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();
  private final List<Tracked> tracked = new CopyOnWriteArrayList<>();

  private record Tracked(CompletableFuture<?> future, AtomicInteger completions) {}

  @Override
  public void callStart(String host, String tool, String method) {
    started.incrementAndGet();
  }

  @Override
  public void callEnd(String host, String tool, String method, Duration elapsed) {
    ended.incrementAndGet();
  }

  @Override
  public void callFailed(
      String host, String tool, String method, RuntimeException failure, Duration elapsed) {
    ended.incrementAndGet();
  }

  /** Counts the completions of {@code future}; returns it. */
  <T> CompletableFuture<T> track(CompletableFuture<T> future) {
    AtomicInteger n = new AtomicInteger();
    tracked.add(new Tracked(future, n));
    CompletableFuture<T> unused = future.whenComplete((v, e) -> n.incrementAndGet());
    return future;
  }

  int started() {
    return started.get();
  }

  int ended() {
    return ended.get();
  }

  /**
   * Waits up to {@code bound} for every tracked future and every started call to end, then checks
   * that each ended exactly once, also a little later (a second completion would show by then).
   */
  void assertEachEndedOnce(Duration bound) throws InterruptedException {
    long until = System.nanoTime() + bound.toNanos();
    for (Tracked t : tracked) {
      while (!t.future().isDone() || t.completions().get() == 0) {
        if (System.nanoTime() > until) fail("a call did not complete within " + bound);
        Thread.sleep(5);
      }
    }
    while (ended.get() < started.get()) {
      if (System.nanoTime() > until)
        fail(started.get() + " calls started, " + ended.get() + " ended within " + bound);
      Thread.sleep(5);
    }
    TimeUnit.MILLISECONDS.sleep(300);
    for (Tracked t : tracked) assertEquals(1, t.completions().get(), "completions of a future");
    assertEquals(started.get(), ended.get(), "calls started and ended");
    assertTrue(started.get() >= tracked.size());
  }
}
