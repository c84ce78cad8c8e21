package io.rmote.benchmarks;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.management.ObjectName;

/**
 * What a SCALE row's heap is made of: with {@code RMOTE_SCALE_HISTOGRAM=N}, the N classes whose
 * live bytes grew most between the measurement before the first connection and the one with all
 * held, per connection, on stderr. Taken through the JVM's {@code GC.class_histogram} diagnostic
 * command (what {@code jcmd <pid> GC.class_histogram} prints), so it costs nothing unless asked.
 * With {@code RMOTE_SCALE_DUMP=DIR} it also writes a heap dump of the live objects with all held,
 * {@code DIR/<kind>.hprof}, for a look at which objects hold the bytes.
 */
final class Histogram {
  private static final int TOP = topFromEnvironment();

  private Histogram() {}

  private static int topFromEnvironment() {
    String v = System.getenv("RMOTE_SCALE_HISTOGRAM");
    return v == null || v.isBlank() ? 0 : Integer.parseInt(v.strip());
  }

  /** Live bytes by class name, or an empty map when not asked for. */
  static Map<String, Long> take() {
    Map<String, Long> bytes = new HashMap<>();
    if (TOP == 0) return bytes;
    String text;
    try {
      text =
          (String)
              ManagementFactory.getPlatformMBeanServer()
                  .invoke(
                      new ObjectName("com.sun.management:type=DiagnosticCommand"),
                      "gcClassHistogram",
                      new Object[] {new String[0]},
                      new String[] {String[].class.getName()});
    } catch (Exception e) {
      throw new IllegalStateException("the class histogram is not available on this JVM", e);
    }
    // lines read " 1:  1234  56789  java.lang.String (java.base@17)"
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 4 || !f[0].endsWith(":")) continue;
      bytes.merge(f[3], Long.parseLong(f[2]), Long::sum);
    }
    return bytes;
  }

  static void printTop(String kind, int n, Map<String, Long> before, Map<String, Long> held) {
    String dump = System.getenv("RMOTE_SCALE_DUMP");
    if (dump != null && !dump.isBlank()) {
      try {
        Path file = Path.of(dump, kind + ".hprof");
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file); // the JVM will not write over a dump
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .dumpHeap(file.toString(), true);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the heap dump to " + dump, e);
      }
    }
    if (TOP == 0) return;
    Map<String, Long> grown = new HashMap<>(held);
    before.forEach((k, v) -> grown.merge(k, -v, Long::sum));
    System.err.printf("SCALE %s: the %d classes that grew most, bytes per connection%n", kind, TOP);
    grown.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(TOP)
        .forEach(e -> System.err.printf("  %9.0f  %s%n", e.getValue() / (double) n, e.getKey()));
  }
}
