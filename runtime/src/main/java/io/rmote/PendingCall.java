package io.rmote;

import com.esotericsoftware.kryo.io.Input;
import io.rmote.internal.wire.AnyDecoder;
import io.rmote.internal.wire.Tag;
import io.rmote.internal.wire.Wire;
import io.rmote.wire.ValueCodec;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.concurrent.locks.LockSupport;

/**
 * A call waiting for its answer. Cancelling it gives up on it and tells the remote.
 *
 * <p>The answer is first <em>settled</em> (decoded and kept) by whichever thread learns it, usually
 * the connection's reader, and then <em>published</em> (the future completed, which runs the user's
 * dependent stages) by a thread that is never the reader: a caller blocked in {@link #await}, which
 * the reader wakes directly, or else a worker of the connection's scheduler.
 */
final class PendingCall<T> extends CompletableFuture<T> {
  // A field updater names its holder by a class literal, which cannot carry a type argument.
  @SuppressWarnings("rawtypes")
  private static final AtomicReferenceFieldUpdater<PendingCall, Outcome> OUTCOME =
      AtomicReferenceFieldUpdater.newUpdater(PendingCall.class, Outcome.class, "outcome");

  @SuppressWarnings("rawtypes")
  private static final AtomicReferenceFieldUpdater<PendingCall, Thread> WAITER =
      AtomicReferenceFieldUpdater.newUpdater(PendingCall.class, Thread.class, "waiter");

  @SuppressWarnings("rawtypes")
  private static final AtomicIntegerFieldUpdater<PendingCall> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(PendingCall.class, "ended");

  @SuppressWarnings("rawtypes")
  private static final AtomicIntegerFieldUpdater<PendingCall> PARKED =
      AtomicIntegerFieldUpdater.newUpdater(PendingCall.class, "parked");

  final Channel channel;
  final int id;
  final long writeAtStart; // FrameWriter.writeUnderWay() as the call was made
  final String tool;
  final String method;
  private final ToolDescriptor descriptor;
  private final ValueCodec<T> codec;
  private final long started = System.nanoTime();
  volatile ScheduledFuture<?> timeout;
  private volatile Outcome outcome;
  private volatile Thread waiter;
  private CallSlots slots; // set before the call is published to another thread
  private volatile CallLog log; // made and filled by the reader; dropped when the call settles

  @SuppressWarnings("UnusedVariable") // read and written through ENDED
  private volatile int ended; // 1 once the one end event is given, before the future completes

  /*
   * 1 while the caller is parked and counted in Lead's parked callers, 2 once counted out. The
   * settling thread counts it out before it wakes the caller: if the caller did so only once
   * running again, the reader thread, finding it still counted, went back to a blocking read
   * holding the lead, and the caller's next call, unable to read its own answer, waited for the
   * reader's wake-up and often parked in turn; so one missed spin kept a sequence of calls on the
   * slow path (two wake-ups each) for hundreds of calls.
   */
  @SuppressWarnings("UnusedVariable") // read and written through PARKED
  private volatile int parked;

  /**
   * @param writeAtStart the write to the remote under way as the call is made ({@link
   *     io.rmote.internal.wire.FrameWriter#writeUnderWay}), for its timeout to tell whether it has
   *     been blocked since
   */
  PendingCall(
      Channel channel,
      int id,
      ToolDescriptor tool,
      String method,
      ValueCodec<T> codec,
      long writeAtStart) {
    this.channel = channel;
    this.writeAtStart = writeAtStart;
    this.id = id;
    this.descriptor = tool;
    this.tool = tool.className();
    this.method = method;
    this.codec = codec;
  }

  /**
   * Decodes a RESULT body on the reader thread and settles the call with it. The frame was read
   * whole, so whatever goes wrong inside it (a wrong type, a codec's own exception, an Error, a
   * value nested deeper than the stack goes) fails this call alone and the stream stays in step;
   * only an Error that leaves the JVM in doubt (out of memory) goes on to fail the connection.
   */
  void complete(Input body) {
    T value;
    try {
      value = codec.read(null, body, null);
      if (body.position() != body.limit()) {
        throw new MappingException(
            (body.limit() - body.position())
                + " bytes left after the "
                + codec.javaType()
                + " was read: the codec does not read the whole value");
      }
    } catch (MappingException e) {
      fail(e);
      return;
    } catch (StackOverflowError e) {
      fail(new MappingException("the answer is nested too deeply to decode", e));
      return;
    } catch (RuntimeException | Error e) {
      fail(new MappingException("cannot decode the answer as " + codec.javaType() + ": " + e, e));
      if (e instanceof VirtualMachineError) throw e; // out of memory: the JVM is in doubt
      return;
    }
    settle(new Outcome(value, null));
  }

  /** Settles the call with the exception an ERROR body holds; as {@link #complete}, per call. */
  void completeWithError(Input body) {
    RmoteException failure;
    try {
      int tag = Wire.readU8(body);
      if (tag != Tag.EXCEPTION) {
        throw new MappingException("an ERROR answer holds a " + Tag.describe(tag));
      }
      failure = AnyDecoder.readException(null, body, descriptor::exception);
    } catch (MappingException e) {
      failure = e;
    } catch (RuntimeException | Error e) {
      fail(new MappingException("cannot decode the remote's exception: " + e, e));
      if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) throw e;
      return;
    }
    fail(failure);
  }

  /**
   * The exception carries the records the call logged (as suppressed throwables), whatever the
   * failure: the remote's own exception, a timeout, the connection lost.
   */
  void fail(RmoteException e) {
    e.locate(channel.name(), tool, method);
    CallLog l = log;
    if (l != null && outcome == null) l.attachTo(e);
    settle(new Outcome(null, e));
  }

  /** A log record the call emitted; on the reader thread. */
  void logged(RemoteLogRecord r) {
    if (outcome != null) return;
    CallLog l = log;
    if (l == null) log = l = new CallLog();
    l.add(r);
  }

  /**
   * Keeps the timer of the call's timeout, for settling to cancel; cancels it at once if the call
   * settled before it had one (its connection failed in between), which would otherwise hold the
   * call and its connection for as long as the timeout, up to 100 years.
   */
  void timer(ScheduledFuture<?> t) {
    timeout = t;
    if (outcome != null) t.cancel(false);
  }

  /** The call holds one of the connection's bounded slots until it settles. */
  void holdSlot(CallSlots slots) {
    this.slots = slots;
  }

  private void settle(Outcome o) {
    if (!OUTCOME.compareAndSet(this, null, o)) return;
    log = null;
    if (slots != null) slots.give();
    ScheduledFuture<?> t = timeout;
    if (t != null) t.cancel(false);
    Thread w = waiter;
    if (w == Thread.currentThread()) {
      // the caller read its own answer, and publishes it once it stops reading
    } else if (w != null) {
      countedOut();
      LockSupport.unpark(w); // the blocked caller publishes on its own thread
    } else if (channel.isReading()) {
      channel.publisher().add(this);
    } else {
      publish();
    }
  }

  /** Takes a parked caller out of Lead's count, once, whoever sees it first. */
  private void countedOut() {
    if (PARKED.compareAndSet(this, 1, 2)) channel.lead().unparks();
  }

  /** Completes the future with the settled outcome; safe to call more than once. */
  @SuppressWarnings("unchecked")
  void publish() {
    Outcome o = outcome;
    if (isDone() || !ENDED.compareAndSet(this, 0, 1)) return;
    Duration elapsed = Duration.ofNanos(o.at - started);
    if (o.failure != null) {
      channel.events().callFailed(channel.name(), tool, method, o.failure, elapsed);
      super.completeExceptionally(o.failure);
    } else {
      channel.events().callEnd(channel.name(), tool, method, elapsed);
      super.complete((T) o.value);
    }
  }

  /**
   * The default spin of {@link Remote.Builder#awaitSpin}: none on one processor, where it only
   * delays the answer.
   */
  static Duration defaultSpin(int processors) {
    return processors > 1 ? Duration.ofNanos(50_000) : Duration.ZERO;
  }

  /**
   * Waits for the outcome: spins up to {@code spinNanos} (an answer often comes within
   * microseconds, sooner than a parked thread is woken), reading the answer itself when no one else
   * reads ({@link Lead}), then parks until the reader wakes it.
   */
  void await(long spinNanos) throws InterruptedException {
    Thread me = Thread.currentThread();
    channel.aboutToWait(); // this call may wait in a burst's batch; and this thread waits now
    if (outcome == null && !isDone() && WAITER.compareAndSet(this, null, me)) {
      try {
        long spin = channel.lead().spinFor(spinNanos);
        if (spin > 0) spin(spin);
        if (outcome == null && !isDone()) {
          channel.lead().parks();
          parked = 1; // after: counted out only once counted in
          try {
            while (outcome == null && !isDone()) {
              LockSupport.park(this);
              if (Thread.interrupted()) throw new InterruptedException();
            }
          } finally {
            countedOut();
          }
        }
      } finally {
        waiter = null;
        Outcome o = outcome;
        if (o != null) {
          if (o.failure == null && o != CANCELLED) channel.lead().answered(o.at - started);
          publish(); // the reader may have woken this thread just as it left
        }
      }
    }
    if (outcome != null) publish();
  }

  private void spin(long spinNanos) {
    Lead lead = channel.lead();
    lead.spinStarts();
    try {
      long until = System.nanoTime() + spinNanos;
      while (outcome == null && !isDone() && System.nanoTime() < until) {
        if (!channel.readReady()) Thread.onSpinWait();
      }
    } finally {
      lead.spinEnds();
    }
  }

  /**
   * Waits as {@link Remote#await} does, without its spin: parked as a caller of the connection, so
   * the reader reads for it at once, instead of as a stranger to it, whom the reader would serve
   * only once it next looked (after a burst of blocking calls, up to {@link Lead#NAP_MAX_NANOS}). A
   * fork/join pool's worker waits as for any future, through the pool's managed blocking.
   *
   * @throws IllegalStateException on the connection's reader thread, while the call is not done:
   *     the wait would deadlock
   */
  @Override
  public T get() throws InterruptedException, ExecutionException {
    channel.aboutToWait(); // done or not: a thread that asks for a result is no pipeline
    if (!isDone() && waitsAsCaller()) await(0);
    return super.get();
  }

  /** Waits as {@link #get()} does; like any {@code join}, not interruptible. */
  @Override
  public T join() {
    channel.aboutToWait();
    if (!isDone() && waitsAsCaller()) {
      try {
        await(0);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // join waits on regardless, and keeps the flag set
      }
    }
    return super.join();
  }

  private boolean waitsAsCaller() {
    if (channel.isReaderThread()) throw CallWaiter.onReaderThread(channel, this);
    return !(Thread.currentThread() instanceof ForkJoinWorkerThread);
  }

  /** Waits as any future's timed {@code get}, after writing this thread's deferred calls. */
  @Override
  public T get(long timeout, java.util.concurrent.TimeUnit unit)
      throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    channel.aboutToWait();
    return super.get(timeout, unit);
  }

  /**
   * Completed from outside ({@code orTimeout}, {@code completeOnTimeout}, a user's {@code
   * complete}): a thread parked in {@link #await} waits for this call's own settling, so it is
   * woken here.
   */
  @Override
  public boolean complete(T value) {
    boolean completed = super.complete(value);
    wakeWaiter();
    return completed;
  }

  /** As {@link #complete}. */
  @Override
  public boolean completeExceptionally(Throwable ex) {
    boolean completed = super.completeExceptionally(ex);
    wakeWaiter();
    return completed;
  }

  private void wakeWaiter() {
    Thread w = waiter;
    if (w != null) LockSupport.unpark(w);
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      // Settled as cancelled: an answer arriving later is dropped, and the slot is free now.
      if (OUTCOME.compareAndSet(this, null, CANCELLED) && slots != null) slots.give();
      ScheduledFuture<?> t = timeout;
      if (t != null) t.cancel(false);
      channel.abandon(this);
      wakeWaiter();
      if (ENDED.compareAndSet(this, 0, 1)) {
        channel
            .events()
            .callFailed(
                channel.name(),
                tool,
                method,
                new CancellationException("cancelled"),
                Duration.ofNanos(System.nanoTime() - started));
      }
    }
    return cancelled;
  }

  private static final Outcome CANCELLED = new Outcome(null, null);

  /** A value or a failure, and when it was learnt. */
  private static final class Outcome {
    final Object value;
    final RmoteException failure;
    final long at = System.nanoTime();

    Outcome(Object value, RmoteException failure) {
      this.value = value;
      this.failure = failure;
    }
  }
}
