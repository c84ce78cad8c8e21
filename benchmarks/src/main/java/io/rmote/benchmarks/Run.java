package io.rmote.benchmarks;

import io.rmote.Fleet;
import io.rmote.Remote;
import io.rmote.Result;
import io.rmote.ToolDescriptor;
import io.rmote.internal.launch.LaunchAccess;
import io.rmote.ssh.Ssh;
import io.rmote.transport.Transport;
import io.rmote.wire.Codecs;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The workloads of {@code benchmarks/run}. Each prints one JSON line with our figure and, where the
 * workload has one, a baseline measured in the same process over the same kind of pipes: a minimal
 * Python child ({@code bench/echo_child.py}) that echoes our frames and nothing more.
 */
public final class Run {
  static final ToolDescriptor BENCH =
      ToolDescriptor.fromResource(Run.class, "bench/bench.py", "Bench");

  /** The interpreter as given: the name the SSH workloads run on the far side. */
  private final String python;

  /**
   * The interpreter this machine runs locally, resolved once: a launcher in between (pyenv's shim
   * is a shell script costing about 0.4 s per start) is not part of any limit we measure.
   */
  private final String local;

  private final String executable;

  Run(String python) {
    this.python = python;
    String resolved = resolve(python);
    this.executable = python + " -> " + resolved;
    int space = resolved.lastIndexOf(' ');
    this.local = space > 0 ? resolved.substring(0, space) : python;
  }

  public static void main(String[] args) throws Exception {
    List<String> workloads =
        args.length == 0
            ? List.of("W1", "W2", "W3", "W4", "W5", "W6", "W7", "APT", "EDITS")
            : Arrays.asList(args);
    Run run =
        new Run(
            System.getProperty(
                "rmote.bench.python",
                System.getenv().getOrDefault("RMOTE_BENCH_PYTHON", "python3")));
    for (String w : workloads) {
      switch (w.toUpperCase(Locale.ROOT)) {
        case "W1":
          run.w1();
          break;
        case "W2":
          run.w2();
          break;
        case "W3":
          run.w3();
          break;
        case "W4":
          run.w4();
          break;
        case "W5":
          run.ssh("W5", run::w5);
          break;
        case "W6":
          run.ssh("W6", run::w6);
          break;
        case "W6BULK":
          run.ssh("W6BULK", run::w6Bulk);
          break;
        case "W7":
          run.w7();
          break;
        case "APT":
          run.apt();
          break;
        case "EDITS":
          run.edits();
          break;
        case "SIZES":
          run.sizes();
          break;
        case "SCALE":
          run.scale();
          break;
        case "SSHCPU":
          run.ssh(
              "SSHCPU",
              () -> {
                try (SshTarget target = run.new SshTarget()) {
                  String n = System.getenv("RMOTE_SSHCPU_N");
                  new Scale(run::emit)
                      .sshCpu(
                          target.own,
                          target.user,
                          n == null || n.isBlank() ? 40 : Integer.parseInt(n.strip()));
                }
              });
          break;
        case "PEERS":
          new Peers().run();
          break;
        case "SOAK":
          new Soak(run::connect, run::emit).run();
          break;
        case "WAITS":
          new Waits(run::connect, run::emit).run();
          break;
        case "JMH":
          Micro.run(run::emit);
          break;
        case "COLD":
          new Cold(run.local, run::emit).run();
          break;
        default:
          throw new IllegalArgumentException(
              "unknown workload "
                  + w
                  + " (W1 W2 W3 W4 W5 W6 W6BULK W7 APT EDITS SIZES SCALE SSHCPU SOAK WAITS JMH COLD"
                  + " PEERS)");
      }
    }
    System.exit(0);
  }

  Remote connect() {
    return Remote.builder().python(local).name("bench").connect();
  }

  Remote connect(ThreadFactory threads) {
    Remote.Builder b = Remote.builder().python(local).name("scale");
    if (threads != null) b.threadFactory(threads);
    return b.connect();
  }

  /**
   * SCALE: N local and N SSH connections held open (each kind on its own, {@code RMOTE_SCALE_KINDS}
   * picks among local, ssh and jsch), with platform threads, and with virtual threads where the JDK
   * has them; JSch alone beside them.
   */
  void scale() throws Exception {
    Scale scale = new Scale(this::emit);
    ThreadFactory virtual = Scale.virtualThreads();
    String kinds = System.getenv().getOrDefault("RMOTE_SCALE_KINDS", "local,ssh,jsch");
    for (int n : Scale.steps()) {
      if (kinds.contains("local")) {
        scale.hold("local", n, 4, this::connect, null);
        if (virtual != null) scale.hold("local", n, 4, this::connect, virtual);
      }
      if (kinds.contains("ssh") || kinds.contains("jsch")) {
        ssh(
            "SCALE",
            () -> {
              try (SshTarget target = new SshTarget()) {
                if (kinds.contains("ssh")) {
                  scale.hold("ssh", n, 8, target::connect, null);
                  if (virtual != null) scale.hold("ssh", n, 8, target::connect, virtual);
                }
                if (kinds.contains("jsch") && target.own != null) {
                  scale.jschOnly(target.own, target.user, n, 8);
                }
              }
            });
      }
    }
  }

  /**
   * W1: connect and make a first call, against a bare interpreter start ({@code python3 -c pass},
   * the limit) and against the same start without the site module ({@code -E -s -S}, the
   * flags the runtime starts with: the like-for-like floor). {@code median_ms} is what a JVM's
   * later starts take, from the runtime's bytecode (docs/protocol.md); {@code source_median_ms} is
   * a start from the source, as every JVM's first start of a target is, measured in the same rounds
   * with the JVM's bytecode store emptied before it (and filled again, untimed, after it).
   */
  void w1() throws Exception {
    int n = 20;
    for (int i = 0; i < 3; i++) {
      try (Remote r = connect()) {
        r.call(BENCH, "noop", Codecs.VOID);
      }
      bare();
      bare("-E", "-s", "-S");
    }
    double[] ours = new double[n];
    double[] source = new double[n];
    double[] bare = new double[n];
    double[] noSite = new double[n];
    for (int i = 0; i < n; i++) {
      ours[i] = firstCall();
      io.rmote.internal.bootstrap.Bytecode.clear();
      source[i] = firstCall();
      firstCall(); // asks for the bytecode again
      bare[i] = bare();
      noSite[i] = bare("-E", "-s", "-S");
    }
    emit(
        "W1",
        "connections",
        n,
        "median_ms",
        median(ours),
        "source_median_ms",
        median(source),
        "python_start_ms",
        median(bare),
        "python_start_no_site_ms",
        median(noSite));
  }

  /** One connect and first call, in milliseconds; the close is not timed. */
  private double firstCall() {
    long t0 = System.nanoTime();
    Remote r = connect();
    r.call(BENCH, "noop", Codecs.VOID);
    double ms = (System.nanoTime() - t0) / 1e6;
    r.close();
    return ms;
  }

  /** One bare start of the local interpreter: {@code python3 FLAGS -c pass}, in milliseconds. */
  double bare(String... flags) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(local);
    command.addAll(List.of(flags));
    command.addAll(List.of("-c", "pass"));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    p.waitFor();
    return (System.nanoTime() - t0) / 1e6;
  }

  /**
   * W2: sequential round trips of a trivial call, against the echo child driven two ways. Each of
   * the three warms for 3,000 calls, then they take turns in blocks of 1,000 calls, six blocks
   * each, so a change in the machine's mood (an idle core's wake-up going from fast to slow)
   * reaches all three alike. (Blocks of 300 cost ours a few microseconds more per call than blocks
   * of 1,000 or 2,000, the scheduler settling its two processes anew at each switch.)
   */
  void w2() throws Exception {
    int warm = 3000;
    int block = 1000;
    int blocks = 6;
    int n = block * blocks;
    double[] ours = new double[n];
    double[] base = new double[n];
    double[] handed = new double[n];
    try (Remote r = connect();
        Echo echo = new Echo();
        Echo handing = new Echo()) {
      // The same echo driven the way a Remote waits: a reader thread takes the answer and the
      // caller spins briefly for it. On a VM whose idle cores wake slowly, a thread blocked in
      // read() pays that wake-up on every call, which a spinning caller does not: this is the
      // like-for-like baseline, the blocking one shows the machine's mood.
      handing.startReader();
      for (int i = 0; i < warm; i++) r.call(BENCH, "noop", Codecs.VOID);
      for (int i = 0; i < warm; i++) echo.roundTrip();
      for (int i = 0; i < warm; i++) handing.roundTripHandedOff();
      for (int b = 0; b < blocks; b++) {
        for (int i = b * block; i < (b + 1) * block; i++) {
          long t0 = System.nanoTime();
          r.call(BENCH, "noop", Codecs.VOID);
          ours[i] = (System.nanoTime() - t0) / 1e3;
        }
        for (int i = b * block; i < (b + 1) * block; i++) {
          long t0 = System.nanoTime();
          echo.roundTrip();
          base[i] = (System.nanoTime() - t0) / 1e3;
        }
        for (int i = b * block; i < (b + 1) * block; i++) {
          long t0 = System.nanoTime();
          handing.roundTripHandedOff();
          handed[i] = (System.nanoTime() - t0) / 1e3;
        }
      }
    }
    emit(
        "W2",
        "calls",
        n,
        "median_us",
        median(ours),
        "p99_us",
        percentile(ours, 99),
        "baseline_median_us",
        median(base),
        "baseline_p99_us",
        percentile(base, 99),
        "baseline_handoff_median_us",
        median(handed),
        "ratio",
        median(ours) / median(base),
        "ratio_to_handoff",
        median(ours) / median(handed));
  }

  /**
   * W3: trivial calls with 64 in flight, against the echo child with 64 frames in flight, at the
   * steady state: both warm for {@value #W3_WARM} calls (our call path needs about that many before
   * the JIT has compiled it; the echo's few lines much fewer), then {@value #W3_PAIRS} pairs of
   * blocks of {@value #W3_BLOCK} calls, ours and the echo's in turn, so both see the same moods of
   * the machine. The figures are the blocks' medians and the median of the pairs' ratios; the first
   * block of the connection is reported apart, as what a short run gets (in a fresh JVM when W3
   * runs alone).
   */
  void w3() throws Exception {
    int window = 64;
    double[] ours = new double[W3_PAIRS];
    double[] base = new double[W3_PAIRS];
    double[] ratio = new double[W3_PAIRS];
    double first;
    try (Remote r = connect();
        Echo echo = new Echo()) {
      first = rate(() -> inFlight(r, window, W3_BLOCK), W3_BLOCK);
      inFlight(r, window, W3_WARM - W3_BLOCK);
      echo.pipelined(window, W3_WARM);
      for (int i = 0; i < W3_PAIRS; i++) {
        ours[i] = rate(() -> inFlight(r, window, W3_BLOCK), W3_BLOCK);
        base[i] = rate(() -> echo.pipelined(window, W3_BLOCK), W3_BLOCK);
        ratio[i] = ours[i] / base[i];
      }
    }
    emit(
        "W3",
        "in_flight",
        window,
        "calls_per_s",
        Math.round(median(ours)),
        "baseline_calls_per_s",
        Math.round(median(base)),
        "ratio",
        median(ratio),
        "ratio_min",
        percentile(ratio, 0),
        "ratio_max",
        percentile(ratio, 100),
        "first_block_calls_per_s",
        Math.round(first));
  }

  private static final int W3_WARM = 200_000;
  private static final int W3_BLOCK = 20_000;
  private static final int W3_PAIRS = 10;

  /** Something run once, timed. */
  interface Block {
    void run() throws Exception;
  }

  /** {@code n} over the seconds {@code block} took. */
  private static double rate(Block block, int n) throws Exception {
    long t0 = System.nanoTime();
    block.run();
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  private static void inFlight(Remote r, int window, int n) throws InterruptedException {
    Semaphore slots = new Semaphore(window);
    for (int i = 0; i < n; i++) {
      slots.acquire();
      CompletableFuture<Void> f = r.callAsync(BENCH, "noop", Codecs.VOID);
      var unused = f.whenComplete((v, e) -> slots.release());
    }
    slots.acquire(window);
  }

  /** W4: one 128 MiB bytes result, against the echo child sending the same bytes in our frames. */
  void w4() throws Exception {
    int size = 128 << 20;
    double[] ours = new double[3];
    try (Remote r = connect()) {
      r.call(BENCH, "blob", byte[].class, 1L << 20);
      for (int i = 0; i < ours.length; i++) {
        long t0 = System.nanoTime();
        byte[] b = r.call(BENCH, "blob", byte[].class, (long) size);
        ours[i] = mib(b.length) / ((System.nanoTime() - t0) / 1e9);
      }
    }
    double[] base = new double[3];
    try (Echo echo = new Echo()) {
      echo.bulk(1 << 20);
      for (int i = 0; i < base.length; i++) {
        long t0 = System.nanoTime();
        byte[] b = echo.bulk(size);
        base[i] = mib(b.length) / ((System.nanoTime() - t0) / 1e9);
      }
    }
    emit("W4", "mib", 128, "mb_per_s", median(ours), "baseline_mb_per_s", median(base));
  }

  // ---- SSH: W5 and W6 -------------------------------------------------------------------

  /**
   * Where W5 and W6 connect: the server named by {@code RMOTE_BENCH_SSH} ({@code
   * [user@]host[:port]} or an alias, with {@code ~/.ssh/config} or {@code RMOTE_BENCH_SSH_CONFIG},
   * and known_hosts as OpenSSH would use them), else an sshd of our own on loopback, logged into as
   * {@code RMOTE_BENCH_SSH_USER} (default root).
   */
  private final class SshTarget implements AutoCloseable {
    final LoopbackSshd own;
    final String label;
    private final String given = System.getenv("RMOTE_BENCH_SSH");
    private final String config = System.getenv("RMOTE_BENCH_SSH_CONFIG");
    private final String user = System.getenv().getOrDefault("RMOTE_BENCH_SSH_USER", "root");

    SshTarget() throws IOException, InterruptedException {
      own = given == null || given.isBlank() ? LoopbackSshd.start() : null;
      label = own != null ? user + "@own sshd on 127.0.0.1:" + own.port : given;
    }

    Ssh ssh() {
      if (own != null) return own.client(user).build();
      Ssh.Builder b = Ssh.to(given);
      if (config != null) b.config(Path.of(config));
      return b.build();
    }

    Remote connect() {
      return connect(null);
    }

    /** Connects with threads from {@code threads}, or the shared ones when {@code null}. */
    Remote connect(ThreadFactory threads) {
      Remote.Builder b = Remote.builder().ssh(ssh()).python(python).name("bench-ssh");
      if (threads != null) b.threadFactory(threads);
      return b.connect();
    }

    /**
     * CPU seconds spent so far on both ends when the server is ours: this JVM, and our sshd with
     * the sessions, shells and interpreters it has reaped. NaN for a server given by name.
     */
    double cpuSeconds() throws IOException {
      if (own == null) return Double.NaN;
      return jvmCpuSeconds() + own.cpuSeconds();
    }

    List<String> openssh(String... remoteCommand) {
      List<String> cmd = new ArrayList<>();
      if (own != null) {
        cmd.addAll(own.opensshCommand(user));
      } else {
        cmd.addAll(List.of("ssh", "-o", "BatchMode=yes"));
        if (config != null) cmd.addAll(List.of("-F", config));
        cmd.add(given);
      }
      cmd.addAll(Arrays.asList(remoteCommand));
      return cmd;
    }

    @Override
    public void close() {
      if (own != null) own.close();
    }
  }

  interface Workload {
    void run() throws Exception;
  }

  /**
   * An SSH workload; one that cannot run here (no sshd, not root) says why on its line and the
   * others go on.
   */
  void ssh(String name, Workload w) {
    try {
      w.run();
    } catch (Exception e) {
      emit(name, "error", String.valueOf(e.getMessage()).replace('"', '\'').replace('\n', ' '));
    }
  }

  /**
   * W5: N SSH connections opened at once (a fleet with N concurrent connects), one trivial call
   * each, all closed; against one connection, one call and its close.
   */
  void w5() throws Exception {
    try (SshTarget target = new SshTarget()) {
      for (int i = 0; i < 3; i++) oneHost(target);
      double[] one = new double[7];
      for (int i = 0; i < one.length; i++) one[i] = oneHost(target);
      double oneHost = median(one);
      for (int hosts : new int[] {20, 100}) {
        double[] runs = new double[3];
        double[] cpu = new double[3];
        double[] jvmCpu = new double[3];
        int failed = 0;
        for (int i = 0; i < runs.length; i++) {
          double cpu0 = target.cpuSeconds();
          double jvm0 = jvmCpuSeconds();
          List<String> names = new ArrayList<>();
          for (int h = 0; h < hosts; h++) names.add("h" + h);
          long t0 = System.nanoTime();
          try (Fleet fleet =
              Fleet.builder().maxConcurrentConnects(hosts).connect(names, h -> target.connect())) {
            Map<String, Result<Void>> r =
                fleet.awaitAll(remote -> remote.callAsync(BENCH, "noop", Codecs.VOID));
            failed = Math.max(failed, (int) r.values().stream().filter(Result::isFailed).count());
            if (failed > 0) {
              System.err.println(
                  "W5: "
                      + failed
                      + " of "
                      + hosts
                      + " failed, first: "
                      + r.values().stream()
                          .filter(Result::isFailed)
                          .findFirst()
                          .orElseThrow()
                          .error());
            }
          }
          runs[i] = (System.nanoTime() - t0) / 1e9;
          cpu[i] = target.cpuSeconds() - cpu0;
          jvmCpu[i] = jvmCpuSeconds() - jvm0;
        }
        emit(
            "W5",
            "hosts",
            hosts,
            "seconds",
            millis(median(runs)),
            "one_host_seconds",
            millis(oneHost),
            "ratio",
            median(runs) / oneHost,
            "cpu_ms_per_host",
            median(cpu) * 1000 / hosts,
            "jvm_cpu_ms_per_host",
            median(jvmCpu) * 1000 / hosts,
            "jvm_cpu_ms_total",
            median(jvmCpu) * 1000,
            "load_average",
            Scale.loadAverage(),
            "cores",
            Runtime.getRuntime().availableProcessors(),
            "failed",
            failed,
            "server",
            target.label);
      }
    }
  }

  private static double jvmCpuSeconds() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(d -> d.toNanos() / 1e9)
        .orElse(Double.NaN);
  }

  /** Seconds to the millisecond, as a JSON number. */
  private static java.math.BigDecimal millis(double seconds) {
    return java.math.BigDecimal.valueOf(seconds).setScale(3, java.math.RoundingMode.HALF_UP);
  }

  private double oneHost(SshTarget target) {
    long t0 = System.nanoTime();
    try (Remote r = target.connect()) {
      r.call(BENCH, "noop", Codecs.VOID);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * W6BULK: one 32 MiB bytes result over SSH, MB/s (median of 5 after a 1 MiB warm-up): what the
   * SSH channel's stdout pipe lets through.
   */
  void w6Bulk() throws Exception {
    int size = 32 << 20;
    double[] ours = new double[5];
    try (SshTarget target = new SshTarget();
        Remote r = target.connect()) {
      r.call(BENCH, "blob", byte[].class, 1L << 20);
      for (int i = 0; i < ours.length; i++) {
        long t0 = System.nanoTime();
        byte[] b = r.call(BENCH, "blob", byte[].class, (long) size);
        ours[i] = mib(b.length) / ((System.nanoTime() - t0) / 1e9);
      }
    }
    emit("W6BULK", "mib", 32, "mb_per_s", median(ours), "load_average", Scale.loadAverage());
  }

  /**
   * W6: W2 (sequential trivial calls) over one SSH connection, and a small file read by a call,
   * against the echo child over an SSH exec channel of the same kind (the raw round trip), and
   * against a fresh {@code ssh host cat FILE} per read, as a script that shells out would do.
   */
  void w6() throws Exception {
    String file = "/etc/hostname";
    int n = 3000;
    try (SshTarget target = new SshTarget()) {
      double[] calls = new double[n];
      double[] reads = new double[n];
      try (Remote r = target.connect()) {
        for (int i = 0; i < 3000; i++) r.call(BENCH, "noop", Codecs.VOID);
        for (int i = 0; i < n; i++) {
          long t0 = System.nanoTime();
          r.call(BENCH, "noop", Codecs.VOID);
          calls[i] = (System.nanoTime() - t0) / 1e3;
        }
        for (int i = 0; i < 300; i++) r.call(BENCH, "read", byte[].class, file);
        for (int i = 0; i < n; i++) {
          long t0 = System.nanoTime();
          r.call(BENCH, "read", byte[].class, file);
          reads[i] = (System.nanoTime() - t0) / 1e3;
        }
      }
      double[] echo = new double[n];
      try (Echo e = new Echo(target.ssh())) {
        for (int i = 0; i < 3000; i++) e.roundTrip();
        for (int i = 0; i < n; i++) {
          long t0 = System.nanoTime();
          e.roundTrip();
          echo[i] = (System.nanoTime() - t0) / 1e3;
        }
      }
      double[] exec = new double[20];
      List<String> cat = target.openssh("cat", file);
      for (int i = -2; i < exec.length; i++) {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cat).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0)
          throw new IOException("ssh cat failed: " + new String(out, StandardCharsets.UTF_8));
        if (i >= 0) exec[i] = (System.nanoTime() - t0) / 1e3;
      }
      emit(
          "W6",
          "calls",
          n,
          "median_us",
          median(calls),
          "p99_us",
          percentile(calls, 99),
          "read_median_us",
          median(reads),
          "echo_median_us",
          median(echo),
          "ssh_exec_median_us",
          median(exec),
          "server",
          target.label);
    }
  }

  /**
   * W7: a call through a generated proxy against the same call through the dynamic API ({@link
   * TypedCalls}).
   */
  void w7() {
    try (Remote r = connect()) {
      emit("W7", TypedCalls.measure(r));
    }
  }

  /**
   * APT: a converge of 20 installed packages with one dpkg status read, against one {@code
   * dpkg-query} per package ({@link AptStatus}); on the interpreter's host, which needs dpkg.
   */
  void apt() {
    try (Remote r = connect()) {
      emit("APT", AptStatus.measure(r));
    }
  }

  /**
   * EDITS: ten {@code line_in_file} edits on one file over one connection, against ten {@code sed
   * -i} runs ({@link LineEdits}).
   */
  void edits() throws Exception {
    try (Remote r = connect()) {
      emit("EDITS", LineEdits.measure(r));
    }
  }

  /** The bootstrap's sizes, for docs/protocol.md. */
  void sizes() {
    io.rmote.internal.bootstrap.Bootstrap b = io.rmote.internal.bootstrap.Bootstrap.create();
    emit(
        "SIZES",
        "stage1_bytes",
        b.firstStage().getBytes(StandardCharsets.UTF_8).length,
        "source_bytes",
        io.rmote.internal.bootstrap.Bootstrap.runtimeSourceSize(),
        "lzma_bytes",
        io.rmote.internal.bootstrap.Bootstrap.compressedSize(),
        "lzma_base64_bytes",
        io.rmote.internal.bootstrap.Bootstrap.payloadSize(),
        "zlib_base64_bytes",
        io.rmote.internal.bootstrap.Bootstrap.fallbackPayloadSize());
  }

  private static double mib(long bytes) {
    return bytes / (double) (1 << 20);
  }

  /** The baseline peer: a Python child echoing frames over pipes, driven without any rmote code. */
  final class Echo implements AutoCloseable {
    private final Process process;
    private final Transport transport;
    private final OutputStream out;
    private final DataInputStream in;
    // The size of our CALL frame for Bench.noop(): header, module, class, method, empty args.
    private final byte[] frame = header(31, 2, 0, 1, new byte[10 + 31]);

    Echo() throws IOException {
      Path script = Files.createTempFile("rmote-echo", ".py");
      Files.writeString(script, echoSource());
      process =
          new ProcessBuilder(local, script.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      script.toFile().deleteOnExit();
      transport = null;
      out = process.getOutputStream();
      in = new DataInputStream(process.getInputStream());
    }

    /** The same child over an SSH exec channel: {@code python -c SOURCE} on the remote. */
    Echo(Ssh ssh) throws IOException {
      transport =
          LaunchAccess.sshLauncher(ssh, python, Map.of(), null, "bench-echo")
              .launch(List.of("-c", echoSource()));
      process = null;
      out = transport.output();
      in = new DataInputStream(transport.input());
    }

    void roundTrip() throws IOException {
      out.write(frame);
      out.flush();
      readFrame();
    }

    private final LinkedTransferQueue<CompletableFuture<Void>> waiting =
        new LinkedTransferQueue<>();

    /** A daemon thread that reads each answer and completes the oldest waiting round trip. */
    void startReader() {
      Thread t =
          new Thread(
              () -> {
                try {
                  while (true) {
                    readFrame();
                    waiting.take().complete(null);
                  }
                } catch (IOException | InterruptedException e) {
                  // the child is gone: the measurement is over
                }
              },
              "bench-echo-reader");
      t.setDaemon(true);
      t.start();
    }

    /** One round trip answered on the reader thread, waited for as {@code Remote.await} does. */
    void roundTripHandedOff() throws Exception {
      CompletableFuture<Void> answer = new CompletableFuture<>();
      waiting.add(answer);
      out.write(frame);
      out.flush();
      long until = System.nanoTime() + 50_000;
      while (!answer.isDone() && System.nanoTime() < until) Thread.onSpinWait();
      answer.get();
    }

    void pipelined(int window, int n) throws Exception {
      Semaphore slots = new Semaphore(window);
      Thread reader =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < n; i++) {
                    readFrame();
                    slots.release();
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      reader.start();
      for (int i = 0; i < n; i++) {
        slots.acquire();
        out.write(frame);
        out.flush();
      }
      reader.join();
    }

    byte[] bulk(int size) throws IOException {
      byte[] body = Integer.toString(size).getBytes(StandardCharsets.US_ASCII);
      byte[] req = header(body.length, 9, 0, 1, new byte[10 + body.length]);
      System.arraycopy(body, 0, req, 10, body.length);
      out.write(req);
      out.flush();
      List<byte[]> chunks = new ArrayList<>();
      long total = 0;
      boolean more = true;
      while (more) {
        int len = in.readInt();
        in.readByte();
        more = in.readByte() != 0;
        in.readInt();
        byte[] c = new byte[len - 6];
        in.readFully(c);
        chunks.add(c);
        total += c.length;
      }
      byte[] all = new byte[Math.toIntExact(total)];
      int p = 0;
      for (byte[] c : chunks) {
        System.arraycopy(c, 0, all, p, c.length);
        p += c.length;
      }
      return all;
    }

    private void readFrame() throws IOException {
      int len = in.readInt();
      in.skipNBytes(len);
    }

    @Override
    public void close() throws IOException {
      out.close();
      if (process != null) {
        try {
          process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
      } else {
        transport.awaitExit(Duration.ofSeconds(5));
        transport.close();
      }
    }
  }

  private static String echoSource() throws IOException {
    try (InputStream s = Run.class.getResourceAsStream("/bench/echo_child.py")) {
      return new String(s.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static byte[] header(int body, int kind, int flags, int id, byte[] into) {
    int length = body + 6;
    into[0] = (byte) (length >>> 24);
    into[1] = (byte) (length >>> 16);
    into[2] = (byte) (length >>> 8);
    into[3] = (byte) length;
    into[4] = (byte) kind;
    into[5] = (byte) flags;
    into[6] = (byte) (id >>> 24);
    into[7] = (byte) (id >>> 16);
    into[8] = (byte) (id >>> 8);
    into[9] = (byte) id;
    return into;
  }

  void emit(String workload, Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("workload", workload);
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    m.put("python", executable);
    StringBuilder s = new StringBuilder("{");
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (s.length() > 1) s.append(',');
      s.append('"').append(e.getKey()).append("\":");
      Object v = e.getValue();
      if (v instanceof Double && ((Double) v).isNaN()) s.append("null");
      // Ratios and small times keep two decimals; larger figures one.
      else if (v instanceof Double) {
        double d = (Double) v;
        s.append(String.format(Locale.ROOT, Math.abs(d) < 10 ? "%.2f" : "%.1f", d));
      } else if (v instanceof Number) s.append(v);
      else s.append('"').append(v).append('"');
    }
    System.out.println(s.append('}'));
  }

  static double median(double[] v) {
    return percentile(v, 50);
  }

  static double percentile(double[] v, int p) {
    double[] s = v.clone();
    Arrays.sort(s);
    int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, i))];
  }

  private static String resolve(String python) {
    try {
      Process p =
          new ProcessBuilder(
                  python,
                  "-c",
                  "import sys, platform; print(sys.executable + ' ' + platform.python_version())")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      p.waitFor();
      return out;
    } catch (IOException | InterruptedException e) {
      return python;
    }
  }
}
