package io.rmote.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Call;
import io.rmote.PyRecord;
import io.rmote.Remote;
import io.rmote.python.CalledProcessError;
import io.rmote.python.FileNotFoundError;
import io.rmote.python.RuntimeError;
import io.rmote.testing.Pythons.Python;
import io.rmote.testing.TestHosts;
import io.rmote.testing.TestHosts.Host;
import io.rmote.tools.Service.ActiveState;
import io.rmote.tools.Service.LoadState;
import io.rmote.tools.Service.Result;
import io.rmote.tools.Service.Scope;
import io.rmote.tools.Service.UnitFileState;
import io.rmote.tools.Service.UnitStatus;
import io.rmote.wire.Codecs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Service tool against real systemd: the Debian hosts of {@code .ci/hosts.sh up} (systemd 247
 * to 262 as PID 1 under systemd-nspawn), over SSH as root. Each test writes throwaway units with
 * names of its own and removes them, and whatever state they reached, afterwards. Skipped without
 * the hosts, failed under {@code RMOTE_REQUIRE_HOSTS=1}.
 */
class ServiceTest {
  static final String SLEEPER =
      "[Unit]\nDescription=rmote test sleeper\n[Service]\nExecStart=/bin/sleep infinity\n"
          + "ExecReload=/bin/true\n[Install]\nWantedBy=multi-user.target\n";

  @TempDir static Path tmp;

  static List<Host> hosts() {
    return TestHosts.hosts();
  }

  /** A connection to a host and the units a test made there, removed on close. */
  static final class Lab implements AutoCloseable {
    final Remote remote;
    final Service service;
    final FileSystem fs;
    final Exec exec;
    final List<String> files = new ArrayList<>();
    final List<String> units = new ArrayList<>();
    final List<String> folders = new ArrayList<>();

    Lab(Host host) {
      remote =
          Remote.builder().ssh(TestHosts.ssh(host, "root", tmp.resolve("known")).build()).connect();
      service = remote.tool(Service.class);
      fs = remote.tool(FileSystem.class);
      exec = remote.tool(Exec.class);
    }

    /** Writes a unit file named uniquely for this run into {@code dir}; its unit name. */
    String unit(String dir, String content) {
      String name = "rmote-test-" + UUID.randomUUID().toString().substring(0, 8) + ".service";
      String path = dir + "/" + name;
      fs.writeStr(path, content);
      files.add(path);
      units.add(name);
      service.daemonReload();
      return name;
    }

    String unit(String content) {
      return unit("/etc/systemd/system", content);
    }

    @Override
    public void close() {
      try {
        for (String u : units) {
          exec.run(
              Exec.Command.ofShell(
                      "systemctl unmask "
                          + u
                          + "; systemctl disable --now "
                          + u
                          + "; systemctl reset-failed "
                          + u)
                  .withCheck(false));
        }
        for (String f : files) fs.remove(f);
        for (String f : folders) fs.remove(f, true, false);
        exec.command("systemctl", "daemon-reload");
      } finally {
        remote.close();
      }
    }
  }

  private static void assertNoChange(Result r) {
    assertFalse(r.changed(), r.toString());
    assertEquals(key(r.before()), key(r.after()), r.toString());
  }

  /** The state a call may change, without the fields a read-only second read may differ in. */
  private static List<Object> key(UnitStatus s) {
    return List.of(
        s.loadState(),
        s.activeState(),
        s.subState(),
        s.unitFileState(),
        s.needDaemonReload(),
        s.invocationId(),
        s.mainPid());
  }

  /** A dry run answers as the real call would, and the unit is as it was. */
  private static Result dry(Service service, String unit, Result dryRun) {
    assertTrue(dryRun.changed(), dryRun.toString());
    assertEquals(key(dryRun.before()), key(service.status(unit)), "a dry run changed the unit");
    return dryRun;
  }

  @ParameterizedTest
  @MethodSource("hosts")
  void everyVerbChangesOnceAndDryRunsChangeNothing(Host host) {
    try (Lab lab = new Lab(host)) {
      Service s = lab.service;
      String u = lab.unit(SLEEPER);
      UnitStatus fresh = s.status(u);
      assertEquals(LoadState.LOADED, fresh.loadState());
      assertEquals(ActiveState.INACTIVE, fresh.activeState());
      assertEquals(UnitFileState.DISABLED, fresh.unitFileState());
      assertEquals(u, fresh.id());
      assertFalse(fresh.started());
      assertFalse(fresh.enabled());

      dry(s, u, s.start(u, true));
      Result started = s.start(u);
      assertTrue(started.changed());
      assertTrue(started.started());
      assertEquals(ActiveState.ACTIVE, started.after().activeState());
      assertTrue(started.after().mainPid() > 0);
      assertNoChange(s.start(u));

      dry(s, u, s.enable(u, true));
      Result enabled = s.enable(u);
      assertTrue(enabled.changed());
      assertEquals(UnitFileState.ENABLED, enabled.after().unitFileState());
      assertTrue(enabled.enabled());
      assertNoChange(s.enable(u));

      // A restart always changes the process: a new invocation id and main PID are observed.
      dry(s, u, s.restart(u, true));
      Result restarted = s.restart(u);
      assertTrue(restarted.changed());
      assertNotEquals(restarted.before().invocationId(), restarted.after().invocationId());
      assertNotEquals(restarted.before().mainPid(), restarted.after().mainPid());
      Result again = s.restart(u);
      assertTrue(again.changed());
      assertNotEquals(again.before().invocationId(), again.after().invocationId());

      // A reload is delivered to the same process: changed means delivered (documented).
      dry(s, u, s.reload(u, true));
      Result reloaded = s.reload(u);
      assertTrue(reloaded.changed());
      assertEquals(reloaded.before().mainPid(), reloaded.after().mainPid());
      assertEquals(reloaded.before().invocationId(), reloaded.after().invocationId());

      dry(s, u, s.stop(u, true));
      Result stopped = s.stop(u);
      assertTrue(stopped.changed());
      assertFalse(stopped.started());
      assertEquals(ActiveState.INACTIVE, stopped.after().activeState());
      assertNoChange(s.stop(u));
      // systemd refuses to reload an inactive unit; a dry run says so without failing.
      assertThrows(CalledProcessError.class, () -> s.reload(u));
      Result dryReload = s.reload(u, true);
      assertFalse(dryReload.changed());
      assertFalse(dryReload.warnings().isEmpty());

      dry(s, u, s.disable(u, true));
      Result disabled = s.disable(u);
      assertTrue(disabled.changed());
      assertEquals(UnitFileState.DISABLED, disabled.after().unitFileState());
      assertNoChange(s.disable(u));

      dry(s, u, s.converge(u, true, true, true));
      Result up = s.converge(u, true, true);
      assertTrue(up.changed());
      assertTrue(up.started() && up.enabled());
      assertEquals(ActiveState.ACTIVE, up.after().activeState());
      assertEquals(UnitFileState.ENABLED, up.after().unitFileState());
      assertNoChange(s.converge(u, true, true));
      dry(s, u, s.converge(u, false, false, true));
      Result down = s.converge(u, false, false);
      assertTrue(down.changed());
      assertFalse(down.started() || down.enabled());
      assertNoChange(s.converge(u, false, false));

      List<UnitStatus> both = s.statuses(List.of(u, "ssh"));
      assertEquals(UnitFileState.DISABLED, both.get(0).unitFileState());
      assertEquals("ssh.service", both.get(1).id());
      assertEquals(ActiveState.ACTIVE, both.get(1).activeState());
    }
  }

  /**
   * Ansible #28247 (and the Python library): {@code is-enabled} exits 0 for a static unit and
   * {@code systemctl disable} leaves it static, so a disable read from the exit code is reported
   * changed on every run. Ours reads {@code static} and reports no change, with a warning.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void disablingAStaticUnitIsNoChange(Host host) {
    try (Lab lab = new Lab(host)) {
      Service s = lab.service;
      String u = lab.unit("[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/bin/true\n");
      UnitStatus st = s.status(u);
      assertEquals(UnitFileState.STATIC, st.unitFileState());
      assertTrue(st.enabled(), "is-enabled exits 0 for static: the library's meaning");
      for (int run = 0; run < 2; run++) {
        Result r = s.disable(u);
        assertNoChange(r);
        assertEquals(UnitFileState.STATIC, r.after().unitFileState());
        assertTrue(r.warnings().get(0).contains("static"), r.warnings().toString());
        assertNoChange(s.enable(u));
      }
      Result first = s.converge(u, true, false);
      assertTrue(first.changed());
      assertEquals(ActiveState.ACTIVE, first.after().activeState());
      assertNoChange(s.converge(u, true, false));
    }
  }

  /**
   * Masking (Ansible #42384, #81649: re-masking failed, enabling a masked unit failed). The unit
   * file is a vendor one under {@code /lib/systemd/system}: systemd refuses to mask a unit whose
   * file is in {@code /etc/systemd/system}, and says so.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void aMaskedUnit(Host host) {
    try (Lab lab = new Lab(host)) {
      Service s = lab.service;
      String u = lab.unit("/lib/systemd/system", SLEEPER);
      dry(s, u, s.mask(u, true));
      Result masked = s.mask(u);
      assertTrue(masked.changed());
      assertEquals(UnitFileState.MASKED, masked.after().unitFileState());
      assertEquals(LoadState.MASKED, masked.after().loadState());
      assertFalse(masked.after().enabled());
      assertNoChange(s.mask(u));
      assertThrows(CalledProcessError.class, () -> s.start(u));
      assertThrows(CalledProcessError.class, () -> s.enable(u));
      assertNoChange(s.disable(u));
      assertNoChange(s.stop(u));
      dry(s, u, s.unmask(u, true));
      Result unmasked = s.unmask(u);
      assertTrue(unmasked.changed());
      assertEquals(UnitFileState.DISABLED, unmasked.after().unitFileState());
      assertEquals(LoadState.LOADED, unmasked.after().loadState());
      assertNoChange(s.unmask(u));

      String inEtc = lab.unit(SLEEPER);
      CalledProcessError e = assertThrows(CalledProcessError.class, () -> s.mask(inEtc));
      assertTrue(e.stderr().contains("already exists"), e.stderr());
    }
  }

  /** A missing unit is NOT_FOUND, typed; the library saw a stopped and disabled unit. */
  @ParameterizedTest
  @MethodSource("hosts")
  void aMissingUnit(Host host) {
    try (Lab lab = new Lab(host)) {
      Service s = lab.service;
      String u = "rmote-test-missing-" + UUID.randomUUID().toString().substring(0, 8);
      UnitStatus st = s.status(u);
      assertEquals(u, st.name());
      assertEquals(u + ".service", st.id());
      assertEquals(LoadState.NOT_FOUND, st.loadState());
      assertEquals(UnitFileState.NOT_FOUND, st.unitFileState());
      assertFalse(st.started());
      assertFalse(st.enabled());
      assertThrows(FileNotFoundError.class, () -> s.start(u));
      assertThrows(FileNotFoundError.class, () -> s.enable(u));
      assertThrows(FileNotFoundError.class, () -> s.restart(u, true));
      assertThrows(FileNotFoundError.class, () -> s.converge(u, true, true));
      assertThrows(FileNotFoundError.class, () -> s.waitActive(u));
      UnitNotFoundException typed = assertThrows(UnitNotFoundException.class, () -> s.start(u));
      assertEquals(u + ".service", typed.unit());
      assertEquals(u + ".service", typed.filename());
      assertEquals(2, typed.errno());
      assertEquals(
          u + ".service",
          assertThrows(UnitNotFoundException.class, () -> s.waitActive(u, 1, 0)).unit());
      assertEquals(
          u + ".service",
          assertThrows(
                  UnitNotFoundException.class,
                  () -> lab.remote.call(BuiltinTools.SERVICE, "start", Codecs.ANY, u))
              .unit(),
          "the dynamic API maps it too");
      assertNoChange(s.stop(u));
      assertNoChange(s.disable(u));
      assertNoChange(s.converge(u, false, false));
      assertEquals(
          List.of(UnitFileState.NOT_FOUND, UnitFileState.ENABLED),
          s.statuses(List.of(u, "ssh.service")).stream().map(UnitStatus::unitFileState).toList());
    }
  }

  /**
   * systemd #5478, #14757: a unit file edited on disk is not used until daemon-reload. The next
   * mutating call reloads first, and says so; with {@code daemonReload} false it only warns.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void aUnitFileEditedOnDiskIsReloadedFirst(Host host) {
    try (Lab lab = new Lab(host)) {
      Service s = lab.service;
      String u = lab.unit(SLEEPER);
      assertTrue(s.start(u).changed());
      assertFalse(s.status(u).needDaemonReload());
      lab.fs.lineInFile("/etc/systemd/system/" + u, "ExecReload=/bin/echo edited", "^ExecReload=");
      assertTrue(s.status(u).needDaemonReload());

      // The dry run answers as the real call will: reloaded, so changed; and reloads nothing.
      Result dryRun = s.start(u, true);
      assertTrue(dryRun.daemonReloaded());
      assertTrue(dryRun.changed());
      assertFalse(dryRun.after().needDaemonReload());
      assertTrue(dryRun.warnings().get(0).contains("daemon-reload"), dryRun.warnings().toString());
      assertTrue(s.status(u).needDaemonReload());
      Result without = s.start(u, false, false);
      assertNoChange(without);
      assertFalse(without.daemonReloaded());
      assertTrue(s.status(u).needDaemonReload());

      Result reloaded = s.start(u);
      assertTrue(reloaded.daemonReloaded());
      assertTrue(reloaded.changed(), "the manager now has the new file");
      assertTrue(reloaded.before().needDaemonReload());
      assertFalse(reloaded.after().needDaemonReload());
      Result second = s.start(u);
      assertNoChange(second);
      assertFalse(second.daemonReloaded());
    }
  }

  /**
   * Calls in flight on one connection run in parallel threads on the remote; the unit's lock makes
   * two converges of one unit run one after the other, so exactly one sees a difference (without it
   * both read "stopped" and both report the start).
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void twoConvergesInFlightOnOneUnitChangeItOnce(Host host) {
    try (Lab lab = new Lab(host)) {
      String u = lab.unit(SLEEPER);
      ServiceAsync async = lab.remote.tool(ServiceAsync.class);
      List<CompletableFuture<Result>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) calls.add(async.converge(u, true, true));
      long changed = calls.stream().map(CompletableFuture::join).filter(Result::changed).count();
      assertEquals(1, changed);
      UnitStatus after = lab.service.status(u);
      assertEquals(ActiveState.ACTIVE, after.activeState());
      assertEquals(UnitFileState.ENABLED, after.unitFileState());
    }
  }

  /** Code written for the Python library calls ours by the same names and keywords. */
  @ParameterizedTest
  @MethodSource("hosts")
  void answersThePythonLibrarysCallsByName(Host host) {
    try (Lab lab = new Lab(host)) {
      String u = lab.unit(SLEEPER);
      for (boolean on : new boolean[] {true, false}) {
        for (int run = 0; run < 2; run++) {
          PyRecord r =
              (PyRecord)
                  lab.remote.call(
                      Call.of(BuiltinTools.SERVICE, "converge", Codecs.ANY)
                          .args(u)
                          .kwarg("started", on)
                          .kwarg("enabled", on));
          assertEquals("Result", r.type());
          assertEquals(u, r.get("name"));
          assertEquals(on, r.get("started"));
          assertEquals(on, r.get("enabled"));
          assertEquals(run == 0, r.get("changed"));
        }
      }
      PyRecord status =
          (PyRecord) lab.remote.call(Call.of(BuiltinTools.SERVICE, "status", Codecs.ANY).args(u));
      assertEquals(false, status.get("started"));
      assertEquals(false, status.get("enabled"));
    }
  }

  /**
   * The tool loads and runs on every interpreter the tests have, 3.6 on: {@code status} answers
   * typed wherever a systemd runs, and offline (this machine's container, the Debian roots through
   * chroot) from the unit files ({@code systemctl is-enabled}); where there is no systemctl either
   * it is refused with {@code RuntimeError}. Starting is refused offline: systemd 257 and later, in
   * a chroot, print "Running in chroot, ignoring command" and exit 0, so a start would look done.
   */
  @ParameterizedTest
  @MethodSource("io.rmote.testing.Pythons#all")
  void loadsOnEveryInterpreter(Python python) {
    try (Remote remote = python.connect()) {
      Service s = remote.tool(Service.class);
      try {
        UnitStatus st = s.status("rmote-test-missing.service");
        assertEquals(LoadState.NOT_FOUND, st.loadState());
        assertEquals(UnitFileState.NOT_FOUND, st.unitFileState());
      } catch (RuntimeError e) {
        // systemd 257 and later in a chroot ignore the command and exit 0: refused up front.
        assertTrue(e.getMessage().contains("systemd is not running here"), e.getMessage());
        assertThrows(RuntimeError.class, () -> s.start("ssh.service", true));
      }
    }
  }

  /** A throwaway folder on the host, removed on close. */
  private static String folder(Lab lab) {
    String dir = "/opt/rmote-hostuser-" + UUID.randomUUID().toString().substring(0, 8);
    lab.fs.mkdir(dir);
    lab.folders.add(dir);
    return dir;
  }

  private static void assertUnitFilesOnly(Runnable call) {
    RuntimeError e = assertThrows(RuntimeError.class, call::run);
    assertTrue(e.pythonType().endsWith("UnitFilesOnly"), e.pythonType());
  }

  /**
   * Enable, disable, mask and unmask on unit files with no manager to ask, each a dry run that
   * changes nothing, a change, and no change the second time; start and its kin refused.
   */
  private static void unitFilesOnly(Service s, String u, Scope scope, String wantsLink, Exec exec) {
    UnitStatus fresh = s.status(u, scope);
    assertEquals(UnitFileState.DISABLED, fresh.unitFileState(), fresh.toString());
    assertEquals(ActiveState.UNKNOWN, fresh.activeState());
    assertFalse(fresh.started());
    Result dryRun = s.enable(u, true, scope);
    assertTrue(dryRun.changed());
    assertEquals(UnitFileState.ENABLED, dryRun.after().unitFileState());
    assertEquals(UnitFileState.DISABLED, s.status(u, scope).unitFileState(), "a dry run enabled");
    Result enabled = s.enable(u, false, scope);
    assertTrue(enabled.changed(), enabled.toString());
    assertEquals(UnitFileState.ENABLED, enabled.after().unitFileState());
    assertEquals(
        "link",
        exec.run(Exec.Command.ofShell("test -L " + wantsLink + " && echo link").withCheck(false))
            .stdoutText()
            .trim());
    assertFalse(s.enable(u, false, scope).changed());
    assertTrue(s.disable(u, true, scope).changed());
    assertEquals(UnitFileState.ENABLED, s.status(u, scope).unitFileState(), "a dry run disabled");
    assertTrue(s.disable(u, false, scope).changed());
    assertFalse(s.disable(u, false, scope).changed());
    assertTrue(s.mask(u, true, scope).changed());
    assertEquals(UnitFileState.DISABLED, s.status(u, scope).unitFileState(), "a dry run masked");
    Result masked = s.mask(u, false, scope);
    assertTrue(masked.changed());
    assertEquals(UnitFileState.MASKED, masked.after().unitFileState());
    assertEquals(LoadState.MASKED, masked.after().loadState());
    assertFalse(s.mask(u, false, scope).changed());
    assertTrue(s.unmask(u, true, scope).changed());
    assertEquals(UnitFileState.MASKED, s.status(u, scope).unitFileState(), "a dry run unmasked");
    assertEquals(UnitFileState.DISABLED, s.unmask(u, false, scope).after().unitFileState());
    assertFalse(s.unmask(u, false, scope).changed());
    String missing = "rmote-hostuser-missing-" + UUID.randomUUID().toString().substring(0, 8);
    assertEquals(UnitFileState.NOT_FOUND, s.status(missing, scope).unitFileState());
    assertEquals(LoadState.NOT_FOUND, s.status(missing, scope).loadState());
    assertThrows(FileNotFoundError.class, () -> s.enable(missing, false, scope));

    assertUnitFilesOnly(() -> s.start(u, true, scope, false));
    assertUnitFilesOnly(() -> s.start(u, false, scope, false));
    assertUnitFilesOnly(() -> s.stop(u, false, scope, false));
    assertUnitFilesOnly(() -> s.restart(u, false, scope, false));
    assertUnitFilesOnly(() -> s.reload(u, true, scope, false));
    assertUnitFilesOnly(() -> s.converge(u, true, true, false, scope));
    assertUnitFilesOnly(() -> s.waitActive(u, 1, 0, scope));
    s.daemonReload(false, scope); // nothing to reload: no error
  }

  /**
   * {@code systemctl --root=DIR} on a throwaway tree on the host: the unit's files change there,
   * and the host's own systemd never hears of the unit.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void unitFilesOfATreeGivenAsRoot(Host host) {
    try (Lab lab = new Lab(host)) {
      Service s = lab.service;
      String dir = folder(lab);
      String u = "rmote-hostuser-" + UUID.randomUUID().toString().substring(0, 8) + ".service";
      lab.fs.mkdir(dir + "/etc/systemd/system");
      lab.fs.mkdir(dir + "/usr/lib/systemd/system");
      lab.fs.writeStr(dir + "/usr/lib/systemd/system/" + u, SLEEPER);
      Scope tree = Scope.SYSTEM.withRoot(dir);
      unitFilesOnly(s, u, tree, dir + "/etc/systemd/system/multi-user.target.wants/" + u, lab.exec);
      assertEquals(LoadState.NOT_FOUND, s.status(u).loadState(), "the host's systemd saw it");
      assertThrows(
          FileNotFoundError.class, () -> s.status(u, Scope.SYSTEM.withRoot(dir + "/missing")));
      assertThrows(IllegalArgumentException.class, () -> Scope.connectingUser().withRoot(dir));
    }
  }

  /**
   * Offline on a booted host: {@code SYSTEMD_OFFLINE=1} in the remote's environment, as in an image
   * build. systemctl works on /etc's unit files itself; the tool reads the unit file state and
   * refuses to start, where systemctl would print "Running in chroot, ignoring command" and exit 0.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void offlineBySystemdOfflineWorksOnUnitFilesOnly(Host host) {
    try (Lab lab = new Lab(host);
        Remote offline =
            Remote.builder()
                .ssh(TestHosts.ssh(host, "root", tmp.resolve("known")).build())
                .environment("SYSTEMD_OFFLINE", "1")
                .connect()) {
      // Under /usr/lib: systemd refuses to mask a unit whose file is in /etc/systemd/system.
      String u = "rmote-hostuser-" + UUID.randomUUID().toString().substring(0, 8) + ".service";
      lab.fs.writeStr("/usr/lib/systemd/system/" + u, SLEEPER);
      lab.files.add("/usr/lib/systemd/system/" + u);
      lab.units.add(u);
      lab.service.daemonReload();
      Service s = offline.tool(Service.class);
      unitFilesOnly(
          s, u, Scope.SYSTEM, "/etc/systemd/system/multi-user.target.wants/" + u, lab.exec);
      RuntimeError e = assertThrows(RuntimeError.class, () -> s.start(u));
      assertTrue(e.getMessage().contains("SYSTEMD_OFFLINE=1"), e.getMessage());
      assertEquals(ActiveState.INACTIVE, lab.service.status(u).activeState());
    }
  }

  /**
   * {@code --global}: a user unit of /usr/lib/systemd/user enabled for every user, each verb once
   * and the second time no change; the runtime verbs refused.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void globalScopeEnablesUserUnitsForEveryone(Host host) {
    try (Lab lab = new Lab(host)) {
      String u = "rmote-hostuser-" + UUID.randomUUID().toString().substring(0, 8) + ".service";
      String file = "/usr/lib/systemd/user/" + u;
      lab.fs.mkdir("/usr/lib/systemd/user");
      lab.files.add("/etc/systemd/user/" + u); // the mask's link, should the test stop midway
      lab.fs.writeStr(
          file,
          "[Unit]\nDescription=rmote global\n[Service]\nExecStart=/bin/sleep infinity\n"
              + "[Install]\nWantedBy=default.target\n");
      lab.files.add(file);
      lab.files.add("/etc/systemd/user/default.target.wants/" + u);
      unitFilesOnly(
          lab.service, u, Scope.global(), "/etc/systemd/user/default.target.wants/" + u, lab.exec);
      assertEquals(LoadState.NOT_FOUND, lab.service.status(u).loadState(), "not a system unit");
    }
  }

  /**
   * A real chroot: an overlay on each Debian root (the root itself, the lower layer, stays as it
   * is), entered with {@code chroot DIR python3} on this machine, where no systemd runs. Skipped
   * where overlay mounts are not allowed.
   */
  @ParameterizedTest
  @MethodSource("io.rmote.testing.Pythons#chroots")
  void unitFilesInAChrootOfAnOverlayOnADebianRoot(Python root) throws Exception {
    Path dir =
        Path.of("target", "rmote-hostuser-" + UUID.randomUUID().toString().substring(0, 8))
            .toAbsolutePath();
    Path merged = dir.resolve("m");
    for (String d : List.of("u", "w", "m")) java.nio.file.Files.createDirectories(dir.resolve(d));
    try {
      int rc =
          run(
              "mount",
              "-t",
              "overlay",
              "overlay",
              "-o",
              "lowerdir="
                  + root.root()
                  + ",upperdir="
                  + dir.resolve("u")
                  + ",workdir="
                  + dir.resolve("w"),
              merged.toString());
      org.junit.jupiter.api.Assumptions.assumeTrue(rc == 0, "no overlay mount here");
      try (Remote remote =
          Remote.builder().command("chroot", merged.toString(), "python3").connect()) {
        String u = "rmote-hostuser-" + UUID.randomUUID().toString().substring(0, 8) + ".service";
        FileSystem fs = remote.tool(FileSystem.class);
        fs.writeStr("/usr/lib/systemd/system/" + u, SLEEPER);
        RuntimeError e =
            assertThrows(RuntimeError.class, () -> remote.tool(Service.class).start(u, true));
        assertTrue(e.getMessage().contains("systemd is not running here"), e.getMessage());
        unitFilesOnly(
            remote.tool(Service.class),
            u,
            Scope.SYSTEM,
            "/etc/systemd/system/multi-user.target.wants/" + u,
            remote.tool(Exec.class));
      } finally {
        run("umount", merged.toString());
      }
    } finally {
      run("rm", "-rf", dir.toString());
    }
  }

  private static int run(String... argv) throws Exception {
    return new ProcessBuilder(argv)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor();
  }

  /** Waiting until active: a unit whose process fails gives systemd's reason and its journal. */
  @ParameterizedTest
  @MethodSource("hosts")
  void waitingForAFailingUnitGivesTheReason(Host host) {
    try (Lab lab = new Lab(host)) {
      Service s = lab.service;
      String good = lab.unit(SLEEPER);
      s.start(good);
      UnitStatus active = s.waitActive(good, 30, 0.2);
      assertEquals(ActiveState.ACTIVE, active.activeState());
      assertTrue(active.activeEnterUsec() > 0);

      String bad = lab.unit("[Service]\nExecStart=/bin/false\n");
      s.start(bad); // Type=simple: the start job ends when the process is forked
      // A settle time no stall of a loaded machine outlasts: the failure ends the wait early.
      RuntimeError e = assertThrows(RuntimeError.class, () -> s.waitActive(bad, 30, 10));
      assertTrue(e.getMessage().contains("Result=exit-code"), e.getMessage());
      assertTrue(e.getMessage().contains("status=1"), e.getMessage());
      UnitStatus failed = s.status(bad);
      assertEquals(ActiveState.FAILED, failed.activeState());
      assertEquals("exit-code", failed.result());
      assertEquals(1, failed.execMainCode());
      assertEquals(1, failed.execMainStatus());
    }
  }

  /**
   * {@code no_block}: the job is queued and not waited for; the state after is read once. Waiting
   * with {@code waitActive} gives the unit's failure reason, as a blocking start of a simple
   * service could not (its job ends when the process is forked).
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void noBlockQueuesTheJobAndWaitActiveWaits(Host host) {
    try (Lab lab = new Lab(host)) {
      Service s = lab.service;
      String u = lab.unit(SLEEPER);
      Scope sys = Scope.SYSTEM;

      Result dryRun = s.start(u, true, sys, true);
      assertTrue(dryRun.changed());
      assertEquals(key(dryRun.before()), key(s.status(u)), "a dry run changed the unit");
      Result queued = s.start(u, false, sys, true);
      assertTrue(queued.changed(), queued.toString());
      assertTrue(queued.warnings().get(0).contains("no_block"), queued.warnings().toString());
      assertEquals(ActiveState.ACTIVE, s.waitActive(u, 30, 0.2, sys).activeState());
      assertNoChange(s.start(u, false, sys, true));

      Result stopping = s.stop(u, false, sys, true);
      assertTrue(stopping.changed(), stopping.toString());
      waitInactive(s, u);
      assertNoChange(s.stop(u, false, sys, true));

      String bad = lab.unit("[Service]\nExecStart=/bin/false\n");
      assertTrue(s.start(bad, false, sys, true).changed());
      RuntimeError e = assertThrows(RuntimeError.class, () -> s.waitActive(bad, 30, 10, sys));
      assertTrue(e.getMessage().contains("Result=exit-code"), e.getMessage());
    }
  }

  private static void waitInactive(Service s, String u) {
    // No timing claim: the stop job of a sleep ends in milliseconds; this only waits for it.
    for (int i = 0; i < 300 && s.status(u).activeState() != ActiveState.INACTIVE; i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    assertEquals(ActiveState.INACTIVE, s.status(u).activeState());
  }
}
