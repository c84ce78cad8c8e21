package io.rmote.benchmarks;

import io.rmote.Remote;
import io.rmote.wire.Codecs;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * WAITS: how a connection's threads wait around blocking calls (docs/runtime.md, "How a blocking
 * call waits"). Three lines, each on a fresh connection:
 *
 * <ul>
 *   <li>{@code blocking}: 30,000 trivial blocking calls after 5,000 of warm-up; the mean and median
 *       call, and the CPU per call of the connection's reader thread and of the calling thread;
 *   <li>{@code mixed}: for 3 s, one thread makes blocking calls while another makes an async call
 *       every millisecond and times it to its callback; the blocking calls made and the async
 *       calls' median and p99;
 *   <li>{@code after_burst}: 300 times, 100 blocking calls and then one async call, awaited through
 *       a callback alone or through {@code get()}: the medians from the call to its answer.
 * </ul>
 *
 * No baseline: the figures are compared with the same workload on another build of the runtime.
 */
final class Waits {
  private final Supplier<Remote> connect;
  private final Soak.Emitter out;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  Waits(Supplier<Remote> connect, Soak.Emitter out) {
    this.connect = connect;
    this.out = out;
  }

  void run() throws Exception {
    blocking();
    mixed();
    afterBurst();
  }

  private void blocking() {
    int n = 30_000;
    try (Remote r = connect.get()) {
      for (int i = 0; i < 5_000; i++) r.call(Run.BENCH, "noop", Codecs.VOID);
      long reader0 = cpu("rmote-reader-");
      long self0 = threads.getCurrentThreadCpuTime();
      double[] t = new double[n];
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        r.call(Run.BENCH, "noop", Codecs.VOID);
        t[i] = (System.nanoTime() - t0) / 1e3;
      }
      double mean = (System.nanoTime() - start) / 1e3 / n;
      out.emit(
          "WAITS",
          "case",
          "blocking",
          "calls",
          n,
          "mean_us",
          mean,
          "median_us",
          Run.median(t),
          "reader_cpu_us_per_call",
          (cpu("rmote-reader-") - reader0) / 1e3 / n,
          "caller_cpu_us_per_call",
          (threads.getCurrentThreadCpuTime() - self0) / 1e3 / n);
    }
  }

  private void mixed() throws Exception {
    try (Remote r = connect.get()) {
      for (int i = 0; i < 5_000; i++) r.call(Run.BENCH, "noop", Codecs.VOID);
      long end = System.nanoTime() + 3_000_000_000L;
      int[] blocking = new int[1];
      Thread caller =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  r.call(Run.BENCH, "noop", Codecs.VOID);
                  blocking[0]++;
                }
              },
              "waits-blocking");
      caller.start();
      double[] lat = new double[3_500];
      int n = 0;
      CompletableFuture<?>[] calls = new CompletableFuture<?>[lat.length];
      while (System.nanoTime() < end && n < lat.length) {
        int k = n++;
        long t0 = System.nanoTime();
        calls[k] =
            r.callAsync(Run.BENCH, "noop", Codecs.VOID)
                .whenComplete((v, e) -> lat[k] = (System.nanoTime() - t0) / 1e3);
        Thread.sleep(1);
      }
      CompletableFuture.allOf(Arrays.copyOf(calls, n)).join();
      caller.join();
      double[] done = Arrays.copyOf(lat, n);
      out.emit(
          "WAITS",
          "case",
          "mixed",
          "blocking_calls_in_3s",
          blocking[0],
          "async_calls",
          n,
          "async_median_us",
          Run.median(done),
          "async_p99_us",
          Run.percentile(done, 99));
    }
  }

  private void afterBurst() throws Exception {
    try (Remote r = connect.get()) {
      for (int i = 0; i < 5_000; i++) r.call(Run.BENCH, "noop", Codecs.VOID);
      double[] callback = new double[300];
      double[] get = new double[300];
      for (int k = 0; k < 300; k++) {
        for (int i = 0; i < 100; i++) r.call(Run.BENCH, "noop", Codecs.VOID);
        CountDownLatch done = new CountDownLatch(1);
        long[] at = new long[1];
        long t0 = System.nanoTime();
        var unused =
            r.callAsync(Run.BENCH, "noop", Codecs.VOID)
                .whenComplete(
                    (v, e) -> {
                      at[0] = System.nanoTime();
                      done.countDown();
                    });
        done.await();
        callback[k] = (at[0] - t0) / 1e3;
        for (int i = 0; i < 100; i++) r.call(Run.BENCH, "noop", Codecs.VOID);
        t0 = System.nanoTime();
        r.callAsync(Run.BENCH, "noop", Codecs.VOID).get();
        get[k] = (System.nanoTime() - t0) / 1e3;
      }
      out.emit(
          "WAITS",
          "case",
          "after_burst",
          "callback_median_us",
          Run.median(callback),
          "get_median_us",
          Run.median(get));
    }
  }

  /** The CPU time of the live threads whose names start with {@code prefix}, in ns. */
  private long cpu(String prefix) {
    long sum = 0;
    for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null && t.getThreadName().startsWith(prefix)) {
        sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
      }
    }
    return sum;
  }
}
