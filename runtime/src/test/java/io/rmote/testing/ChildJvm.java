package io.rmote.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a test's {@code main} class in a JVM of its own, with this one's class path: for claims that
 * need a real bound of the whole process (a small heap) or a fresh JVM (what a program prints from
 * its first class load on).
 */
public final class ChildJvm {
  /**
   * The output (stdout and stderr together) of {@code main} run with {@code jvmOptions}, such as
   * {@code -Xmx64m}; fails the test unless it exits with status 0 within 5 minutes.
   */
  public static String run(Class<?> main, String... jvmOptions) throws Exception {
    return runOn(Path.of(System.getProperty("java.home")), main, jvmOptions);
  }

  /** Like {@link #run}, on the JDK or JRE installed at {@code javaHome}. */
  public static String runOn(Path javaHome, Class<?> main, String... jvmOptions) throws Exception {
    List<String> argv = new ArrayList<>();
    argv.add(javaHome.resolve("bin").resolve("java").toString());
    argv.addAll(List.of(jvmOptions));
    argv.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread pump =
        new Thread(
            () -> {
              try {
                p.getInputStream().transferTo(out);
              } catch (IOException e) {
                // the child is gone
              }
            });
    pump.start();
    boolean ended = p.waitFor(5, TimeUnit.MINUTES);
    if (!ended) p.destroyForcibly();
    pump.join(10_000);
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(ended, main.getSimpleName() + " did not end: " + text);
    assertEquals(0, p.exitValue(), text.length() > 4000 ? text.substring(0, 4000) : text);
    return text;
  }

  /**
   * A Java home of at least {@code feature} (21: one with virtual threads): this JVM's where it is
   * new enough, else the newest under {@code /usr/lib/jvm} (this machine kind has Temurin 25
   * there).
   */
  public static Optional<Path> javaHomeOfAtLeast(int feature) throws IOException {
    if (Runtime.version().feature() >= feature) {
      return Optional.of(Path.of(System.getProperty("java.home")));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) return Optional.empty();
    Path best = null;
    int bestFeature = 0;
    try (Stream<Path> homes = Files.list(jvms)) {
      for (Path home : (Iterable<Path>) homes::iterator) {
        int f = feature(home);
        if (f >= feature && f > bestFeature && Files.isExecutable(home.resolve("bin/java"))) {
          best = home;
          bestFeature = f;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The feature release a Java home's {@code release} file names, 0 if it names none or cannot be
   * read.
   */
  private static int feature(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) return 0;
    List<String> lines;
    try {
      lines = Files.readAllLines(release, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return 0;
    }
    for (String line : lines) {
      if (!line.startsWith("JAVA_VERSION=")) continue;
      String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
      String first = v.split("[.+-]")[0];
      try {
        return Integer.parseInt(first);
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  private ChildJvm() {}
}
