package io.rmote.benchmarks;

import io.rmote.Remote;
import io.rmote.tools.FileSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * EDITS (issue 11): ten line edits on one 200-line file, through {@code FileSystem.line_in_file}
 * over one open connection (ten blocking calls; the connection is opened before timing), against
 * the same ten edits as ten {@code sed -i} processes, the way a shell script or a task runner
 * without a resident agent makes them. Each round starts from the same file; medians of the rounds,
 * in milliseconds per ten edits.
 */
final class LineEdits {
  private static final int LINES = 200;
  private static final int EDITS = 10;
  private static final int ROUNDS = 60;

  /** Key-value pairs for one JSON line. */
  static Object[] measure(Remote remote) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("rmote-bench-edits");
    Path file = dir.resolve("app.conf");
    try {
      FileSystem fs = remote.tool(FileSystem.class);
      double[] ours = new double[ROUNDS];
      double[] sed = new double[ROUNDS];
      for (int round = -5; round < ROUNDS; round++) { // five rounds of warm-up
        reset(file);
        long t0 = System.nanoTime();
        for (int k = 0; k < EDITS; k++) {
          String key = "key" + (k * 17);
          fs.lineInFile(file.toString(), key + " = new", "^" + key + " =");
        }
        long t1 = System.nanoTime();
        String afterOurs = Files.readString(file);
        reset(file);
        long t2 = System.nanoTime();
        for (int k = 0; k < EDITS; k++) {
          String key = "key" + (k * 17);
          Process p =
              new ProcessBuilder(
                      "sed", "-i", "s/^" + key + " =.*/" + key + " = new/", file.toString())
                  .start();
          if (p.waitFor() != 0) throw new IllegalStateException("sed failed");
        }
        long t3 = System.nanoTime();
        if (!afterOurs.equals(Files.readString(file)))
          throw new IllegalStateException("line_in_file and sed -i disagree");
        if (round >= 0) {
          ours[round] = (t1 - t0) / 1e6;
          sed[round] = (t3 - t2) / 1e6;
        }
      }
      double o = median(ours);
      double s = median(sed);
      return new Object[] {
        "edits",
        EDITS,
        "line_in_file_ms",
        o,
        "sed_i_ms",
        s,
        "speedup",
        Math.round(s / o * 10) / 10.0
      };
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  private static void reset(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < LINES; i++) lines.add("key" + i + " = old" + i);
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }

  private LineEdits() {}
}
