package io.rmote.benchmarks;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import io.rmote.Remote;
import io.rmote.wire.Codecs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Stream;

/**
 * SCALE: N connections held open at once in one JVM (default 1,000, {@code RMOTE_SCALE_N}; {@code
 * RMOTE_SCALE_STEPS} such as {@code 100,300,1000} steps up), each answered one trivial call, then
 * measured idle: heap after GC, live platform threads by kind, open descriptors, each against the
 * same figures before the first connection, divided by N. Local interpreters, SSH connections to
 * our loopback sshd, and JSch on its own (a session and an exec channel running {@code cat}, no
 * rmote), which is what JSch itself costs. On a JDK with virtual threads the local and SSH runs are
 * repeated with {@code Remote.Builder.threadFactory(Thread.ofVirtual().factory())}.
 */
final class Scale {
  /** Connects with the default threads ({@code null}) or threads from the given factory. */
  @FunctionalInterface
  interface Connector {
    Remote connect(ThreadFactory threads);
  }

  private final Soak.Emitter out;

  Scale(Soak.Emitter out) {
    this.out = out;
  }

  static List<Integer> steps() {
    String steps = System.getenv("RMOTE_SCALE_STEPS");
    String n = System.getenv("RMOTE_SCALE_N");
    List<Integer> list = new ArrayList<>();
    String given = steps != null && !steps.isBlank() ? steps : n;
    if (given == null || given.isBlank()) return List.of(1000);
    for (String s : given.split(",")) list.add(Integer.parseInt(s.strip().replace("_", "")));
    return list;
  }

  /**
   * Holds {@code n} connections made by {@code connector} ({@code parallel} connects at a time),
   * measures, closes them all (also on failure) and prints one line.
   */
  void hold(String kind, int n, int parallel, Connector connector, ThreadFactory threads)
      throws Exception {
    awaitIdleReapers();
    Signs before = Signs.take();
    List<Remote> open = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    long t0 = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        done.add(
            pool.submit(
                () -> {
                  Remote r = connector.connect(threads);
                  open.add(r);
                  r.call(Run.BENCH, "noop", Codecs.VOID);
                  return null;
                }));
      }
      for (Future<?> f : done) f.get();
      double seconds = (System.nanoTime() - t0) / 1e9;
      pool.shutdown();
      pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
      Signs held = Signs.take();
      emit(kind, threads != null ? "virtual" : "platform", n, seconds, before, held);
      Histogram.printTop(kind, n, before.histogram, held.histogram);
    } finally {
      pool.shutdownNow();
      List<Remote> all;
      synchronized (open) {
        all = new ArrayList<>(open);
      }
      closeAll(all);
    }
  }

  /**
   * JSch alone: {@code n} sessions, each with an exec channel running {@code cat}, used as an SSH
   * connection uses it, held open.
   */
  void jschOnly(LoopbackSshd sshd, String user, int n, int parallel) throws Exception {
    Signs before = Signs.take();
    JSch jsch = new JSch();
    jsch.addIdentity(sshd.clientKey.toString());
    jsch.setKnownHosts(sshd.knownHosts.toString());
    List<Session> sessions = Collections.synchronizedList(new ArrayList<>());
    List<List<Object>> streams = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    long t0 = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        done.add(
            pool.submit(
                () -> {
                  Session s = jsch.getSession(user, "127.0.0.1", sshd.port);
                  sessions.add(s);
                  s.connect(10_000);
                  ChannelExec c = (ChannelExec) s.openChannel("exec");
                  c.setCommand("cat");
                  // as SshLauncher uses JSch: stderr pushed to a stream of ours (no pipe), and
                  // one write and its echo, so the channel's output buffer exists as in a
                  // connection that has bootstrapped
                  c.setExtOutputStream(OutputStream.nullOutputStream(), false);
                  InputStream in = c.getInputStream();
                  OutputStream o = c.getOutputStream();
                  c.connect(10_000);
                  o.write('x');
                  o.flush();
                  if (in.read() != 'x') throw new IOException("cat did not echo");
                  // held, as a user of the channel holds them: the channel itself keeps no
                  // reference to the stdin stream or its packet buffer
                  streams.add(List.of(in, o));
                  return null;
                }));
      }
      for (Future<?> f : done) f.get();
      double seconds = (System.nanoTime() - t0) / 1e9;
      Signs held = Signs.take();
      emit("jsch-only", "platform", n, seconds, before, held);
      Histogram.printTop("jsch-only", n, before.histogram, held.histogram);
    } finally {
      pool.shutdownNow();
      streams.clear(); // a use after the measurement, so they are live through it
      synchronized (sessions) {
        for (Session s : sessions) s.disconnect();
      }
    }
  }

  /**
   * SSHCPU: this JVM's CPU per SSH connect with JSch alone (session, exec channel running {@code
   * true}, disconnect), one at a time, for JSch's defaults and for each setting named here, to see
   * where W5's per-host CPU goes.
   */
  void sshCpu(LoopbackSshd sshd, String user, int n) throws Exception {
    JSch jsch = new JSch();
    jsch.addIdentity(sshd.clientKey.toString());
    jsch.setKnownHosts(sshd.knownHosts.toString());
    String[][] variants = {
      {"defaults"},
      // JSch's lists without its checks before each key exchange. rmote's JschAlgorithms checks
      // the key exchanges once per JVM instead, and also drops those this JVM cannot run
      // (mlkem768x25519-sha256 before JDK 24), which this server does not take either.
      {"no availability checks", "CheckKexes", "", "CheckCiphers", "", "CheckSignatures", ""},
      {"kex curve25519-sha256 only", "CheckKexes", "", "kex", "curve25519-sha256"},
      {"kex ecdh-sha2-nistp256 only", "CheckKexes", "", "kex", "ecdh-sha2-nistp256"},
      {"cipher aes128-ctr", "cipher.c2s", "aes128-ctr", "cipher.s2c", "aes128-ctr"},
    };
    for (int i = 0; i < 60; i++) connectOnce(jsch, sshd, user, variants[i % variants.length]);
    double[] cpu = new double[variants.length];
    // round robin, so warm-up and the machine's load fall on every variant alike
    for (int i = 0; i < n; i++) {
      for (int v = 0; v < variants.length; v++) {
        double t0 = cpuSeconds();
        connectOnce(jsch, sshd, user, variants[v]);
        cpu[v] += cpuSeconds() - t0;
      }
    }
    for (int v = 0; v < variants.length; v++) {
      out.emit(
          "SSHCPU",
          "variant",
          variants[v][0],
          "jvm_cpu_ms_per_connect",
          cpu[v] * 1000 / n,
          "connects",
          n,
          "load_average",
          loadAverage());
    }
  }

  private static void connectOnce(JSch jsch, LoopbackSshd sshd, String user, String[] v)
      throws Exception {
    Session s = jsch.getSession(user, "127.0.0.1", sshd.port);
    for (int k = 1; k < v.length; k += 2) s.setConfig(v[k], v[k + 1]);
    s.connect(10_000);
    ChannelExec c = (ChannelExec) s.openChannel("exec");
    c.setCommand("true");
    c.connect(10_000);
    while (!c.isClosed()) Thread.sleep(1);
    s.disconnect();
  }

  private static double cpuSeconds() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(d -> d.toNanos() / 1e9)
        .orElse(Double.NaN);
  }

  private void emit(String kind, String threads, int n, double seconds, Signs a, Signs b) {
    List<Object> kv = new ArrayList<>();
    kv.addAll(
        List.of(
            "kind",
            kind,
            "threads",
            threads,
            "connections",
            n,
            "open_seconds",
            seconds,
            "heap_kib_per_connection",
            (b.heap - a.heap) / 1024.0 / n,
            "platform_threads_per_connection",
            (b.threads - a.threads) / (double) n,
            "fds_per_connection",
            (b.fds - a.fds) / (double) n,
            "heap_before_kib",
            a.heap >> 10,
            "heap_held_kib",
            b.heap >> 10,
            "platform_threads_held",
            b.threads,
            "fds_held",
            b.fds));
    Map<String, Integer> kinds = new TreeMap<>(b.byKind);
    a.byKind.forEach((k, v) -> kinds.merge(k, -v, Integer::sum));
    kinds.forEach((k, v) -> kv.addAll(List.of("threads_" + k, v)));
    kv.addAll(List.of("load_average", loadAverage()));
    out.emit("SCALE", kv.toArray());
  }

  /**
   * Waits (up to 90 s) until the idle process reapers left by an earlier row have ended (those
   * still waiting for a child, such as the loopback sshd's, are not waited for): an idle one lives
   * on for a minute and is reused by the next child, so a baseline taken beside them counts the
   * next row's reapers as already there (stop 27's first run gave 2.0 platform threads per local
   * connection on virtual threads where 3.0 were held).
   */
  private static void awaitIdleReapers() throws InterruptedException {
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < until && reapers() > 0) Thread.sleep(500);
  }

  private static long reapers() {
    return Thread.getAllStackTraces().keySet().stream()
        // an idle one is named exactly so; one waiting for a child adds "(pid N)"
        .filter(t -> t.getName().equals("process reaper"))
        .count();
  }

  private static void closeAll(List<Remote> all) throws InterruptedException {
    ExecutorService closers = Executors.newFixedThreadPool(16);
    for (Remote r : all) closers.execute(r::close);
    closers.shutdown();
    closers.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
    Thread.sleep(1000); // readers end with their streams, a moment after close
  }

  /** {@code Thread.ofVirtual().factory()} where the JDK has it (21+), else {@code null}. */
  static ThreadFactory virtualThreads() {
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      return (ThreadFactory)
          Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static final class Signs {
    final long heap;
    final int threads;
    final long fds;
    final Map<String, Integer> byKind;
    final Map<String, Long> histogram;

    private Signs(
        long heap,
        int threads,
        long fds,
        Map<String, Integer> byKind,
        Map<String, Long> histogram) {
      this.heap = heap;
      this.threads = threads;
      this.fds = fds;
      this.byKind = byKind;
      this.histogram = histogram;
    }

    static Signs take() {
      for (int i = 0; i < 3; i++) System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      Map<String, Integer> kinds = new TreeMap<>();
      for (Thread t : Thread.getAllStackTraces().keySet()) kinds.merge(kind(t), 1, Integer::sum);
      return new Signs(
          heap,
          ManagementFactory.getThreadMXBean().getThreadCount(),
          fds(),
          kinds,
          Histogram.take());
    }

    /** Platform threads by what runs them, from their names. */
    private static String kind(Thread t) {
      String n = t.getName();
      if (n.startsWith("rmote-reader")) return "rmote_reader";
      if (n.startsWith("rmote-stderr")) return "rmote_stderr";
      if (n.startsWith("rmote-")) return "rmote_other";
      if (n.startsWith("process reaper")) return "process_reaper";
      if (n.startsWith("Connect thread")) return "jsch_session";
      if (n.startsWith("ForkJoinPool")) return "carrier";
      return "other";
    }

    private static long fds() {
      try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
        return s.count() - 1; // the listing's own
      } catch (IOException e) {
        return -1;
      }
    }
  }
}
