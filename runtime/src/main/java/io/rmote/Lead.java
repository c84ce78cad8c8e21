package io.rmote;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who reads the remote's output: the connection's reader thread, or a caller waiting for its answer
 * (leader/followers). A caller spinning for its answer takes the lead when it is free and reads,
 * without blocking, the frames already there, its own answer among them; so a fast answer reaches
 * the caller with no thread woken and no hand-off. The reader thread keeps the lead, and may block
 * in a read, whenever no caller spins: while a caller parks (its answer is slow or long), while
 * only async calls are under way, after {@link #GRACE_NANOS} with no caller spinning (so events,
 * log lines outside calls and the end of the stream are still seen), and once the connection has
 * failed (to read to the end).
 */
final class Lead {
  /**
   * How long the reader thread leaves the stream to spinning callers after the last one stopped:
   * long enough to span the gap between one blocking call and the next, short enough that an async
   * answer or the end of the stream is seen soon after.
   */
  static final long GRACE_NANOS = 200_000;

  /**
   * How far past the configured spin a caller may spin while this connection's answers have been
   * coming a little after it: up to this many times the configured spin.
   */
  static final int SPIN_STRETCH = 4;

  /** The longest answer time {@link #answered} takes into the average, in ns. */
  static final long ANSWER_CAP = 1_000_000;

  private final ReentrantLock lock = new ReentrantLock();
  // Recent answers' time from the call to the answer (a moving average, in ns); updated without a
  // lock, as a lost update only delays the average.
  private volatile long typicalAnswer;
  private final AtomicInteger spinning = new AtomicInteger();
  private final AtomicInteger parked = new AtomicInteger();
  private volatile long lastSpin = System.nanoTime() - 2 * GRACE_NANOS;
  private volatile boolean readerIdle;
  private volatile boolean failed;
  private volatile Thread reader;

  /** Takes the lead if it is free; then the caller must {@link #release} it. */
  boolean tryTake() {
    return lock.tryLock();
  }

  /** Takes the lead, waiting for a caller that holds it: only the reader thread does. */
  void take() {
    lock.lock();
  }

  void release() {
    lock.unlock();
  }

  /** Whether this thread reads now: the reader thread, or a caller that took the lead. */
  boolean isHeld() {
    return lock.isHeldByCurrentThread();
  }

  /**
   * How long a caller spins for its answer, given the configured spin: that, or longer when this
   * connection's answers have been coming a little after it (a call that does some work, such as
   * reading a small file). Parking costs two wake-ups (the reader thread's, then the caller's),
   * tens of microseconds, so an answer due soon after the spin is cheaper waited for; an answer
   * that takes longer than {@link #SPIN_STRETCH} times the spin is parked for after the configured
   * spin, as before.
   */
  long spinFor(long configured) {
    long typical = typicalAnswer;
    // Only a lone spinner stretches: callers spinning side by side on a small machine would take
    // the processors from the interpreter that is to answer them.
    if (configured <= 0 || typical <= configured || spinning.get() > 0) return configured;
    long stretched = SPIN_STRETCH * configured;
    return typical > stretched ? configured : Math.min(typical + typical / 2, stretched);
  }

  /**
   * A blocking caller got its answer {@code nanos} after making the call (a successful one: a
   * failure's time says nothing of the next answer's).
   */
  void answered(long nanos) {
    long t = typicalAnswer;
    // Capped, so one long call (or one awaited long after it was made) does not keep the stretch
    // off for the dozens of calls the average would take to forget it.
    typicalAnswer = t + (Math.min(nanos, ANSWER_CAP) - t) / 8;
  }

  void spinStarts() {
    spinning.incrementAndGet();
  }

  void spinEnds() {
    lastSpin = System.nanoTime();
    spinning.decrementAndGet();
  }

  /** A caller parks until its answer comes: the reader thread must read. */
  void parks() {
    parked.incrementAndGet();
    wakeReader();
  }

  void unparks() {
    parked.decrementAndGet();
  }

  /** The connection has failed: the reader thread reads to the end of the stream. */
  void failed() {
    failed = true;
    wakeReader();
  }

  /**
   * On the reader thread, between frames: returns when the reader thread should read the next
   * frame, parking meanwhile for at most {@link #GRACE_NANOS} at a time.
   */
  void awaitReaderTurn() {
    reader = Thread.currentThread();
    while (!readerShouldRead()) {
      readerIdle = true;
      if (!readerShouldRead()) LockSupport.parkNanos(this, GRACE_NANOS);
      readerIdle = false;
    }
  }

  private boolean readerShouldRead() {
    return failed
        || parked.get() > 0
        || (spinning.get() == 0 && System.nanoTime() - lastSpin > GRACE_NANOS);
  }

  private void wakeReader() {
    Thread r = reader;
    if (readerIdle && r != null) LockSupport.unpark(r);
  }
}
