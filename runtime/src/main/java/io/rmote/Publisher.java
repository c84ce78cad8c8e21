package io.rmote;

import io.rmote.internal.scheduling.Scheduler;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Completes, on workers, the futures of calls that nobody blocks on, which the reading thread has
 * settled: one worker drains them in a row, so a burst of answers costs one hand-off to a worker
 * instead of one per call. A dependent stage that blocks must not hold up the answers behind it: a
 * check on the timer, every {@link #STALL} while answers wait, starts one more worker whenever no
 * future was completed since the last check. The check runs on the timer thread itself: it only
 * looks at counters, and a hand-off to a worker every millisecond cost more than the check.
 */
final class Publisher implements Runnable {
  static final Duration STALL = Duration.ofMillis(1);

  private final Scheduler scheduler;
  private final ConcurrentLinkedQueue<PendingCall<?>> ready = new ConcurrentLinkedQueue<>();
  private final AtomicInteger drainers = new AtomicInteger();
  private final AtomicBoolean watched = new AtomicBoolean();
  private final AtomicLong completed = new AtomicLong(); // for the stall check
  private long seen = -1; // the check's last look at completed; only the timer's job uses it

  Publisher(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** From the reading thread: {@code call} is settled and has no blocked caller. */
  void add(PendingCall<?> call) {
    ready.add(call);
    if (drainers.compareAndSet(0, 1)) scheduler.execute(this);
    if (!watched.get() && watched.compareAndSet(false, true)) {
      var unused = scheduler.scheduleOnTimer(STALL, this::check);
    }
  }

  @Override
  public void run() {
    while (true) {
      PendingCall<?> call;
      while ((call = ready.poll()) != null) {
        call.publish();
        completed.lazySet(completed.get() + 1); // racy between drainers: it only has to move
      }
      drainers.decrementAndGet();
      // An add that raced the decrement found a drainer still counted: take its answers.
      if (ready.isEmpty() || !drainers.compareAndSet(0, 1)) return;
    }
  }

  private void check() {
    if (ready.isEmpty() && drainers.get() == 0) {
      watched.set(false);
      seen = -1;
      // An add may have started a drainer between the look and the reset, without a check.
      if (ready.isEmpty() || !watched.compareAndSet(false, true)) return;
    }
    long now = completed.get();
    if (now == seen && !ready.isEmpty()) { // stuck in a stage: one more worker takes over
      drainers.incrementAndGet();
      scheduler.execute(this);
    }
    seen = now;
    var unused = scheduler.scheduleOnTimer(STALL, this::check);
  }
}
