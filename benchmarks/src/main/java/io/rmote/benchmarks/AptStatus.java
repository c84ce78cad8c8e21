package io.rmote.benchmarks;

import io.rmote.Remote;
import io.rmote.tools.Apt;
import io.rmote.tools.Exec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * APT: a converge of 20 packages that are all installed already, on one connection: {@code
 * Apt.converge} reads the dpkg database once and runs no apt-get, against the same check made the
 * usual way, one {@code dpkg-query -W} per package through {@code Exec} on the same connection.
 * Both read the same host's database; neither changes anything, so no root is needed. The packages
 * are the first 20 installed ones {@code dpkg-query} lists.
 */
final class AptStatus {
  private static final int PACKAGES = 20;
  private static final int ROUNDS = 30;

  /** Key-value pairs for one JSON line. */
  static Object[] measure(Remote remote) {
    Apt apt = remote.tool(Apt.class);
    Exec exec = remote.tool(Exec.class);
    List<String> names = new ArrayList<>();
    for (String line :
        exec.command("dpkg-query", "-W", "-f=${db:Status-Abbrev} ${Package}\\n")
            .stdoutText()
            .split("\n")) {
      if (line.startsWith("ii ") && names.size() < PACKAGES) names.add(line.substring(3).strip());
    }
    if (names.size() < PACKAGES)
      throw new IllegalStateException("fewer than " + PACKAGES + " packages installed: " + names);
    String[] specs = names.toArray(String[]::new);
    for (int i = 0; i < 3; i++) {
      converge(apt, specs);
      perPackage(exec, specs);
    }
    double[] ours = new double[ROUNDS];
    double[] base = new double[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      boolean oursFirst = i % 2 == 0;
      for (int pass = 0; pass < 2; pass++) {
        boolean mine = oursFirst == (pass == 0);
        long t0 = System.nanoTime();
        if (mine) converge(apt, specs);
        else perPackage(exec, specs);
        (mine ? ours : base)[i] = (System.nanoTime() - t0) / 1e6;
      }
    }
    return new Object[] {
      "packages",
      PACKAGES,
      "rounds",
      ROUNDS,
      "median_ms",
      median(ours),
      "dpkg_query_each_median_ms",
      median(base)
    };
  }

  private static void converge(Apt apt, String[] specs) {
    for (Apt.Result r : apt.converge(specs)) {
      if (r.changed()) throw new IllegalStateException("a converge changed " + r);
    }
  }

  private static void perPackage(Exec exec, String[] specs) {
    for (String name : specs) {
      String status =
          exec.command("dpkg-query", "-W", "-f=${Status} ${Version}", name).stdoutText();
      if (!status.contains(" installed ")) throw new IllegalStateException(name + ": " + status);
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private AptStatus() {}
}
