package io.rmote.benchmarks;

import io.rmote.Fleet;
import io.rmote.Remote;
import io.rmote.Result;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PEERS group: W1 to W5 through this project, Mitogen and Ansible in one run, with the trivial
 * call defined alike for all three (read {@code /etc/hostname} on the far side) and each workload's
 * limit (the baseline of {@link Run}) measured beside them. Every side runs Debian's {@code
 * /usr/bin/python3}, where {@code python3-mitogen} and {@code ansible-core} are installed; when
 * they are missing and this is root, they are installed with apt-get first. The peers are driven by
 * {@code bench/peer_mitogen.py} and {@code bench/peer_ansible.py}, child processes that time
 * themselves and print one JSON line per workload, which this class passes on unchanged. At the end
 * the comparison is drawn by {@link PeersChart}.
 */
final class Peers {
  static final String PYTHON = "/usr/bin/python3";
  private static final String FILE = "/etc/hostname";
  private static final String PACKAGES = "python3-mitogen ansible-core";

  private final Run run = new Run(PYTHON);
  private final PeersChart chart = new PeersChart();
  private final int hosts =
      Integer.parseInt(System.getenv().getOrDefault("RMOTE_BENCH_PEERS_HOSTS", "20"));

  void run() throws Exception {
    Path dir = Files.createTempDirectory("rmote-peers");
    try {
      List<String> peers = setup();
      for (String d : List.of("peer_common.py", "peer_mitogen.py", "peer_ansible.py"))
        copy(d, dir.resolve(d));
      ours("W1", this::w1);
      drive(peers, dir, "W1");
      ours("W2", this::w2);
      drive(peers, dir, "W2");
      ours("W3", this::w3);
      drive(peers, dir, "W3");
      ours("W4", this::w4);
      drive(peers, dir, "W4");
      // The server's keys and log are in a folder of its own, which its close removes.
      try (LoopbackSshd sshd = LoopbackSshd.start()) {
        String user = System.getenv().getOrDefault("RMOTE_BENCH_SSH_USER", "root");
        ours("W5", () -> w5(sshd, user));
        drive(
            peers,
            dir,
            "W5",
            Integer.toString(hosts),
            Integer.toString(sshd.port),
            user,
            sshd.clientKey.toString(),
            sshd.knownHosts.toString());
      } catch (IOException e) {
        run.emit("W5", "group", "PEERS", "error", clean(e.getMessage()));
      }
      if (peers.contains("mitogen")) drive(List.of("mitogen"), dir, "SIZES");
      Path svg = chart.write(hosts);
      run.emit("PEERS", "chart", svg.toString());
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * The peers whose packages are importable by {@link #PYTHON}, after installing the missing ones
   * when this is root; a line says why a peer is left out.
   */
  private List<String> setup() throws IOException, InterruptedException {
    if (!importable("mitogen, ansible") && "root".equals(System.getProperty("user.name"))) {
      String install =
          "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends " + PACKAGES;
      // stdout is for JSON lines: apt-get's chatter goes to stderr
      if (shell(install) != 0) shell("apt-get update && " + install);
    }
    List<String> peers = new ArrayList<>();
    for (String[] p : new String[][] {{"mitogen", "mitogen"}, {"ansible", "ansible"}}) {
      if (importable(p[1])) {
        peers.add(p[0]);
      } else {
        run.emit(
            "PEERS",
            "peer",
            p[0],
            "skipped",
            "not importable by "
                + PYTHON
                + " and "
                + ("root".equals(System.getProperty("user.name"))
                    ? "apt-get install failed (see stderr)"
                    : "not root: run apt-get install -y --no-install-recommends "
                        + PACKAGES
                        + " as root"));
      }
    }
    return peers;
  }

  private static boolean importable(String modules) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(PYTHON, "-c", "import " + modules)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    return p.waitFor() == 0;
  }

  private static int shell(String command) throws IOException, InterruptedException {
    return new ProcessBuilder("sh", "-c", command + " 1>&2")
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start()
        .waitFor();
  }

  private static void copy(String resource, Path to) throws IOException {
    try (InputStream in = Peers.class.getResourceAsStream("/bench/" + resource)) {
      Files.copy(in, to);
    }
  }

  /** Runs each peer's driver for {@code workload} and passes its JSON lines on. */
  private void drive(List<String> peers, Path dir, String workload, String... args)
      throws IOException, InterruptedException {
    for (String peer : peers) {
      List<String> cmd =
          new ArrayList<>(
              List.of(PYTHON, dir.resolve("peer_" + peer + ".py").toString(), workload));
      Path tmp = null;
      if (peer.equals("ansible")) {
        tmp = Files.createTempDirectory(dir, "ansible");
        cmd.add(tmp.toString());
      }
      cmd.addAll(List.of(args));
      Process p =
          new ProcessBuilder(cmd)
              .directory(dir.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      p.getOutputStream().close();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.startsWith("{") && line.endsWith("}")) {
            System.out.println(line);
            chart.add(workload, peer, number(line, KEYS.get(workload)));
          } else {
            System.err.println(peer + " " + workload + ": " + line);
          }
        }
      }
      if (!p.waitFor(30, TimeUnit.MINUTES)) p.destroyForcibly();
      if (p.exitValue() != 0) {
        run.emit(
            workload,
            "group",
            "PEERS",
            "peer",
            peer,
            "error",
            "driver exited " + p.exitValue() + " (see stderr)");
      }
    }
  }

  /** The key of each workload's figure, the same in our lines and the drivers'. */
  static final Map<String, String> KEYS =
      Map.of(
          "W1", "median_ms",
          "W2", "median_us",
          "W3", "calls_per_s",
          "W4", "mb_per_s",
          "W5", "seconds",
          "SIZES", "preamble_bytes");

  /** The key of each workload's limit in our lines. */
  static final Map<String, String> LIMITS =
      Map.of(
          "W1", "python_start_ms",
          "W2", "baseline_median_us",
          "W3", "baseline_calls_per_s",
          "W4", "baseline_mb_per_s",
          "W5", "one_host_seconds");

  static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\": ?(-?[0-9.eE+]+)").matcher(json);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  private void ours(String workload, Run.Workload w) {
    try {
      w.run();
    } catch (Exception e) {
      run.emit(workload, "group", "PEERS", "peer", "rmote", "error", clean(e.getMessage()));
    }
  }

  private static String clean(String message) {
    return String.valueOf(message).replace('"', '\'').replace('\n', ' ');
  }

  private void emit(
      String workload, String key, double ours, String limitKey, double limit, Object... more) {
    chart.add(workload, "rmote", ours);
    chart.add(workload, "limit", limit);
    Object[] kv = new Object[8 + more.length];
    Object[] head = {
      "group",
      "PEERS",
      "peer",
      "rmote",
      key,
      shown(workload, ours),
      limitKey,
      shown(workload, limit)
    };
    System.arraycopy(head, 0, kv, 0, head.length);
    System.arraycopy(more, 0, kv, head.length, more.length);
    run.emit(workload, kv);
  }

  /** W5 in seconds to the millisecond, W3 in whole calls per second, the others as doubles. */
  private static Object shown(String workload, double v) {
    if (workload.equals("W5"))
      return java.math.BigDecimal.valueOf(v).setScale(3, java.math.RoundingMode.HALF_UP);
    return workload.equals("W3") ? (Object) Math.round(v) : (Object) v;
  }

  private byte[] read(Remote r) {
    return r.call(Run.BENCH, "read", byte[].class, FILE);
  }

  /** W1: connect and read the file, 20 connections, against a bare {@code python3 -c pass}. */
  private void w1() throws Exception {
    int n = 20;
    for (int i = 0; i < 3; i++) {
      try (Remote r = run.connect()) {
        read(r);
      }
      run.bare();
    }
    double[] ours = new double[n];
    double[] bare = new double[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      Remote r = run.connect();
      read(r);
      ours[i] = (System.nanoTime() - t0) / 1e6;
      r.close();
      bare[i] = run.bare();
    }
    emit(
        "W1", "median_ms", Run.median(ours), "python_start_ms", Run.median(bare), "connections", n);
  }

  /** W2: sequential reads, against the echo child driven by a plain blocking caller. */
  private void w2() throws Exception {
    int n = 3000;
    double[] ours = new double[n];
    try (Remote r = run.connect()) {
      for (int i = 0; i < 1000; i++) read(r);
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        read(r);
        ours[i] = (System.nanoTime() - t0) / 1e3;
      }
    }
    double[] base = new double[n];
    try (Run.Echo echo = run.new Echo()) {
      for (int i = 0; i < 1000; i++) echo.roundTrip();
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        echo.roundTrip();
        base[i] = (System.nanoTime() - t0) / 1e3;
      }
    }
    emit(
        "W2",
        "median_us",
        Run.median(ours),
        "baseline_median_us",
        Run.median(base),
        "calls",
        n,
        "p99_us",
        Run.percentile(ours, 99));
  }

  /** W3: reads with 64 in flight, against the echo child with 64 frames in flight. */
  private void w3() throws Exception {
    int window = 64;
    int n = 10000;
    double ours;
    try (Remote r = run.connect()) {
      inFlight(r, window, 2000);
      long t0 = System.nanoTime();
      inFlight(r, window, n);
      ours = n / ((System.nanoTime() - t0) / 1e9);
    }
    double base;
    try (Run.Echo echo = run.new Echo()) {
      echo.pipelined(window, 2000);
      long t0 = System.nanoTime();
      echo.pipelined(window, n);
      base = n / ((System.nanoTime() - t0) / 1e9);
    }
    emit("W3", "calls_per_s", ours, "baseline_calls_per_s", base, "in_flight", window);
  }

  private static void inFlight(Remote r, int window, int n) throws InterruptedException {
    Semaphore slots = new Semaphore(window);
    for (int i = 0; i < n; i++) {
      slots.acquire();
      CompletableFuture<byte[]> f = r.callAsync(Run.BENCH, "read", byte[].class, FILE);
      var unused = f.whenComplete((v, e) -> slots.release());
    }
    slots.acquire(window);
  }

  /** W4: one 128 MiB bytes result, against the echo child sending as much in our frames. */
  private void w4() throws Exception {
    int size = 128 << 20;
    double[] ours = new double[3];
    try (Remote r = run.connect()) {
      r.call(Run.BENCH, "blob", byte[].class, 1L << 20);
      for (int i = 0; i < ours.length; i++) {
        long t0 = System.nanoTime();
        byte[] b = r.call(Run.BENCH, "blob", byte[].class, (long) size);
        ours[i] = b.length / (double) (1 << 20) / ((System.nanoTime() - t0) / 1e9);
      }
    }
    double[] base = new double[3];
    try (Run.Echo echo = run.new Echo()) {
      echo.bulk(1 << 20);
      for (int i = 0; i < base.length; i++) {
        long t0 = System.nanoTime();
        byte[] b = echo.bulk(size);
        base[i] = b.length / (double) (1 << 20) / ((System.nanoTime() - t0) / 1e9);
      }
    }
    emit("W4", "mb_per_s", Run.median(ours), "baseline_mb_per_s", Run.median(base), "mib", 128);
  }

  /**
   * W5: {@link #hosts} connections to the loopback sshd at once, one read each, all closed; the
   * limit is one host's connect, read and close.
   */
  private void w5(LoopbackSshd sshd, String user) throws Exception {
    java.util.function.Supplier<Remote> connect =
        () ->
            Remote.builder()
                .ssh(sshd.client(user).build())
                .python(PYTHON)
                .name("peers-ssh")
                .connect();
    double[] one = new double[7];
    for (int i = -2; i < one.length; i++) {
      long t0 = System.nanoTime();
      try (Remote r = connect.get()) {
        read(r);
      }
      if (i >= 0) one[i] = (System.nanoTime() - t0) / 1e9;
    }
    double[] runs = new double[3];
    int failed = 0;
    for (int i = 0; i < runs.length; i++) {
      List<String> names = new ArrayList<>();
      for (int h = 0; h < hosts; h++) names.add("h" + h);
      long t0 = System.nanoTime();
      try (Fleet fleet =
          Fleet.builder().maxConcurrentConnects(hosts).connect(names, h -> connect.get())) {
        Map<String, Result<byte[]>> r =
            fleet.awaitAll(remote -> remote.callAsync(Run.BENCH, "read", byte[].class, FILE));
        failed = Math.max(failed, (int) r.values().stream().filter(Result::isFailed).count());
      }
      runs[i] = (System.nanoTime() - t0) / 1e9;
    }
    double seconds = Run.median(runs);
    double oneHost = Run.median(one);
    emit(
        "W5",
        "seconds",
        seconds,
        "one_host_seconds",
        oneHost,
        "hosts",
        hosts,
        "ratio",
        seconds / oneHost,
        "failed",
        failed);
  }
}
