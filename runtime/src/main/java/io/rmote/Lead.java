package io.rmote;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who reads the remote's output: the connection's reader thread, or a caller waiting for its answer
 * (leader/followers). A caller spinning for its answer takes the lead when it is free and reads,
 * without blocking, the frames already there, its own answer among them; so a fast answer reaches
 * the caller with no thread woken and no hand-off. The reader thread keeps the lead, and may block
 * in a read, whenever no caller spins: while a caller parks (its answer is slow or long), while
 * only async calls are under way, {@link #NAP_MIN_NANOS} after the last caller stopped spinning
 * when a call no one waits for is under way, {@link #GRACE_NANOS} after it otherwise (so that log
 * lines outside calls, events and the end of the stream are seen), and once the connection has
 * failed (to read to the end).
 *
 * <p>The reader thread must not take the lead between one blocking call and the next: it would then
 * block in a read holding it, the next caller could not read its own answer and would wait for a
 * hand-off instead, often past its spin, which parks it and lets the reader in again. So between
 * calls it naps, and it naps longer the longer callers keep spinning: each wake-up costs a core of
 * a small VM tens of microseconds, taken from the interpreter that is to answer.
 */
final class Lead {
  /**
   * How long the reader thread leaves the stream to spinning callers after the last one stopped,
   * when every call under way has a caller waiting for it (or none is under way): long enough to
   * span the gap between one blocking call and the next, even when the caller's thread was parked
   * and takes a while to get its core back; short enough that a log line or the end of the stream
   * is seen soon after.
   */
  static final long GRACE_NANOS = 2_000_000;

  /**
   * The reader thread's shortest nap, and how long it leaves the stream to spinning callers after
   * the last one stopped while some call under way has no caller waiting for it (an async call,
   * whose answer would otherwise wait for the grace).
   */
  static final long NAP_MIN_NANOS = 200_000;

  /**
   * The longest the reader thread naps while callers keep spinning. Each nap after which the reader
   * still should not read doubles the next, from {@link #NAP_MIN_NANOS}, unless a call no one waits
   * for is under way then (the next nap is {@link #NAP_MIN_NANOS} again); reading does not shorten
   * them, so a second run of blocking calls starts with the longest. A caller that parks ends a nap
   * at once; an async call sent meanwhile does not.
   */
  static final long NAP_MAX_NANOS = 2_000_000;

  /**
   * How far past the configured spin a caller may spin while this connection's answers have been
   * coming a little after it: up to this many times the configured spin.
   */
  static final int SPIN_STRETCH = 4;

  /** The longest answer time {@link #answered} takes into the average, in ns. */
  static final long ANSWER_CAP = 1_000_000;

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<?, ?> calls; // the connection's calls under way
  // Recent answers' time from the call to the answer (a moving average, in ns); updated without a
  // lock, as a lost update only delays the average.
  private volatile long typicalAnswer;
  private final AtomicInteger spinning = new AtomicInteger();
  private final AtomicInteger parked = new AtomicInteger();
  private volatile long lastSpin = System.nanoTime() - 2 * GRACE_NANOS;
  private volatile boolean readerIdle;
  private volatile boolean failed;
  private volatile Thread reader;
  private volatile long nap = NAP_MIN_NANOS; // written by the reader thread only

  /** {@code calls}: the connection's calls under way, by id; only its size is read. */
  Lead(Map<?, ?> calls) {
    this.calls = calls;
  }

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
   * frame, napping meanwhile: {@link #NAP_MIN_NANOS} first, each nap after twice the last, up to
   * {@link #NAP_MAX_NANOS}.
   */
  void awaitReaderTurn() {
    reader = Thread.currentThread();
    while (!readerShouldRead()) {
      readerIdle = true;
      if (!readerShouldRead()) LockSupport.parkNanos(this, nap);
      readerIdle = false;
      nap = unwaited() ? NAP_MIN_NANOS : Math.min(2 * nap, NAP_MAX_NANOS);
    }
  }

  /** Callers parked for their answers now: for tests. */
  int parkedCallers() {
    return parked.get();
  }

  /** The reader thread's next nap, in ns: for tests. */
  long nextNap() {
    return nap;
  }

  boolean readerShouldRead() {
    if (failed || parked.get() > 0) return true;
    if (spinning.get() > 0) return false;
    long quiet = System.nanoTime() - lastSpin;
    return quiet > GRACE_NANOS || (quiet > NAP_MIN_NANOS && unwaited());
  }

  /**
   * Whether some call under way has no caller spinning or parked for it: an async call, or a
   * blocking call between its send and its spin (so only after {@link #NAP_MIN_NANOS} is it the
   * reader's). Racy, as it only picks how soon the reader reads.
   */
  private boolean unwaited() {
    return calls.size() > spinning.get() + parked.get();
  }

  private void wakeReader() {
    Thread r = reader;
    if (readerIdle && r != null) LockSupport.unpark(r);
  }
}
