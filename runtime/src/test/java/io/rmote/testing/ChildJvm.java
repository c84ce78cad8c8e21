package io.rmote.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    List<String> argv = new ArrayList<>();
    argv.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
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

  private ChildJvm() {}
}
