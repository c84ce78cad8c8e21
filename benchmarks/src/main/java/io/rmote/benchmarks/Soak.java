package io.rmote.benchmarks;

import io.rmote.Remote;
import io.rmote.wire.Codecs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * SOAK: many calls on one connection, then many connect/close cycles, each with the process's vital
 * signs at the start and at the end (JVM heap after GC, live threads, open descriptors, child
 * processes, and the interpreter's resident set): a leak shows as a figure that grows between the
 * two lines. {@code RMOTE_SOAK_CALLS} (default 1,000,000) and {@code RMOTE_SOAK_CYCLES} (default
 * 10,000) shorten a run.
 */
final class Soak {
  /** Prints one JSON line: the workload's name and key/value pairs. */
  @FunctionalInterface
  interface Emitter {
    void emit(String workload, Object... keyValues);
  }

  private final Supplier<Remote> connect;
  private final Emitter out;

  Soak(Supplier<Remote> connect, Emitter out) {
    this.connect = connect;
    this.out = out;
  }

  void run() throws Exception {
    calls(count("RMOTE_SOAK_CALLS", 1_000_000));
    cycles(count("RMOTE_SOAK_CYCLES", 10_000));
  }

  private static int count(String env, int fallback) {
    String v = System.getenv(env);
    return v == null || v.isBlank() ? fallback : Integer.parseInt(v.strip().replace("_", ""));
  }

  /** One connection, {@code n} trivial calls in a row. */
  void calls(int n) {
    try (Remote r = connect.get()) {
      long pid = r.call(Run.BENCH, "pid", Codecs.LONG);
      for (int i = 0; i < Math.min(n, 10_000); i++) r.call(Run.BENCH, "noop", Codecs.VOID);
      signs("calls", "start", 0, pid);
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) r.call(Run.BENCH, "noop", Codecs.VOID);
      double seconds = (System.nanoTime() - t0) / 1e9;
      signs("calls", "end", n, pid, "calls_per_s", n / seconds);
    }
  }

  /**
   * {@code n} connections, each opened, called once and closed; the signs are taken with one more
   * connection open, whose interpreter's RSS they give.
   */
  void cycles(int n) throws InterruptedException {
    for (int i = 0; i < Math.min(n, 20); i++) cycle();
    try (Remote r = connect.get()) {
      signs("cycles", "start", 0, r.call(Run.BENCH, "pid", Codecs.LONG));
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) cycle();
    double seconds = (System.nanoTime() - t0) / 1e9;
    Thread.sleep(1000); // readers end with their streams, a moment after close
    try (Remote r = connect.get()) {
      signs("cycles", "end", n, r.call(Run.BENCH, "pid", Codecs.LONG), "cycles_per_s", n / seconds);
    }
  }

  private void cycle() {
    try (Remote r = connect.get()) {
      r.call(Run.BENCH, "noop", Codecs.VOID);
    }
  }

  private void signs(String phase, String at, int done, long pid, Object... more) {
    List<Object> kv = new ArrayList<>();
    kv.addAll(
        List.of(
            "phase",
            phase,
            "at",
            at,
            "done",
            done,
            "heap_after_gc_kib",
            heapAfterGc() >> 10,
            "threads",
            Thread.activeCount(),
            "fds",
            fds(),
            "children",
            ProcessHandle.current().descendants().count(),
            "remote_rss_kib",
            rssKib(pid)));
    kv.addAll(List.of(more));
    out.emit("SOAK", kv.toArray());
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long fds() {
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count() - 1; // the listing's own
    } catch (IOException e) {
      return -1;
    }
  }

  /** VmRSS of {@code /proc/PID/status}, in KiB; -1 once the process is gone. */
  private static long rssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.split("\\s+")[1]);
      }
    } catch (IOException | RuntimeException e) {
      // gone
    }
    return -1;
  }
}
