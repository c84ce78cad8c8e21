package io.rmote.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Workload COLD: the first connect of a fresh JVM, one {@code java} process per connection running
 * {@link ColdMain} (connect, one trivial call, close), against the same {@code java} running an
 * empty main and the same {@code java} starting a bare {@code python -E -s -c pass}, in the same
 * run; medians of {@code RMOTE_COLD_RUNS} (default 10) runs of each. For each JDK (this one, and
 * Temurin 25 where installed; {@code RMOTE_COLD_JDKS} lists other homes, separated by {@code :}) it
 * also measures the run with class-data sharing off ({@code -Xshare:off}), with C1 alone ({@code
 * -XX:TieredStopAtLevel=1}), with an application archive ({@code -XX:ArchiveClassesAtExit} once,
 * then {@code -XX:SharedArchiveFile}) and, where the JDK has it, with an AOT cache ({@code
 * -XX:AOTCacheOutput} once, then {@code -XX:AOTCache}), and counts the classes loaded, by origin.
 * The benchmark classes run from a jar, as an application ships: the JDK archives no class from a
 * directory.
 */
final class Cold {
  private final String python;
  private final Soak.Emitter out;
  private final int runs = Integer.parseInt(System.getenv().getOrDefault("RMOTE_COLD_RUNS", "10"));

  Cold(String python, Soak.Emitter out) {
    this.python = python;
    this.out = out;
  }

  void run() throws Exception {
    Path dir = Files.createTempDirectory("rmote-cold");
    try {
      String classPath = classPath(dir);
      for (String home : jdks()) measure(home, classPath, dir);
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void measure(String home, String classPath, Path dir) throws Exception {
    String java = home + "/bin/java";
    String version = version(home);
    Path jsa = dir.resolve("app-" + version + ".jsa");
    Path aot = dir.resolve("app-" + version + ".aot");
    Map<String, List<String>> variants = new LinkedHashMap<>();
    variants.put("default", List.of());
    variants.put("xshare_off", List.of("-Xshare:off"));
    variants.put("c1_only", List.of("-XX:TieredStopAtLevel=1"));
    // One training run each writes the archive or cache the measured runs read.
    if (once(java, classPath, List.of("-XX:ArchiveClassesAtExit=" + jsa)) && Files.exists(jsa)) {
      variants.put("appcds", List.of("-XX:SharedArchiveFile=" + jsa));
    }
    if (once(java, classPath, List.of("-XX:AOTCacheOutput=" + aot)) && Files.exists(aot)) {
      variants.put("aot_cache", List.of("-XX:AOTCache=" + aot));
    }
    List<Object> kv = new ArrayList<>(List.of("jdk", version, "runs", runs));
    double empty = Double.NaN;
    for (Map.Entry<String, List<String>> v : variants.entrySet()) {
      double[] jvm = new double[runs];
      double[] bare = new double[runs];
      double[] ours = new double[runs];
      double[] inMain = new double[runs];
      for (int i = 0; i < runs; i++) {
        jvm[i] = timed(java, classPath, v.getValue(), "empty")[0];
        bare[i] = timed(java, classPath, v.getValue(), "bare", python)[0];
        double[] t = timed(java, classPath, v.getValue(), python);
        ours[i] = t[0];
        inMain[i] = t[1];
      }
      String k = v.getKey();
      if (k.equals("default")) empty = median(jvm);
      kv.addAll(
          List.of(
              k + "_empty_ms", median(jvm),
              k + "_bare_python_ms", median(bare),
              k + "_connect_call_close_ms", median(ours),
              k + "_over_empty_ms", median(ours) - median(jvm),
              k + "_in_main_ms", median(inMain)));
    }
    kv.addAll(classes(java, classPath));
    kv.addAll(List.of("baseline_empty_ms", empty));
    out.emit("COLD", kv.toArray());
  }

  /**
   * One run, its wall time from the parent's side and the child's own time in {@code main} to the
   * close, in milliseconds.
   */
  private double[] timed(String java, String classPath, List<String> flags, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = command(java, classPath, flags, args);
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = p.waitFor();
    double wall = (System.nanoTime() - t0) / 1e6;
    if (status != 0) throw new IOException(String.join(" ", cmd) + " exited with " + status);
    double inMain = Double.NaN;
    for (String line : stdout.split("\n")) {
      if (line.startsWith("cold ")) inMain = Double.parseDouble(line.split(" ")[3]);
    }
    return new double[] {wall, inMain};
  }

  private boolean once(String java, String classPath, List<String> flags)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command(java, classPath, flags, python))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    return p.waitFor() == 0;
  }

  /** Classes loaded by one connecting run, by origin, and how many came from the JDK's archive. */
  private List<Object> classes(String java, String classPath)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                command(java, classPath, List.of("-Xlog:class+load=info:stdout"), python))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    int total = 0;
    int shared = 0;
    Map<String, Integer> byOrigin = new LinkedHashMap<>();
    for (String o : List.of("jdk", "rmote", "kryo", "xz", "jsch", "slf4j", "other")) {
      byOrigin.put(o, 0);
    }
    for (String line : log.split("\n")) {
      int at = line.indexOf("[class,load]");
      if (at < 0) continue;
      total++;
      if (line.contains("shared objects file")) shared++;
      String name = line.substring(at + "[class,load]".length()).trim().split(" ")[0];
      byOrigin.merge(origin(name), 1, Integer::sum);
    }
    List<Object> kv = new ArrayList<>(List.of("classes_loaded", total, "classes_from_cds", shared));
    byOrigin.forEach((k, v) -> kv.addAll(List.of("classes_" + k, v)));
    return kv;
  }

  private static String origin(String name) {
    if (name.startsWith("io.rmote.")) return "rmote";
    if (name.startsWith("com.esotericsoftware.")) return "kryo";
    if (name.startsWith("org.tukaani.")) return "xz";
    if (name.startsWith("com.jcraft.")) return "jsch";
    if (name.startsWith("org.slf4j.")) return "slf4j";
    for (String p : List.of("java.", "javax.", "jdk.", "sun.", "com.sun.")) {
      if (name.startsWith(p)) return "jdk";
    }
    return "other";
  }

  private static List<String> command(
      String java, String classPath, List<String> flags, String... args) {
    List<String> cmd = new ArrayList<>(List.of(java));
    cmd.addAll(flags);
    cmd.addAll(List.of("-cp", classPath, ColdMain.class.getName()));
    cmd.addAll(Arrays.asList(args));
    return cmd;
  }

  /**
   * This JVM's class path with every directory replaced by a jar of its contents in {@code dir}.
   */
  private static String classPath(Path dir) throws IOException {
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(e);
      if (!Files.isDirectory(p)) {
        entries.add(e);
        continue;
      }
      Path jar = dir.resolve("classes-" + n++ + ".jar");
      try (OutputStream f = Files.newOutputStream(jar);
          JarOutputStream j = new JarOutputStream(f);
          Stream<Path> files = Files.walk(p)) {
        for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          j.putNextEntry(new JarEntry(p.relativize(file).toString().replace('\\', '/')));
          Files.copy(file, j);
          j.closeEntry();
        }
      }
      entries.add(jar.toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  private static List<String> jdks() {
    String given = System.getenv("RMOTE_COLD_JDKS");
    if (given != null && !given.isBlank()) return Arrays.asList(given.split(":"));
    List<String> homes = new ArrayList<>(List.of(System.getProperty("java.home")));
    String temurin = "/usr/lib/jvm/temurin-25-jdk-amd64";
    if (Files.isDirectory(Path.of(temurin)) && !homes.contains(temurin)) homes.add(temurin);
    return homes;
  }

  private static String version(String home) throws IOException {
    Path release = Path.of(home, "release");
    if (!Files.exists(release)) return home;
    for (String line : Files.readAllLines(release)) {
      if (line.startsWith("JAVA_VERSION=")) return line.substring(13).replace("\"", "");
    }
    return home;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
