package io.rmote;

import io.rmote.internal.scheduling.Timeouts;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bound on calls in flight on one connection ({@link Remote.Builder#maxCallsInFlight}): a call
 * takes a slot before it is written and gives it back when its future completes, whatever ends it.
 * Without a bound there is no semaphore at all, so the usual call pays nothing.
 */
final class CallSlots {
  static final CallSlots NONE = new CallSlots(0, Duration.ZERO);

  private final int max;
  private final long waitNanos;
  private final Semaphore free;

  private CallSlots(int max, Duration wait) {
    this.max = max;
    this.waitNanos = wait.toNanos();
    this.free = max == 0 ? null : new Semaphore(max);
  }

  /** {@code max} slots; a call waits up to {@code wait} for one. */
  static CallSlots of(int max, Duration wait) {
    if (max < 1) throw new IllegalArgumentException("maxCallsInFlight must be at least 1");
    return new CallSlots(max, Timeouts.zeroOrPositive(wait, "maxCallsInFlight's wait"));
  }

  boolean bounded() {
    return free != null;
  }

  /**
   * Takes a slot, waiting as configured; {@code null} when taken, otherwise why not. A thread
   * interrupted while waiting keeps its interrupt and gets no slot.
   */
  RmoteException take() {
    try {
      if (free.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) return null;
      return new TooManyCallsException(max, Duration.ofNanos(waitNanos), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TooManyCallsException(max, Duration.ofNanos(waitNanos), true);
    }
  }

  void give() {
    free.release();
  }

  /** Every waiter goes on at once: the connection failed, and each call then fails by itself. */
  void openAll() {
    if (free != null) free.release(Integer.MAX_VALUE / 2);
  }
}
