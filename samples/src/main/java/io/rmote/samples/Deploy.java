package io.rmote.samples;

import io.rmote.Remote;
import io.rmote.Template;
import io.rmote.python.FileNotFoundError;
import io.rmote.python.PythonException;
import io.rmote.ssh.Ssh;
import io.rmote.tools.Apt;
import io.rmote.tools.AptRepository;
import io.rmote.tools.FileChange;
import io.rmote.tools.FileMode;
import io.rmote.tools.FileSystem;
import io.rmote.tools.Service;
import io.rmote.tools.Service.UnitStatus;
import io.rmote.tools.Templates;
import io.rmote.tools.User;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A deploy script that the compiler checks: it brings a host to the state a {@link Plan} describes
 * (an apt repository with its signing key, packages, a user with authorized keys and a sudoers
 * drop-in, a configuration file from a template, a systemd unit enabled and started) through the
 * built-in typed tools of {@code io.rmote.tools}. Each step reads the host, changes only what
 * differs and says what it changed, so a second run reports no change; a dry run prints the diffs
 * and changes nothing. A step that a dry run cannot evaluate (no systemd running, a user the run
 * would create first) says why in one line.
 *
 * <p>Run it with {@code mvn -q -pl samples exec:java -Dexec.mainClass=io.rmote.samples.Deploy
 * -Dexec.args="--dry-run root@host"}; without a host it works on the local machine. The example
 * plan installs {@code rmote-deploy-app} from {@code file:/srv/rmote-deploy-repo}, which {@code
 * DeployTest} builds and signs on its test host.
 */
public final class Deploy {

  /**
   * The state a host is brought to.
   *
   * @param repository the apt source the packages come from, with its signing key
   * @param packages the packages and the state of each
   * @param user the service's user
   * @param authorizedKeys the only lines of the user's {@code ~/.ssh/authorized_keys}
   * @param sudoRules the lines of the user's drop-in in {@code /etc/sudoers.d}
   * @param configPath the configuration file, rendered from {@code config} on the host
   * @param config the configuration's template, checked here when the plan is built
   * @param settings the template's values; the host's own {@code hostname} and {@code python} are
   *     added to them on each host
   * @param unitName the systemd unit, enabled and started
   * @param unit the unit file's text, written to {@code /etc/systemd/system/<unitName>}
   */
  public record Plan(
      AptRepository.Source repository,
      List<Apt.PackageSpec> packages,
      User.UserSpec user,
      List<String> authorizedKeys,
      List<String> sudoRules,
      String configPath,
      Template config,
      Map<String, String> settings,
      String unitName,
      String unit) {

    public Plan {
      Objects.requireNonNull(repository, "repository");
      packages = List.copyOf(packages);
      Objects.requireNonNull(user, "user");
      authorizedKeys = List.copyOf(authorizedKeys);
      sudoRules = List.copyOf(sudoRules);
      settings = Map.copyOf(settings);
    }

    /**
     * The example: {@code rmote-deploy-app} from a signed repository, run by the system user {@code
     * rmote-deploy} as the unit {@code rmote-deploy-app.service}, configured in {@code
     * /etc/rmote-deploy/app.conf}.
     *
     * @param repositoryKey the repository's OpenPGP public key, armored or binary
     * @param authorizedKeys the keys that may log in as {@code rmote-deploy}, one sshd line each
     */
    public static Plan example(byte[] repositoryKey, List<String> authorizedKeys) {
      // [plan]
      return new Plan(
          AptRepository.Source.of("rmote-deploy", "file:/srv/rmote-deploy-repo", "./")
              .withKey(repositoryKey),
          List.of(Apt.PackageSpec.present("rmote-deploy-app")),
          User.UserSpec.of("rmote-deploy")
              .withSystem(true)
              .withHome("/var/lib/rmote-deploy")
              .withCreateHome(true)
              .withShell("/bin/sh")
              .withComment("rmote deploy sample"),
          authorizedKeys,
          List.of("rmote-deploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart rmote-deploy-app"),
          "/etc/rmote-deploy/app.conf",
          Template.of( // checked now: a block left open fails here, not on every host
              String.join(
                  "\n",
                  "## rendered on each host: hostname and python are that host's",
                  "# managed by io.rmote.samples.Deploy",
                  "host = ${hostname}",
                  "python = ${python}",
                  "listen = 127.0.0.1:${port}",
                  "% for peer in peers.split():",
                  "peer = ${peer}",
                  "% endfor",
                  "")),
          Map.of("port", "8787", "peers", "10.0.0.2 10.0.0.3"),
          "rmote-deploy-app.service",
          String.join(
              "\n",
              "[Unit]",
              "Description=rmote deploy sample (io.rmote.samples.Deploy)",
              "",
              "[Service]",
              "User=rmote-deploy",
              "ExecStart=/usr/bin/rmote-deploy-app /etc/rmote-deploy/app.conf",
              "",
              "[Install]",
              "WantedBy=multi-user.target",
              ""));
      // [/plan]
    }

    /** {@link #example(byte[], List)} with the demo key and login key of the sample's resources. */
    public static Plan example() {
      return example(
          resource("deploy/repository-key.asc"),
          new String(resource("deploy/authorized_keys"), StandardCharsets.UTF_8).lines().toList());
    }
  }

  /** What one step did, or in a dry run would do. */
  public enum Outcome {
    /** The step changed the host, or in a dry run would. */
    CHANGED,
    /** The host was as the plan says already. */
    UNCHANGED,
    /** A dry run could not evaluate the step here; {@link Step#summary()} says why. */
    NOT_EVALUATED
  }

  /**
   * One step's report.
   *
   * @param name the step
   * @param outcome what it did
   * @param summary one line: what changed, or why it was not evaluated
   * @param diff the unified diff of the files it wrote (or would write), {@code ""} when none
   */
  public record Step(String name, Outcome outcome, String summary, String diff) {}

  private static final int MAX_DIFF_LINES = 12;
  private static final int MAX_REASON = 110;

  private final Remote remote;
  private final Plan plan;
  private final boolean dryRun;
  private final PrintStream out;
  private final List<Step> steps = new ArrayList<>();
  private boolean listsStale; // a dry run's repository step found apt's lists out of date

  private Deploy(Remote remote, Plan plan, boolean dryRun, PrintStream out) {
    this.remote = remote;
    this.plan = plan;
    this.dryRun = dryRun;
    this.out = out;
  }

  /**
   * Brings the host of {@code remote} to {@code plan}, or with {@code dryRun} says what that would
   * change, printing each step (and in a dry run its diff) to {@code out}.
   *
   * @return the steps, in order
   * @throws io.rmote.RmoteException when a step fails in a real run: the run stops there
   */
  public static List<Step> run(Remote remote, Plan plan, boolean dryRun, PrintStream out) {
    Deploy d = new Deploy(remote, plan, dryRun, out);
    d.converge();
    long changed = d.steps.stream().filter(s -> s.outcome() == Outcome.CHANGED).count();
    out.println(
        (dryRun ? "dry run on " : "run on ")
            + remote.name()
            + ": "
            + changed
            + " of "
            + d.steps.size()
            + " steps "
            + (dryRun ? "would change" : "changed"));
    return List.copyOf(d.steps);
  }

  private void converge() {
    Apt apt = remote.tool(Apt.class);
    AptRepository repos = remote.tool(AptRepository.class);
    User users = remote.tool(User.class);
    FileSystem fs = remote.tool(FileSystem.class);
    Templates templates = remote.tool(Templates.class);
    Service service = remote.tool(Service.class);
    String name = plan.user().name();

    // [steps]
    attempt(
        "repository",
        () -> {
          AptRepository.Result r = repos.present(plan.repository(), dryRun);
          if (r.needsUpdate() && !dryRun) apt.update(); // once, only when the lists are stale
          listsStale = r.needsUpdate() && dryRun;
          String files =
              r.files().isEmpty()
                  ? "/etc/apt/sources.list.d/" + plan.repository().name() + ".sources"
                  : String.join(", ", r.files());
          return done("repository", r.changed(), files, r.diff());
        });

    if (listsStale) {
      skip("packages", "apt learns the repository's packages when the run adds it");
    } else {
      attempt(
          "packages",
          () -> {
            List<Apt.Result> results =
                apt.apply(plan.packages(), Apt.Options.DEFAULTS.withDryRun(dryRun));
            List<String> lines = new ArrayList<>();
            for (Apt.Result r : results) lines.add(r.name() + " " + version(r));
            boolean changed = results.stream().anyMatch(Apt.Result::changed);
            return done("packages", changed, String.join(", ", lines), "");
          });
    }

    attempt(
        "user",
        () -> {
          User.Result u = users.present(plan.user(), dryRun);
          String what = u.before().exists() ? "changed " + u.differences() : "created";
          return done("user", u.changed(), name + (u.changed() ? " " + what : ""), "");
        });

    if (dryRun && !users.account(name).exists()) {
      skip("authorized_keys", "the user does not exist yet: the run creates it first");
    } else {
      attempt(
          "authorized_keys",
          () -> {
            User.KeysResult k =
                users.authorizedKeys(name, plan.authorizedKeys(), true, true, dryRun);
            return done("authorized_keys", k.changed(), k.path(), k.diff());
          });
    }

    attempt(
        "sudoers",
        () -> {
          User.SudoersResult s = users.sudoers(name, plan.sudoRules(), dryRun);
          return done("sudoers", s.changed(), s.path(), s.diff());
        });

    Step config =
        attempt(
            "config",
            () -> {
              String path = plan.configPath();
              String dir = path.substring(0, path.lastIndexOf('/'));
              FileChange folder = fs.mkdir(dir, FileMode.ofBits(0755), null, null, dryRun);
              Map<String, String> values = new LinkedHashMap<>(plan.settings());
              values.put("hostname", remote.tool(SystemTool.class).hostname()); // facts of
              values.put("python", remote.pythonVersion()); // the host, rendered there
              FileChange file =
                  templates.renderTo(
                      path, plan.config(), values, FileMode.ofBits(0644), null, null, true, dryRun);
              return done("config", folder.changed() || file.changed(), path, file.diff());
            });

    String unitPath = "/etc/systemd/system/" + plan.unitName();
    attempt(
        "unit file",
        () -> {
          FileChange f =
              fs.writeStr(unitPath, plan.unit(), FileMode.ofBits(0644), null, null, dryRun);
          if (f.changed() && !dryRun) service.daemonReload(); // systemd reads the new file
          return done("unit file", f.changed(), unitPath, f.diff());
        });

    attempt(
        "service",
        () -> {
          Service.Result r = service.converge(plan.unitName(), true, true, dryRun);
          String restarted = "";
          if (config.outcome() == Outcome.CHANGED && r.before().started()) {
            service.restart(plan.unitName(), dryRun); // it still runs with the old config
            restarted = ", restarted for its new configuration";
          }
          UnitStatus after = r.after();
          String state = after.activeState() + ", " + after.unitFileState() + restarted;
          return done(
              "service", r.changed() || !restarted.isEmpty(), plan.unitName() + " " + state, "");
        });
    // [/steps]
  }

  private static String version(Apt.Result r) {
    String before = r.before().installed() ? r.before().version() : "absent";
    String after = r.after().installed() ? r.after().version() : "absent";
    return before.equals(after) ? after : before + " -> " + after;
  }

  /**
   * Runs a step; in a dry run, a step the host cannot evaluate (no systemd, no apt, a file it may
   * not read, a unit the run would write first) is reported as such instead of failing the run.
   */
  private Step attempt(String name, Supplier<Step> action) {
    try {
      return action.get();
    } catch (FileNotFoundError e) {
      if (!dryRun) throw e;
      return skip(name, "needs what the run creates first: " + reason(e));
    } catch (PythonException e) {
      if (!dryRun) throw e;
      return skip(name, "cannot be evaluated here: " + reason(e));
    }
  }

  private Step done(String name, boolean changed, String summary, String diff) {
    Step s = new Step(name, changed ? Outcome.CHANGED : Outcome.UNCHANGED, summary, diff);
    steps.add(s);
    String verb = changed ? (dryRun ? "would change" : "changed") : "ok";
    out.printf("  %-13s %-16s %s%n", verb, name, summary);
    if (dryRun && changed) {
      List<String> lines = diff.lines().toList();
      lines.stream().limit(MAX_DIFF_LINES).forEach(l -> out.println("      " + l));
      if (lines.size() > MAX_DIFF_LINES)
        out.println("      … " + (lines.size() - MAX_DIFF_LINES) + " more lines");
    }
    return s;
  }

  private Step skip(String name, String why) {
    Step s = new Step(name, Outcome.NOT_EVALUATED, why, "");
    steps.add(s);
    out.printf("  %-13s %-16s %s%n", "not evaluated", name, why);
    return s;
  }

  /** The Python exception's type and the first line of its message. */
  private static String reason(PythonException e) {
    String type = e.pythonType().substring(e.pythonType().lastIndexOf('.') + 1);
    String message = e.pythonMessage() == null ? "" : e.pythonMessage().strip();
    int nl = message.indexOf('\n');
    String reason = type + ": " + (nl < 0 ? message : message.substring(0, nl));
    return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
  }

  private static byte[] resource(String name) {
    try (InputStream in = Deploy.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("no resource " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code Deploy [--dry-run] [user@host]}: the example plan, on the host over SSH ({@code
   * ~/.ssh/config} applies) or without one on this machine.
   */
  public static void main(String[] args) {
    boolean dryRun = List.of(args).contains("--dry-run");
    String host = List.of(args).stream().filter(a -> !a.startsWith("--")).findFirst().orElse(null);
    Supplier<Remote> connect =
        host == null ? Remote::local : () -> Remote.builder().ssh(Ssh.to(host).build()).connect();
    try (Remote remote = connect.get()) {
      run(remote, Plan.example(), dryRun, System.out);
    }
  }
}
