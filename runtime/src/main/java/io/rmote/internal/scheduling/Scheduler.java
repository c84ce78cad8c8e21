package io.rmote.internal.scheduling;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one home of rmote's background work: long-running loops (a connection's reader, a stderr
 * pump), short jobs (completing futures, closing a fleet's connections) and delayed jobs (call
 * timeouts, start-up watchdogs).
 *
 * <p>Threads come from a {@link ThreadFactory}: by default daemon platform threads named {@code
 * rmote-*}, or the user's (virtual threads, for one), except a reader of streams whose reads keep a
 * virtual thread's carrier ({@link #startReader}). Delays are kept by a single JVM-wide daemon
 * thread, {@code rmote-timer}, which only hands each due job to a worker, so a slow job never
 * delays another's timeout.
 */
public final class Scheduler implements Executor {
  private static final AtomicInteger WORKERS = new AtomicInteger();

  private final ThreadFactory threads;
  private final ThreadPoolExecutor workers;
  private final boolean shared;

  private Scheduler(ThreadFactory threads, boolean shared) {
    this.threads = threads;
    this.shared = shared;
    this.workers =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> named(threads.newThread(r), "rmote-worker-" + WORKERS.incrementAndGet()));
  }

  /**
   * The scheduler of every connection that brings no thread factory of its own; never shut down.
   */
  public static Scheduler shared() {
    return Shared.INSTANCE;
  }

  /** A scheduler whose threads come from {@code threads}; its owner calls {@link #shutdown()}. */
  public static Scheduler create(ThreadFactory threads) {
    return new Scheduler(threads, false);
  }

  /** Starts {@code body} on a thread of its own named {@code name}. */
  public Thread start(String name, Runnable body) {
    Thread t = named(threads.newThread(body), name);
    t.start();
    return t;
  }

  /**
   * Starts {@code body}, a loop that reads a transport's stream, on a thread of its own named
   * {@code name}: the factory's, or, where {@code readsBlockCarrier} (a pipe's or a file's read
   * keeps a virtual thread's carrier: {@link io.rmote.transport.Transport#readsBlockCarrier}) and
   * the factory makes virtual threads, a daemon platform thread with the factory thread's uncaught
   * exception handler and context class loader.
   */
  public Thread startReader(String name, Runnable body, boolean readsBlockCarrier) {
    Thread t = named(threads.newThread(body), name);
    if (readsBlockCarrier && !shared && Virtual.is(t)) {
      Thread platform = new Thread(body, name);
      platform.setDaemon(true);
      // what a factory may have set up on its thread, kept; a wrapper it put around body is not
      platform.setUncaughtExceptionHandler(t.getUncaughtExceptionHandler());
      platform.setContextClassLoader(t.getContextClassLoader());
      t = platform;
    }
    t.start();
    return t;
  }

  /** Runs {@code job} soon on a worker thread, never on the caller's. */
  @Override
  public void execute(Runnable job) {
    try {
      workers.execute(job);
    } catch (RejectedExecutionException e) {
      // shut down: a late job (a callback after close) still runs, on a thread of its own
      start("rmote-late-job", job);
    }
  }

  /**
   * Runs {@code job} on a worker after {@code delay}, unless the returned future is cancelled
   * first.
   */
  public ScheduledFuture<?> schedule(Duration delay, Runnable job) {
    return Timer.INSTANCE.schedule(() -> execute(job), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Runs {@code check} on the timer thread itself after {@code delay}: only for a short job that
   * never blocks, which then costs no hand-off to a worker.
   */
  public ScheduledFuture<?> scheduleOnTimer(Duration delay, Runnable check) {
    return Timer.INSTANCE.schedule(check, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Lets running jobs finish and idle workers end; later jobs run on threads of their own. No-op
   * when shared.
   */
  public void shutdown() {
    if (!shared) workers.shutdown();
  }

  private static Thread named(Thread t, String name) {
    if (t == null) throw new RejectedExecutionException("the thread factory made no thread");
    t.setName(name);
    return t;
  }

  private static final class Shared {
    static final Scheduler INSTANCE =
        new Scheduler(
            r -> {
              Thread t = new Thread(r);
              t.setDaemon(true);
              return t;
            },
            true);
  }

  /**
   * {@code Thread.isVirtual()}, which a {@code --release 17} build cannot name: looked up once, and
   * only for a thread factory of the user's (the shared one makes platform threads), so that a
   * fresh JVM's first connect does not bring up method handles for it.
   */
  private static final class Virtual {
    private static final MethodHandle IS_VIRTUAL = lookup();

    private static MethodHandle lookup() {
      try {
        return MethodHandles.publicLookup()
            .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
      } catch (NoSuchMethodException | IllegalAccessException e) {
        return null; // before JDK 21: no virtual threads
      }
    }

    static boolean is(Thread t) {
      if (IS_VIRTUAL == null) return false;
      try {
        return (boolean) IS_VIRTUAL.invokeExact(t);
      } catch (Throwable e) {
        throw new IllegalStateException("Thread.isVirtual failed", e);
      }
    }
  }

  private static final class Timer {
    static final ScheduledThreadPoolExecutor INSTANCE = timer();

    private static ScheduledThreadPoolExecutor timer() {
      ScheduledThreadPoolExecutor t =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread th = new Thread(r, "rmote-timer");
                th.setDaemon(true);
                return th;
              });
      // a call answered in time cancels its timeout: leave the queue at once, not at the deadline
      t.setRemoveOnCancelPolicy(true);
      return t;
    }
  }
}
