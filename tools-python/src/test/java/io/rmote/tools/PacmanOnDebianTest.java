package io.rmote.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Remote;
import io.rmote.python.CalledProcessError;
import io.rmote.python.TimeoutError;
import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import io.rmote.testing.TestHosts;
import io.rmote.testing.TestHosts.Host;
import io.rmote.tools.Pacman.Change;
import io.rmote.tools.Pacman.Options;
import io.rmote.tools.Pacman.Package;
import io.rmote.tools.Pacman.Result;
import io.rmote.tools.Pacman.State;
import io.rmote.tools.Pacman.Transaction;
import io.rmote.tools.PacmanRepository.Position;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pacman and PacmanRepository against Debian's pacman, which is not a real Arch host: Debian's
 * {@code pacman-package-manager} (pacman 7.0 on the trixie nspawn host, 6.0.2 on this machine)
 * manages a pacman database of its own beside dpkg. Every test works in a throwaway root of its own
 * ({@code /tmp/rmote-pac-<id>}: a pacman.conf whose {@code RootDir}, {@code DBPath}, {@code
 * CacheDir} and {@code GPGDir} are there, passed as the tools' {@code config}), with repositories
 * of small packages the test builds here by hand ({@code pacman/make-repos.sh}: .PKGINFO, bsdtar,
 * zstd, repo-add, a throwaway gpg key). What an Arch host would add is not here: the {@code
 * archlinux-keyring} package (a fake {@code rmote-pac-keyring} stands for it), Arch's mirrors, its
 * hooks and install scripts. The host's own {@code /etc/pacman.conf} and database are not touched.
 */
class PacmanOnDebianTest {
  @TempDir static Path tmp;
  static Path built;

  @BeforeAll
  static void buildRepositories() throws IOException, InterruptedException, URISyntaxException {
    built = tmp.resolve("repos");
    Path script = Path.of(PacmanOnDebianTest.class.getResource("/pacman/make-repos.sh").toURI());
    Process p =
        new ProcessBuilder("bash", script.toString(), built.toString())
            .redirectErrorStream(true)
            .start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
  }

  /** The nspawn hosts whose root has pacman (those .ci/hosts.sh gave Debian's pacman). */
  static List<Host> hosts() {
    List<Host> hosts =
        TestHosts.hosts().stream()
            .filter(h -> Files.exists(Pythons.rootsDir().resolve(h.name() + "/usr/bin/pacman")))
            .collect(Collectors.toList());
    Assumptions.assumeFalse(hosts.isEmpty(), "no test host has pacman");
    return hosts;
  }

  /** The local interpreters (pacman 6.0.2 runs here, as root): every version 3.6 to 3.12. */
  static List<Python> pythons() {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/pacman"))
            && "root".equals(System.getProperty("user.name")),
        "pacman and root are needed here");
    List<Python> all = new ArrayList<>();
    all.add(Pythons.local());
    all.addAll(Pythons.pyenv());
    return all;
  }

  static final String CONF =
      "[options]\n"
          + "RootDir = %1$s/root\n"
          + "DBPath = %1$s/db/\n"
          + "CacheDir = %1$s/cache/\n"
          + "LogFile = %1$s/pacman.log\n"
          + "GPGDir = %1$s/gnupg/\n"
          + "HookDir = %1$s/hooks/\n"
          + "Architecture = auto\n"
          + "SigLevel = Required DatabaseOptional\n"
          + "LocalFileSigLevel = Optional\n"
          + "\n"
          + "# the lab repository: unsigned\n"
          + "[rmotepac]\n"
          + "SigLevel = Never\n"
          + "Server = file://%1$s/repo\n"
          + "\n"
          + "# a trailing comment\n";

  /** A throwaway pacman root on one remote, removed on close. */
  static final class Lab implements AutoCloseable {
    final Remote remote;
    final Pacman pacman;
    final PacmanRepository repos;
    final FileSystem fs;
    final Exec exec;
    final String dir = "/tmp/rmote-pac-" + UUID.randomUUID().toString().substring(0, 8);
    final String conf = dir + "/pacman.conf";
    final Options opts;
    final List<String> cleanup = new ArrayList<>();
    int published;

    Lab(Remote remote) {
      this.remote = remote;
      pacman = remote.tool(Pacman.class);
      repos = remote.tool(PacmanRepository.class);
      fs = remote.tool(FileSystem.class);
      exec = remote.tool(Exec.class);
      exec.command(
          "mkdir",
          "-p",
          dir + "/root",
          dir + "/db/local",
          dir + "/db/sync",
          dir + "/cache",
          dir + "/hooks",
          dir + "/repo",
          dir + "/signed");
      fs.writeStr(conf, String.format(CONF, dir));
      fs.writeStr(dir + "/mirrorlist", "Server = file://" + dir + "/repo\n");
      publish("v1");
      upload(built.resolve("signed"), dir + "/signed");
      opts = Options.DEFAULTS.withConfig(conf).withKeyring("rmote-pac-keyring");
    }

    static Lab on(Host host) {
      return new Lab(
          Remote.builder()
              .ssh(TestHosts.ssh(host, "root", tmp.resolve("known")).build())
              .connect());
    }

    /** The repository "rmotepac" as it is at {@code version} ("v1", "v2") on the server. */
    void publish(String version) {
      exec.shell("rm -f " + dir + "/repo/*");
      upload(built.resolve(version), dir + "/repo");
      // pacman downloads a database only when the server's is newer, to the second (a
      // file:// server: by mtime); one published within the second of the one before would be
      // skipped, so each publication is dated 2 s further ahead, as a mirror's later sync is.
      exec.shell(
          "t=$(( $(date +%s) + "
              + 2 * published++
              + " )); touch -d @$t "
              + dir
              + "/repo/rmotepac.*");
    }

    void upload(Path from, String to) {
      try (Stream<Path> files = Files.list(from)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          fs.writeBytes(to + "/" + f.getFileName(), Files.readAllBytes(f));
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    byte[] local(String name) {
      try {
        return Files.readAllBytes(built.resolve(name));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    Map<String, String> installed() {
      return pacman.installed(conf);
    }

    String confText() {
      return fs.readStr(conf);
    }

    /**
     * Debian's pacman-key sources makepkg's libraries: given from here when the host lacks them.
     */
    void makePacmanKeyRun() {
      for (String f : List.of("message.sh", "parseopts.sh")) {
        String path = "/usr/share/makepkg/util/" + f;
        if (exec.run(Exec.Command.of("test", "-e", path).withCheck(false)).returncode() != 0) {
          exec.command("mkdir", "-p", "/usr/share/makepkg/util");
          try {
            fs.writeBytes(path, Files.readAllBytes(Path.of(path)));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          cleanup.add(path);
        }
      }
    }

    @Override
    public void close() {
      try {
        StringBuilder sh = new StringBuilder();
        sh.append("gpgconf --homedir ").append(dir).append("/gnupg --kill all 2>/dev/null; ");
        sh.append("rm -rf ").append(dir);
        for (String f : cleanup) sh.append("; rm -f ").append(f);
        if (!cleanup.isEmpty()) sh.append("; rmdir -p /usr/share/makepkg/util 2>/dev/null");
        exec.run(Exec.Command.ofShell(sh.toString()).withCheck(false));
      } finally {
        remote.close();
      }
    }
  }

  private static List<Package> targets(String... names) {
    return Stream.of(names).map(Package::of).collect(Collectors.toList());
  }

  /**
   * Many targets, one transaction, one read; a group and a dependency expanded; each idempotency
   * claim twice; each dry run changes nothing. The library's Pacman counted a group absent on every
   * run (ansible-modules-extras #766, community.general #6290): here a group installed once is no
   * change the second time.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void convergeIsOneTransactionAndIdempotent(Host host) {
    try (Lab lab = Lab.on(host)) {
      convergeRemoveAndAgain(lab);
    }
  }

  /** The same on every local interpreter, 3.6 on, against this machine's pacman. */
  @ParameterizedTest
  @MethodSource("pythons")
  void convergeRunsOnEveryInterpreter(Python python) {
    try (Lab lab = new Lab(python.connect())) {
      convergeRemoveAndAgain(lab);
    }
  }

  private static void convergeRemoveAndAgain(Lab lab) {
    Pacman p = lab.pacman;
    Options refresh = lab.opts.withRefresh(true);
    List<Package> wanted = targets("rmote-pac-a", "rmote-pac-group");

    Transaction dry = p.sync(wanted, refresh.withDryRun(true));
    assertTrue(dry.changed(), dry.toString());
    assertEquals(Map.of(), lab.installed(), "a dry run installed something");

    Transaction done = p.sync(wanted, refresh);
    assertTrue(done.changed(), done.toString());
    assertEquals(dry.changes(), done.changes(), "the dry run predicted what happened");
    assertEquals(
        Map.of(
            "rmote-pac-a", "1.0-1",
            "rmote-pac-lib", "1.0-1",
            "rmote-pac-b", "1.0-1",
            "rmote-pac-c", "1.0-1"),
        lab.installed());
    assertEquals(1, done.commands().size(), done.commands().toString()); // one -Syu transaction
    assertTrue(done.commands().get(0).contains("-Syu --needed"), done.commands().toString());
    Result a = done.results().get(0);
    assertEquals(new Change("rmote-pac-a", "", "1.0-1"), a.packages().get(0));
    assertEquals("1.0-1", a.version());
    Result group = done.results().get(1);
    assertTrue(group.changed());
    assertEquals(2, group.packages().size(), group.toString());

    Transaction again = p.sync(wanted, lab.opts);
    assertFalse(again.changed(), again.toString());
    assertTrue(again.commands().isEmpty(), again.commands().toString());
    assertEquals(
        List.of(false, false),
        List.of(again.results().get(0).changed(), again.results().get(1).changed()));
    // converge(*packages) too; a virtual name provided by an installed package is present.
    assertFalse(
        p.converge(lab.opts, Package.of("rmote-pac-a"), Package.of("rmote-pac-virtual")).stream()
            .anyMatch(Result::changed));

    // ABSENT, recursive: the dependency nothing else needs goes with it.
    Options recursive = lab.opts.withRecursive(true);
    Result dryRemove = p.ensure("rmote-pac-a", State.ABSENT, recursive.withDryRun(true));
    assertTrue(dryRemove.changed());
    assertEquals("1.0-1", lab.installed().get("rmote-pac-a"), "a dry run removed something");
    Result removed = p.ensure("rmote-pac-a", State.ABSENT, recursive);
    assertTrue(removed.changed());
    assertEquals("", removed.version());
    assertEquals(Map.of("rmote-pac-b", "1.0-1", "rmote-pac-c", "1.0-1"), lab.installed());
    assertFalse(p.ensure("rmote-pac-a", State.ABSENT, recursive).changed());

    // A Package keeps its state: remove the group, keep a, in one call.
    List<Result> mixed =
        p.converge(
            lab.opts, Package.of("rmote-pac-group", State.ABSENT), Package.of("rmote-pac-a"));
    assertTrue(mixed.get(0).changed() && mixed.get(1).changed(), mixed.toString());
    assertEquals(Map.of("rmote-pac-a", "1.0-1", "rmote-pac-lib", "1.0-1"), lab.installed());
    assertFalse(
        p
            .converge(
                lab.opts, Package.of("rmote-pac-group", State.ABSENT), Package.of("rmote-pac-a"))
            .stream()
            .anyMatch(Result::changed));
  }

  /**
   * A refresh is a full upgrade, never {@code -Sy} then {@code -S} (the partial upgrade of omarchy
   * PR #3467, tldr-pages PR #13496: the Python library's {@code update()} then {@code package()}),
   * and the keyring package goes first (archinstall #2327, yay #1891): after refresh+install no
   * package that had an update is left behind.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void aRefreshIsAFullUpgradeWithTheKeyringFirst(Host host) {
    try (Lab lab = Lab.on(host)) {
      Pacman p = lab.pacman;
      Options refresh = lab.opts.withRefresh(true);
      p.sync(targets("rmote-pac-a", "rmote-pac-b", "rmote-pac-keyring"), refresh);
      Map<String, String> v1 =
          Map.of(
              "rmote-pac-a", "1.0-1",
              "rmote-pac-lib", "1.0-1",
              "rmote-pac-b", "1.0-1",
              "rmote-pac-keyring", "1.0-1");
      assertEquals(v1, lab.installed());

      lab.publish("v2");
      // LATEST without a refresh: the sync databases still say 1.0-1, so nothing changes.
      assertFalse(p.ensure("rmote-pac-b", State.LATEST, lab.opts).changed());

      Transaction dry = p.sync(targets("rmote-pac-c"), refresh.withDryRun(true));
      assertTrue(dry.refreshed());
      assertEquals(v1, lab.installed(), "a dry run changed the system");
      assertFalse(
          p.ensure("rmote-pac-b", State.LATEST, lab.opts).changed(),
          "a dry run refreshed the real sync databases");

      Transaction t = p.sync(targets("rmote-pac-c"), refresh);
      assertEquals(dry.changes(), t.changes(), "the dry run predicted what happened");
      assertEquals(
          Map.of(
              "rmote-pac-a", "2.0-1",
              "rmote-pac-lib", "2.0-1",
              "rmote-pac-b", "2.0-1",
              "rmote-pac-c", "2.0-1",
              "rmote-pac-keyring", "2.0-1"),
          lab.installed(),
          "a package with an update was left behind: a partial upgrade");
      assertEquals(List.of(new Change("rmote-pac-keyring", "1.0-1", "2.0-1")), t.keyring());
      assertEquals(2, t.commands().size(), t.commands().toString());
      assertTrue(
          t.commands().get(0).endsWith("-Sy --needed rmote-pac-keyring"), t.commands().toString());
      assertTrue(t.commands().get(1).endsWith("-Su --needed rmote-pac-c"), t.commands().toString());
      assertEquals(new Change("rmote-pac-c", "", "2.0-1"), t.results().get(0).packages().get(0));

      Transaction again = p.sync(targets("rmote-pac-c"), refresh);
      assertFalse(again.changed(), again.toString());
      // update() is the same full upgrade; a ttl skips the download, never the upgrade.
      assertTrue(p.update(refresh.withTtl(-1)));
      assertFalse(p.update(refresh.withTtl(3600)));
      assertEquals(5, lab.installed().size());
    }
  }

  /**
   * pacman fails at once on a held {@code db.lck} ("unable to lock database"); the tool waits for
   * it, then runs; it times out with a PacmanLockTimeoutException (a TimeoutError) naming the file
   * and its holders, and never deletes a lock (manjaro/pamac #246), stale or not.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void theDatabaseLockIsWaitedForNeverDeleted(Host host) {
    try (Lab lab = Lab.on(host)) {
      Pacman p = lab.pacman;
      String lock = lab.dir + "/db/db.lck";
      p.update(lab.opts); // the sync database
      // Held for 3 s by a process that then removes it, as pacman does.
      lab.exec.shell(
          "setsid sh -c 'exec 3>\"$0\"; sleep 3; rm -f \"$0\"' "
              + lock
              + " </dev/null >/dev/null 2>&1 & "
              + "for i in $(seq 100); do [ -e "
              + lock
              + " ] && break; sleep 0.05; done");
      assertTrue(exists(lab, lock), "the holder made no lock");
      Result r = p.ensure("rmote-pac-a", State.PRESENT, lab.opts.withLockTimeout(60));
      assertTrue(r.changed(), r.toString());
      assertFalse(exists(lab, lock));

      // Held for longer than the timeout: the typed error names the file and the holder.
      String pid =
          lab.exec
              .shell(
                  "setsid sh -c 'exec 3>\"$0\"; exec sleep 60' "
                      + lock
                      + " </dev/null >/dev/null 2>&1 & echo $!; "
                      // until the holder is the sleep itself, as the error will name it
                      + "for i in $(seq 600); do [ -e "
                      + lock
                      + " ] && [ \"$(cat /proc/$!/comm 2>/dev/null)\" = sleep ] && break;"
                      + " sleep 0.05; done")
              .stdoutText()
              .strip();
      try {
        TimeoutError e =
            assertThrows(
                TimeoutError.class,
                () -> p.ensure("rmote-pac-b", State.PRESENT, lab.opts.withLockTimeout(1)));
        assertTrue(e.getMessage().contains(lock), e.getMessage());
        assertTrue(e.getMessage().contains("held open by pid " + pid + " (sleep)"), e.getMessage());
        PacmanLockTimeoutException typed = assertInstanceOf(PacmanLockTimeoutException.class, e);
        assertEquals(lock, typed.lock());
        assertEquals(1.0, typed.timeout());
        assertEquals(List.of(pid + " (sleep)"), typed.holders());
        assertTrue(e.getMessage().startsWith("LockTimeout: pacman database lock "), e.getMessage());
      } finally {
        lab.exec.command("kill", pid);
      }
      // Left by a process that died: stale, said so, and not deleted.
      assertTrue(exists(lab, lock));
      TimeoutError stale =
          assertThrows(
              TimeoutError.class,
              () -> p.ensure("rmote-pac-b", State.PRESENT, lab.opts.withLockTimeout(0.5)));
      assertTrue(stale.getMessage().contains("no process has it open"), stale.getMessage());
      assertEquals(List.of(), assertInstanceOf(PacmanLockTimeoutException.class, stale).holders());
      assertTrue(exists(lab, lock), "the tool deleted a lock");
      assertEquals(null, lab.installed().get("rmote-pac-b"));
      lab.exec.command("rm", lock);
    }
  }

  /**
   * Calls in flight on one connection run in parallel threads on the remote; the database's
   * resource lock makes them one transaction at a time, so of four installs of one package exactly
   * one reports the change (without it, three would fail on pacman's db.lck or report a change they
   * did not make).
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void callsInFlightOnOneConnectionTakeTurns(Host host) {
    try (Lab lab = Lab.on(host)) {
      lab.pacman.update(lab.opts);
      PacmanAsync async = lab.remote.tool(PacmanAsync.class);
      List<CompletableFuture<Result>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        calls.add(
            async.ensure(
                "rmote-pac-b",
                State.PRESENT,
                null,
                null,
                null,
                null,
                null,
                60.0,
                lab.conf,
                null,
                null,
                null,
                null));
      }
      long changed = calls.stream().map(CompletableFuture::join).filter(Result::changed).count();
      assertEquals(1, changed);
      assertEquals(Map.of("rmote-pac-b", "1.0-1"), lab.installed());
    }
  }

  /**
   * The removal options ({@code -Rc} cascade, {@code -Rn} nosave), the install reason ({@code
   * pacman -D}, changed only when it differs; community.general's {@code reason}) and {@code
   * --overwrite} globs, each twice, each dry run changing nothing.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void removalOptionsReasonsAndOverwrite(Host host) {
    try (Lab lab = Lab.on(host)) {
      Pacman p = lab.pacman;
      Options o = lab.opts;
      Result a = p.ensure("rmote-pac-a", State.PRESENT, o.withRefresh(true));
      assertEquals(Pacman.Reason.EXPLICIT, a.reason());
      assertEquals(
          Pacman.Reason.DEPENDENCY,
          p.ensure("rmote-pac-lib", State.PRESENT, o).reason(),
          "pulled in as a dependency");

      // Install reason: changed only when it differs.
      Options asDeps = o.withReason(Pacman.Reason.DEPENDENCY);
      Result dry = p.ensure("rmote-pac-a", State.PRESENT, asDeps.withDryRun(true));
      assertTrue(dry.changed(), dry.toString());
      assertEquals(Pacman.Reason.DEPENDENCY, dry.reason());
      assertEquals(Pacman.Reason.EXPLICIT, p.ensure("rmote-pac-a", State.PRESENT, o).reason());
      Transaction marked = p.sync(List.of(Package.of("rmote-pac-a")), asDeps);
      assertTrue(marked.changed());
      assertEquals(List.of(new Change("rmote-pac-a", "explicit", "dependency")), marked.reasons());
      assertEquals(List.of(), marked.changes(), "no version changed");
      assertEquals(Pacman.Reason.DEPENDENCY, marked.results().get(0).reason());
      Transaction again = p.sync(List.of(Package.of("rmote-pac-a")), asDeps);
      assertFalse(again.changed(), again.toString());
      assertTrue(again.commands().isEmpty(), again.commands().toString());
      Options explicit = o.withReason(Pacman.Reason.EXPLICIT);
      assertTrue(p.ensure("rmote-pac-lib", State.PRESENT, explicit).changed());
      assertFalse(p.ensure("rmote-pac-lib", State.PRESENT, explicit).changed());
      Result newDep = p.ensure("rmote-pac-b", State.PRESENT, asDeps);
      assertTrue(newDep.changed());
      assertEquals(Pacman.Reason.DEPENDENCY, newDep.reason(), "installed as a dependency");
      assertFalse(p.ensure("rmote-pac-b", State.PRESENT, asDeps).changed());

      // Cascade: removing what another package needs takes that one too; without, pacman refuses.
      assertThrows(
          CalledProcessError.class, () -> p.ensure("rmote-pac-lib", State.ABSENT, lab.opts));
      Options cascade = o.withCascade(true);
      Transaction dryCascade =
          p.sync(List.of(Package.of("rmote-pac-lib", State.ABSENT)), cascade.withDryRun(true));
      assertEquals("1.0-1", lab.installed().get("rmote-pac-a"), "a dry run removed something");
      Transaction cascaded = p.sync(List.of(Package.of("rmote-pac-lib", State.ABSENT)), cascade);
      assertEquals(dryCascade.changes(), cascaded.changes());
      assertEquals(
          List.of(new Change("rmote-pac-a", "1.0-1", ""), new Change("rmote-pac-lib", "1.0-1", "")),
          cascaded.changes());
      assertTrue(cascaded.commands().get(0).contains(" -Rc "), cascaded.commands().toString());
      assertFalse(p.sync(List.of(Package.of("rmote-pac-lib", State.ABSENT)), cascade).changed());

      // nosave: a changed backup file goes with its package instead of staying as .pacsave.
      String conf = lab.dir + "/root/etc/rmote-pkgs.conf";
      assertTrue(p.ensure("rmote-pkgs-conf", State.PRESENT, o).changed());
      lab.exec.shell("echo edited >> " + conf);
      assertTrue(p.ensure("rmote-pkgs-conf", State.ABSENT, o).changed());
      assertTrue(exists(lab, conf + ".pacsave"), "pacman -R keeps it");
      lab.exec.command("rm", conf + ".pacsave");
      assertTrue(p.ensure("rmote-pkgs-conf", State.PRESENT, o).changed());
      lab.exec.shell("echo edited >> " + conf);
      Options nosave = o.withNosave(true);
      assertTrue(p.ensure("rmote-pkgs-conf", State.ABSENT, nosave.withDryRun(true)).changed());
      assertTrue(exists(lab, conf), "a dry run removed it");
      Result gone = p.ensure("rmote-pkgs-conf", State.ABSENT, nosave);
      assertTrue(gone.changed());
      assertFalse(exists(lab, conf + ".pacsave"), "-Rn");
      assertFalse(exists(lab, conf));
      assertFalse(p.ensure("rmote-pkgs-conf", State.ABSENT, nosave).changed());

      // overwrite: a file nobody owns where the package puts one stops pacman, unless a glob
      // lets it replace the file (given absolute, as people write it).
      String owned = lab.dir + "/root/usr/share/rmote-pac/rmote-pac-c";
      lab.exec.shell("mkdir -p " + lab.dir + "/root/usr/share/rmote-pac; echo mine > " + owned);
      CalledProcessError conflict =
          assertThrows(
              CalledProcessError.class, () -> p.ensure("rmote-pac-c", State.PRESENT, lab.opts));
      assertTrue(conflict.stderr().contains("exists in filesystem"), conflict.stderr());
      Options overwrite = o.withOverwrite(List.of("/usr/share/rmote-pac/*"));
      Result replaced = p.ensure("rmote-pac-c", State.PRESENT, overwrite);
      assertTrue(replaced.changed());
      assertEquals("rmote-pac-c 1.0-1\n", lab.fs.readStr(owned));
      assertFalse(p.ensure("rmote-pac-c", State.PRESENT, overwrite).changed());
    }
  }

  /** A key removed by fingerprint ({@code pacman-key --delete}): the dry run first, then twice. */
  @ParameterizedTest
  @MethodSource("hosts")
  void aKeyIsRemovedByFingerprint(Host host) {
    try (Lab lab = Lab.on(host)) {
      lab.makePacmanKeyRun();
      PacmanRepository r = lab.repos;
      PacmanRepository.Result added =
          r.key("rmote-pac-test.asc", lab.local("key.asc"), null, lab.conf);
      String fpr = added.fingerprints().get(0);
      PacmanRepository.Result dry =
          r.keyAbsent(fpr.toLowerCase(java.util.Locale.ROOT), true, lab.conf);
      assertTrue(dry.changed());
      assertEquals(List.of(fpr), dry.fingerprints());
      assertFalse(
          r.key("rmote-pac-test.asc", lab.local("key.asc"), true, lab.conf).changed(),
          "a dry run removed the key");
      assertTrue(r.keyAbsent(fpr, null, lab.conf).changed());
      assertTrue(
          r.key("rmote-pac-test.asc", lab.local("key.asc"), true, lab.conf).changed(),
          "the key is gone");
      assertFalse(r.keyAbsent(fpr, null, lab.conf).changed());
      assertFalse(r.keyAbsent(fpr, true, lab.conf).changed());
      assertThrows(io.rmote.python.ValueError.class, () -> r.keyAbsent("ABCD", null, lab.conf));
    }
  }

  private static boolean exists(Lab lab, String path) {
    return lab.exec.run(Exec.Command.of("test", "-e", path).withCheck(false)).returncode() == 0;
  }

  /**
   * A section placed first or last, replaced in place, removed, each twice; comments after a
   * section stay (the library's section ran to the next '[', so it deleted them); dry runs write
   * nothing; the default SigLevel is pacman's safe one, and a weak one warns.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void repositorySectionsArePlacedAndRemovedIdempotently(Host host) {
    try (Lab lab = Lab.on(host)) {
      PacmanRepository r = lab.repos;
      String original = lab.confText();
      List<String> servers = List.of("file://" + lab.dir + "/signed");

      PacmanRepository.Result dry =
          r.present("rmotepacsig", servers, null, null, Position.FIRST, true, lab.conf);
      assertTrue(dry.changed());
      assertEquals(original, lab.confText(), "a dry run wrote the file");
      PacmanRepository.Result first =
          r.present("rmotepacsig", servers, null, null, Position.FIRST, null, lab.conf);
      assertTrue(first.changed());
      assertEquals(dry.diff(), first.diff());
      assertTrue(first.diff().contains("+SigLevel = Required DatabaseOptional"), first.diff());
      assertTrue(first.refreshNeeded());
      assertTrue(first.warnings().isEmpty(), first.warnings().toString());
      String text = lab.confText();
      assertTrue(
          text.indexOf("[rmotepacsig]") > text.indexOf("LocalFileSigLevel")
              && text.indexOf("[rmotepacsig]") < text.indexOf("# the lab repository"),
          text);
      PacmanRepository.Result second =
          r.present("rmotepacsig", servers, null, null, Position.FIRST, null, lab.conf);
      assertFalse(second.changed());
      assertEquals("", second.diff());
      assertEquals(text, lab.confText());

      PacmanRepository.Result weak =
          r.present("rmotepacsig", servers, "Optional TrustAll", null, null, null, lab.conf);
      assertTrue(weak.changed());
      assertFalse(weak.warnings().isEmpty());
      assertTrue(r.present("rmotepacsig", servers, null, null, null, null, lab.conf).changed());
      assertEquals(text, lab.confText(), "replaced where it was");

      PacmanRepository.Result last =
          r.present(
              "rmotepaclast",
              List.of(),
              null,
              lab.dir + "/mirrorlist",
              Position.LAST,
              null,
              lab.conf);
      assertTrue(last.changed());
      assertTrue(
          lab.confText()
              .endsWith(
                  "[rmotepaclast]\nSigLevel = Required DatabaseOptional\n"
                      + "Include = "
                      + lab.dir
                      + "/mirrorlist\n"),
          lab.confText());

      for (String name : List.of("rmotepaclast", "rmotepacsig")) {
        String before = lab.confText();
        assertTrue(r.absent(name, true, lab.conf).changed());
        assertEquals(before, lab.confText(), "a dry run wrote the file");
        assertTrue(r.absent(name, null, lab.conf).changed());
        assertFalse(r.absent(name, null, lab.conf).changed());
      }
      assertEquals(original, lab.confText(), "comments and blank lines kept");
    }
  }

  /**
   * A signed repository with the safe default level: its packages install only once the key is
   * imported (pacman-key --add) and locally signed (--lsign-key); the library only wrote the key
   * file, so pacman still refused them. An unsigned package in that repository stays refused.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void keysAreImportedAndLocallySigned(Host host) {
    try (Lab lab = Lab.on(host)) {
      lab.makePacmanKeyRun();
      Pacman p = lab.pacman;
      PacmanRepository r = lab.repos;
      r.present(
          "rmotepacsig",
          List.of("file://" + lab.dir + "/signed"),
          null,
          null,
          null,
          null,
          lab.conf);
      Options refresh = lab.opts.withRefresh(true);
      assertThrows(
          CalledProcessError.class, () -> p.ensure("rmote-pac-signed", State.PRESENT, refresh));

      byte[] key = lab.local("key.asc");
      PacmanRepository.Result dry = r.key("rmote-pac-test.asc", key, true, lab.conf);
      assertTrue(dry.changed());
      assertEquals(1, dry.fingerprints().size());
      assertFalse(exists(lab, lab.dir + "/gnupg"), "a dry run made the keyring");
      PacmanRepository.Result added = r.key("rmote-pac-test.asc", key, null, lab.conf);
      assertTrue(added.changed());
      assertEquals(dry.fingerprints(), added.fingerprints());
      assertEquals(lab.dir + "/pacman.d/rmote-pac-test.asc", added.path());
      assertFalse(r.key("rmote-pac-test.asc", key, null, lab.conf).changed());
      assertFalse(r.key("rmote-pac-test.asc", key, true, lab.conf).changed());

      Result signed = p.ensure("rmote-pac-signed", State.PRESENT, refresh);
      assertTrue(signed.changed());
      assertEquals("1.0-1", signed.version());
      assertFalse(p.ensure("rmote-pac-signed", State.PRESENT, refresh).changed());
      CalledProcessError unsigned =
          assertThrows(
              CalledProcessError.class,
              () -> p.ensure("rmote-pac-unsigned", State.PRESENT, lab.opts));
      assertTrue(unsigned.stderr().contains(".sig"), unsigned.stderr());
      assertInstanceOf(PacmanException.class, unsigned);
      assertTrue(
          unsigned.getMessage().contains(".sig"), "PacmanError's message ends with pacman's");
      assertEquals(null, lab.installed().get("rmote-pac-unsigned"));

      // Another key, signed nothing of it: imported too, and the repository's key stays trusted.
      assertTrue(r.key("rmote-pac-other.asc", lab.local("other.asc"), null, lab.conf).changed());
      assertFalse(r.key("rmote-pac-test.asc", key, null, lab.conf).changed());
    }
  }
}
