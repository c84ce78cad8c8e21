package io.rmote.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Become;
import io.rmote.Remote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's first command runs {@link Tour}: facts through typed tools, then a dry run of {@link
 * Deploy} on this machine, which changes nothing here, whatever this machine lacks (systemd, apt,
 * root): a step it cannot evaluate says so in one line.
 */
class TourTest {

  @Test
  void factsThenADryRunThatChangesNothing() {
    List<Path> made =
        List.of(
            Path.of("/etc/rmote-deploy"),
            Path.of("/etc/sudoers.d/rmote-deploy"),
            Path.of("/etc/systemd/system/rmote-deploy-app.service"),
            Path.of("/etc/apt/sources.list.d/rmote-deploy.sources"),
            Path.of("/var/lib/rmote-deploy"));
    List<Boolean> before = made.stream().map(Files::exists).toList();

    String out = Printed.by(() -> Tour.main(new String[0]));

    assertEquals(before, made.stream().map(Files::exists).toList(), "the dry run changed files");
    assertTrue(out.contains("  hostname         " + SamplesTestSupport.hostname() + "\n"), out);
    assertTrue(out.matches("(?s).*  Python           3\\.\\d+\\.\\d+\\n.*"), out);
    assertTrue(out.matches("(?s).*  disk free        \\d+ GB on /\\n.*"), out);
    assertTrue(out.contains(SamplesTestSupport.hostname() + " runs Python 3."), out);
    assertTrue(out.matches("(?s).*\\ndry run on [^:]+: \\d of 8 steps would change.*"), out);
    for (String step :
        List.of("repository", "packages", "user", "sudoers", "config", "unit file", "service")) {
      assertTrue(out.matches("(?s).*\\n  [a-z ]{13} " + step + " .*"), step + "\n" + out);
    }
  }

  /** As a newcomer runs it, without root: every step is evaluated or says why not. */
  @Test
  void aDryRunAsAPlainUserFailsNoStep() {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name"))
            && Files.isExecutable(Path.of("/usr/bin/sudo")),
        "needs root and sudo to become nobody");
    try (Remote remote = Remote.builder().become(Become.sudo("nobody")).connect()) {
      String out =
          Printed.by(
              () ->
                  assertEquals(
                      8, Deploy.run(remote, Deploy.Plan.example(), true, System.out).size()));
      assertTrue(out.contains("would change  config"), out);
    }
  }
}
