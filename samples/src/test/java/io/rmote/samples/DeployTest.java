package io.rmote.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Remote;
import io.rmote.samples.Deploy.Outcome;
import io.rmote.samples.Deploy.Plan;
import io.rmote.samples.Deploy.Step;
import io.rmote.testing.TestHosts;
import io.rmote.testing.TestHosts.Host;
import io.rmote.tools.Exec;
import io.rmote.tools.FileSystem;
import io.rmote.tools.Service;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Deploy} against a booted test host (bookworm, real systemd, over SSH as root): a dry run
 * changes nothing, the first run changes every step, the second none, a dry run then predicts no
 * change, and a changed setting changes the config and restarts the service. The repository is
 * built and signed here for the run; {@link DeployLab}, the README's real run, is run too.
 * Everything the plan makes is named {@code rmote-deploy*} and removed before and after. Skipped
 * without the test hosts.
 */
class DeployTest {
  @TempDir Path tmp;

  /** Removes all that the plan makes, whatever state a broken earlier run left. */
  private static final String CLEAN_UP =
      String.join(
          "; ",
          "systemctl disable --now rmote-deploy-app.service",
          "rm -f /etc/systemd/system/rmote-deploy-app.service",
          "systemctl daemon-reload",
          "systemctl reset-failed rmote-deploy-app.service",
          "dpkg --purge rmote-deploy-app",
          "userdel --remove rmote-deploy",
          "groupdel rmote-deploy",
          "rm -rf /etc/rmote-deploy /etc/sudoers.d/rmote-deploy /var/lib/rmote-deploy"
              + " /etc/apt/sources.list.d/rmote-deploy.sources /etc/apt/keyrings/rmote-deploy.*"
              + " /srv/rmote-deploy-repo");

  /** What the plan touches, as one text: a dry run must leave it as it was. */
  private static final String STATE =
      "ls -lnR /etc/rmote-deploy /etc/sudoers.d/rmote-deploy"
          + " /etc/apt/sources.list.d/rmote-deploy.sources /etc/apt/keyrings/rmote-deploy.asc"
          + " /etc/systemd/system/rmote-deploy-app.service /var/lib/rmote-deploy 2>&1;"
          + " getent passwd rmote-deploy; dpkg-query -W rmote-deploy-app 2>&1;"
          + " systemctl is-active rmote-deploy-app.service; systemctl is-enabled"
          + " rmote-deploy-app.service 2>&1";

  @Test
  void firstRunChangesSecondRunDoesNotDryRunsChangeNothing() throws Exception {
    Host host = bookworm();
    DeployRepository repository = DeployRepository.build(tmp);
    Plan plan = Plan.example(repository.key(), Plan.example().authorizedKeys());
    try (Remote remote = connect(host)) {
      Exec exec = remote.tool(Exec.class);
      FileSystem fs = remote.tool(FileSystem.class);
      exec.run(Exec.Command.ofShell(CLEAN_UP).withCheck(false));
      exec.run(Exec.Command.of("apt-get", "-q", "update").withCheck(false));
      try {
        repository.copyTo(fs);

        String pristine = state(exec);
        Map<String, Outcome> dry = outcomes(run(remote, plan, true));
        assertEquals(pristine, state(exec), "the dry run changed the host");
        for (String step : List.of("repository", "user", "sudoers", "config", "unit file"))
          assertEquals(Outcome.CHANGED, dry.get(step), step + " in the first dry run: " + dry);

        Map<String, Outcome> first = outcomes(run(remote, plan, false));
        for (Map.Entry<String, Outcome> e : first.entrySet())
          assertEquals(Outcome.CHANGED, e.getValue(), e.getKey() + " in the first run: " + first);
        assertEquals(8, first.size(), first.toString());
        Service.UnitStatus unit = remote.tool(Service.class).status("rmote-deploy-app.service");
        assertTrue(unit.started() && unit.enabled(), unit.toString());
        String config = fs.readStr("/etc/rmote-deploy/app.conf");
        assertTrue(config.contains("python = " + remote.pythonVersion() + "\n"), config);
        assertTrue(config.contains("peer = 10.0.0.2\npeer = 10.0.0.3\n"), config);

        String deployed = state(exec);
        for (boolean dryRun : List.of(false, true)) {
          Map<String, Outcome> again = outcomes(run(remote, plan, dryRun));
          assertEquals(8, again.size(), again.toString());
          for (Map.Entry<String, Outcome> e : again.entrySet())
            assertEquals(Outcome.UNCHANGED, e.getValue(), e.getKey() + ", run again: " + again);
        }
        assertEquals(deployed, state(exec));

        Map<String, String> settings = new HashMap<>(plan.settings());
        settings.put("port", "8788");
        Plan moved =
            new Plan(
                plan.repository(),
                plan.packages(),
                plan.user(),
                plan.authorizedKeys(),
                plan.sudoRules(),
                plan.configPath(),
                plan.config(),
                settings,
                plan.unitName(),
                plan.unit());
        long pid = unit.mainPid();
        Map<String, Outcome> third = outcomes(run(remote, moved, false));
        assertEquals(Outcome.CHANGED, third.get("config"), third.toString());
        assertEquals(Outcome.CHANGED, third.get("service"), third.toString());
        assertEquals(6, third.values().stream().filter(o -> o == Outcome.UNCHANGED).count());
        long newPid = remote.tool(Service.class).status("rmote-deploy-app.service").mainPid();
        assertTrue(newPid != 0 && newPid != pid, "not restarted: " + pid + " " + newPid);
      } finally {
        exec.run(Exec.Command.ofShell(CLEAN_UP).withCheck(false));
        exec.run(Exec.Command.of("apt-get", "-q", "update").withCheck(false));
      }
    }
  }

  /**
   * The README's command for a real run: {@link DeployLab} builds the repository, puts it on the
   * host and runs the plan twice; every step changes the first time and none the second.
   */
  @Test
  void theLabRunChangesEveryStepThenNone() throws Exception {
    Host host = bookworm();
    try (Remote remote = connect(host)) {
      Exec exec = remote.tool(Exec.class);
      exec.run(Exec.Command.ofShell(CLEAN_UP).withCheck(false));
      try {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<List<Step>> runs =
            DeployLab.run(
                TestHosts.key(),
                "root@" + host.address(),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertEquals(2, runs.size());
        for (Outcome o : outcomes(runs.get(0)).values()) assertEquals(Outcome.CHANGED, o, text);
        for (Outcome o : outcomes(runs.get(1)).values()) assertEquals(Outcome.UNCHANGED, o, text);
        assertTrue(text.contains(": 8 of 8 steps changed\n"), text);
        assertTrue(text.contains(": 0 of 8 steps changed\n"), text);
        assertTrue(remote.tool(Service.class).status("rmote-deploy-app.service").started());
      } finally {
        exec.run(Exec.Command.ofShell(CLEAN_UP).withCheck(false));
        exec.run(Exec.Command.of("apt-get", "-q", "update").withCheck(false));
      }
    }
  }

  private Remote connect(Host host) {
    return Remote.builder()
        .ssh(TestHosts.ssh(host, "root", tmp.resolve("known_hosts")).build())
        .name(host.name())
        .connect();
  }

  private static Host bookworm() {
    return TestHosts.hosts().stream()
        .filter(h -> h.name().equals("bookworm"))
        .findFirst()
        .orElse(TestHosts.hosts().get(0));
  }

  private static String state(Exec exec) {
    return exec.run(Exec.Command.ofShell(STATE).withCheck(false)).stdoutText();
  }

  private static List<Step> run(Remote remote, Plan plan, boolean dryRun) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<Step> steps =
        Deploy.run(remote, plan, dryRun, new PrintStream(printed, true, StandardCharsets.UTF_8));
    System.out.print(printed.toString(StandardCharsets.UTF_8));
    return steps;
  }

  private static Map<String, Outcome> outcomes(List<Step> steps) {
    Map<String, Outcome> m = new java.util.LinkedHashMap<>();
    for (Step s : steps) m.put(s.name(), s.outcome());
    return m;
  }
}
