package io.rmote.samples;

import io.rmote.Remote;
import io.rmote.Template;
import io.rmote.tools.Templates;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The README's first command: a local {@code python3}, started with nothing installed, answers
 * typed calls (facts gathered concurrently through {@link SystemTool} and the built-in tools, a
 * template rendered there), then {@link Deploy} shows in a dry run what it would change on this
 * machine. Nothing is changed.
 */
public final class Tour {

  /** Runs the tour on a local {@code python3}; changes nothing. */
  public static void main(String[] args) {
    try (Remote remote = Remote.local()) {
      System.out.println(
          "A local python3 took rmote's runtime on its stdin and answers typed calls:"
              + " no agent, nothing installed.");
      System.out.println();
      System.out.println(
          "Facts, through typed tools checked against their Python at compile time:");
      // [facts]
      SystemToolAsync system = remote.tool(SystemToolAsync.class);
      CompletableFuture<String> hostname = system.hostname(); // both calls in flight at once
      CompletableFuture<SystemTool.DiskInfo> disk = system.diskFree("/");
      long freeGb = disk.join().free() / (1L << 30);

      Template motd = Template.of("${host} runs Python ${python} with ${free} GB free on /");
      String rendered =
          remote
              .tool(Templates.class)
              .renderCompiled(
                  motd,
                  Map.of(
                      "host", hostname.join(),
                      "python", remote.pythonVersion(),
                      "free", Long.toString(freeGb)));
      // [/facts]
      System.out.printf("  %-16s %s%n", "hostname", hostname.join());
      System.out.printf("  %-16s %s%n", "Python", remote.pythonVersion());
      System.out.printf("  %-16s %d GB on /%n", "disk free", freeGb);
      System.out.printf("  %-16s %s%n", "template", rendered + " (rendered by the remote)");
      System.out.println();
      System.out.println(
          "Deploy (samples/src/main/java/io/rmote/samples/Deploy.java), a dry run on this machine:");
      Deploy.run(remote, Deploy.Plan.example(), true, System.out);
    }
    System.out.println();
    System.out.println(
        "Next: the README lists the samples (samples/src/main/java/io/rmote/samples/),"
            + " docs/ has the rest.");
  }

  private Tour() {}
}
