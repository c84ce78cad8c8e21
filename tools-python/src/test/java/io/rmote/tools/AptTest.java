package io.rmote.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Call;
import io.rmote.PyRecord;
import io.rmote.Remote;
import io.rmote.python.CalledProcessError;
import io.rmote.python.TimeoutError;
import io.rmote.python.ValueError;
import io.rmote.testing.Pythons.Python;
import io.rmote.testing.TestHosts;
import io.rmote.testing.TestHosts.Host;
import io.rmote.tools.Apt.ConffilePolicy;
import io.rmote.tools.Apt.Options;
import io.rmote.tools.Apt.PackageSpec;
import io.rmote.tools.Apt.PackageStatus;
import io.rmote.tools.Apt.Result;
import io.rmote.tools.Apt.State;
import io.rmote.wire.Codecs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Apt tool against real dpkg and apt: the Debian hosts of {@code .ci/hosts.sh up} (apt 2.2 to
 * 3.3), over SSH as root, with the signed repository of small {@code rmote-apt-*} packages that
 * {@link AptLab} builds. Each test starts by purging them and ends the same way. Skipped without
 * the hosts.
 */
class AptTest {
  @TempDir static Path tmp;

  static List<Host> hosts() {
    return TestHosts.hosts();
  }

  private static void assertNoChange(Result r) {
    assertFalse(r.changed(), r.toString());
    assertEquals(r.before(), r.after(), r.toString());
  }

  /** A dry run answers as the real call will, and changes nothing. */
  private static void assertDry(Apt apt, Result dry, String expectedVersion) {
    assertTrue(dry.changed(), dry.toString());
    assertEquals(expectedVersion, dry.version(), dry.toString());
    assertEquals(dry.before(), apt.status(dry.name()).get(0), "a dry run changed the package");
  }

  @ParameterizedTest
  @MethodSource("hosts")
  void presentLatestPinnedAndAbsentEachChangeOnce(Host host) {
    try (AptLab lab = new AptLab(host, tmp)) {
      lab.addSource();
      Apt apt = lab.apt;
      PackageStatus none = apt.status("rmote-apt-a").get(0);
      assertFalse(none.installed());
      assertEquals("not-installed", none.status());

      assertDry(apt, apt.ensure(PackageSpec.present("rmote-apt-a"), true), "1.0");
      Result a = apt.ensure("rmote-apt-a");
      assertTrue(a.changed());
      assertEquals("1.0", a.version());
      assertEquals("installed", a.after().status());
      assertEquals("", a.before().version());
      assertNoChange(apt.ensure("rmote-apt-a"));

      // name=version: the library ignored the pin once any version was installed.
      Result pinned = apt.ensure("rmote-apt-up=1.0");
      assertTrue(pinned.changed());
      assertEquals("1.0", pinned.version());
      assertNoChange(apt.ensure("rmote-apt-up=1.0"));
      assertDry(apt, apt.ensure(PackageSpec.latest("rmote-apt-up"), true), "1.1");
      Result latest = apt.ensure("rmote-apt-up", State.LATEST);
      assertTrue(latest.changed());
      assertEquals("1.0", latest.before().version());
      assertEquals("1.1", latest.version());
      assertNoChange(apt.ensure("rmote-apt-up", State.LATEST));
      assertNoChange(apt.ensure("rmote-apt-up"));
      assertDry(apt, apt.ensure(PackageSpec.present("rmote-apt-up=1.0"), true), "1.0");
      Result down = apt.ensure("rmote-apt-up=1.0");
      assertTrue(down.changed(), "a downgrade to the pinned version");
      assertEquals("1.0", down.version());
      assertNoChange(apt.ensure("rmote-apt-up=1.0"));

      assertDry(apt, apt.ensure(PackageSpec.absent("rmote-apt-a"), true), "");
      Result gone = apt.ensure("rmote-apt-a", State.ABSENT);
      assertTrue(gone.changed());
      assertEquals("", gone.version());
      assertEquals("not-installed", gone.after().status(), "purged");
      assertNoChange(apt.ensure("rmote-apt-a", State.ABSENT));

      CalledProcessError e =
          assertThrows(CalledProcessError.class, () -> apt.ensure("rmote-apt-missing"));
      assertTrue(e.output().contains("Unable to locate package"), e.output());
      assertThrows(ValueError.class, () -> apt.ensure("-oops"));
    }
  }

  /**
   * The library's converge ran apt-get once per package, from a snapshot it never refreshed. Ours
   * reads the status once and runs apt-get once for all: one new entry in apt's history log. A
   * package pulled in as a dependency (c, by b) is then already installed.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void convergeRunsAptGetOnceForAll(Host host) {
    try (AptLab lab = new AptLab(host, tmp)) {
      lab.addSource();
      Apt apt = lab.apt;
      String count = "grep -c '^Commandline:' /var/log/apt/history.log || true";
      int runs = Integer.parseInt(lab.sh(count).strip());
      PackageSpec[] all = {
        PackageSpec.present("rmote-apt-a"),
        PackageSpec.present("rmote-apt-b"),
        PackageSpec.present("rmote-apt-c"),
        PackageSpec.present("rmote-apt-up=1.0")
      };
      List<Result> dry = apt.apply(List.of(all), Options.DEFAULTS.withDryRun(true));
      assertEquals(List.of("1.0", "1.0", "1.0", "1.0"), dry.stream().map(Result::version).toList());
      assertTrue(dry.stream().allMatch(Result::changed), dry.toString());
      assertFalse(apt.status("rmote-apt-a").get(0).installed(), "a dry run installed");

      List<Result> first = apt.converge(all);
      assertEquals(
          dry.stream().map(Result::after).toList(), first.stream().map(Result::after).toList());
      assertTrue(first.stream().allMatch(Result::changed), first.toString());
      assertEquals(runs + 1, Integer.parseInt(lab.sh(count).strip()), "one apt-get run");
      List<Result> second =
          apt.converge("rmote-apt-a", "rmote-apt-b", "rmote-apt-c", "rmote-apt-up=1.0");
      second.forEach(AptTest::assertNoChange);
      assertEquals(runs + 1, Integer.parseInt(lab.sh(count).strip()), "nothing to do: no run");

      List<Result> mixed =
          apt.converge(
              PackageSpec.absent("rmote-apt-a"),
              PackageSpec.present("rmote-apt-d"),
              PackageSpec.latest("rmote-apt-up"));
      assertEquals(List.of(true, true, true), mixed.stream().map(Result::changed).toList());
      assertEquals(List.of("", "1.0", "1.1"), mixed.stream().map(Result::version).toList());
      assertEquals(runs + 2, Integer.parseInt(lab.sh(count).strip()));
      assertThrows(
          ValueError.class,
          () ->
              apt.converge(PackageSpec.absent("rmote-apt-a"), PackageSpec.present("rmote-apt-a")));
    }
  }

  /**
   * juju/charm-helpers #559 (and the Python library): a held package's status is {@code hold ok
   * installed}, which an exact {@code install ok installed} test reads as absent, so it was
   * "installed" on every run. Ours counts it installed, reports it held, and never changes it.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void aHeldPackageIsInstalledAndKept(Host host) {
    try (AptLab lab = new AptLab(host, tmp)) {
      lab.addSource();
      Apt apt = lab.apt;
      assertTrue(apt.ensure("rmote-apt-held=1.0").changed());
      lab.sh("apt-mark hold rmote-apt-held");
      PackageStatus held = apt.status("rmote-apt-held").get(0);
      assertTrue(held.installed());
      assertTrue(held.held());
      assertEquals("1.0", held.version());
      for (int run = 0; run < 2; run++) {
        assertNoChange(apt.ensure("rmote-apt-held"));
        Result latest = apt.ensure("rmote-apt-held", State.LATEST);
        assertNoChange(latest);
        Result pinned = apt.ensure("rmote-apt-held=1.1");
        assertNoChange(pinned);
        assertTrue(pinned.warnings().get(0).contains("held"), pinned.warnings().toString());
        Result absent = apt.ensure("rmote-apt-held", State.ABSENT);
        assertNoChange(absent);
        assertTrue(absent.warnings().get(0).contains("held"), absent.warnings().toString());
      }
      lab.sh("apt-mark unhold rmote-apt-held");
      assertTrue(apt.ensure("rmote-apt-held", State.LATEST).changed());
    }
  }

  /**
   * canonical/operator-libs-linux #64, projectcalico/calico #12136: a conffile changed locally and
   * in the package makes dpkg ask, and with no terminal fail ("end of file on stdin at conffile
   * prompt"). Ours answers with the policy: the local file kept by default, or the package's.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void aChangedConffileFollowsThePolicy(Host host) {
    try (AptLab lab = new AptLab(host, tmp)) {
      lab.addSource();
      Apt apt = lab.apt;
      assertTrue(apt.ensure("rmote-apt-conf=1.0").changed());
      assertEquals("conffile 1.0\n", lab.fs.readStr(AptLab.CONFFILE));
      lab.fs.writeStr(AptLab.CONFFILE, "edited here\n");
      Result kept = apt.ensure("rmote-apt-conf=1.1");
      assertTrue(kept.changed());
      assertEquals("1.1", kept.version());
      assertEquals("edited here\n", lab.fs.readStr(AptLab.CONFFILE));
      assertEquals("conffile 1.1\n", lab.fs.readStr(AptLab.CONFFILE + ".dpkg-dist"));

      List<Result> taken =
          apt.apply(
              List.of(PackageSpec.present("rmote-apt-conf=1.0")),
              Options.DEFAULTS.withConffiles(ConffilePolicy.TAKE_NEW));
      assertTrue(taken.get(0).changed());
      assertEquals("conffile 1.0\n", lab.fs.readStr(AptLab.CONFFILE));
      assertEquals("edited here\n", lab.fs.readStr(AptLab.CONFFILE + ".dpkg-old"));
    }
  }

  /**
   * Ansible #25414, #51663, #78658 and pyinfra #655: the dpkg frontend lock held by another process
   * (unattended-upgrades at boot) made apt fail at once. Ours waits for it, and when it stays held
   * fails with a TimeoutError naming the process that holds it.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void waitsForTheDpkgLockThenNamesItsHolder(Host host) {
    try (AptLab lab = new AptLab(host, tmp)) {
      lab.addSource();
      Apt apt = lab.apt;
      String hold =
          "rm -f /run/rmote-apt-locked; nohup python3 -c \"import fcntl,time;"
              + " f=open('/var/lib/dpkg/lock-frontend','w'); fcntl.lockf(f, fcntl.LOCK_EX);"
              + " open('/run/rmote-apt-locked','w').close(); time.sleep(%d)\" >/dev/null 2>&1 &"
              + " echo $! > /run/rmote-apt-locker.pid;"
              + " while [ ! -e /run/rmote-apt-locked ]; do sleep 0.1; done";
      lab.sh(String.format(hold, 4));
      Result waited =
          apt.apply(
                  List.of(PackageSpec.present("rmote-apt-a")), Options.DEFAULTS.withLockTimeout(60))
              .get(0);
      assertTrue(waited.changed(), "installed once the lock was free");

      lab.sh(String.format(hold, 60));
      try {
        TimeoutError e =
            assertThrows(
                TimeoutError.class,
                () ->
                    apt.apply(
                        List.of(PackageSpec.absent("rmote-apt-a")),
                        Options.DEFAULTS.withLockTimeout(2)));
        assertTrue(e.getMessage().contains("/var/lib/dpkg/lock-frontend"), e.getMessage());
        assertTrue(e.getMessage().contains("python3"), e.getMessage());
        assertTrue(e.pythonType().endsWith(".LockTimeout"), e.pythonType());
        long pid = ((Number) e.attributes().get("pid")).longValue();
        assertTrue(pid > 0, e.attributes().toString());
        AptLockTimeoutException typed = assertInstanceOf(AptLockTimeoutException.class, e);
        assertEquals("/var/lib/dpkg/lock-frontend", typed.lock());
        assertEquals(pid, typed.pid());
        assertEquals(2.0, typed.timeout());
        assertTrue(typed.holder().contains("python3"), typed.holder());
        assertTrue(apt.status("rmote-apt-a").get(0).installed(), "nothing was removed");
      } finally {
        lab.sh("kill $(cat /run/rmote-apt-locker.pid) || true; rm -f /run/rmote-apt-lock*");
      }
    }
  }

  /**
   * Ansible #27798, prometheus-community #183/#194: the age of the package lists counts anyone's
   * update, not only ours; the library counted its own stamp only.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void updateTtlCountsAnyonesUpdate(Host host) {
    try (AptLab lab = new AptLab(host, tmp)) {
      Apt apt = lab.apt;
      String old =
          "mkdir -p /var/lib/apt/periodic; touch -d '3 hours ago'"
              + " /var/lib/apt/periodic/rmote-update-success-stamp /var/lib/apt/lists/.rmote-update"
              + " /var/lib/apt/lists /var/lib/apt/lists/partial;"
              + " rm -f /var/lib/apt/periodic/update-success-stamp";
      lab.sh(old);
      assertTrue(apt.update(3600, true, 60), "a dry run says it would run");
      assertTrue(apt.update(3600), "lists three hours old");
      assertFalse(apt.update(3600), "fresh now");
      assertTrue(apt.update(-1), "always");
      lab.sh(old);
      lab.sh("apt-get -q update");
      assertFalse(apt.update(3600), "an update by someone else counts");
      assertTrue(lab.fs.exists("/var/lib/apt/periodic/rmote-update-success-stamp"));
      // Why our stamp is not the library's: apt-get update deletes the files in lists/ it does not
      // know, so the library's stamp vanished at anyone's update and its TTL never held.
      assertFalse(lab.fs.exists("/var/lib/apt/lists/.rmote-update"));
    }
  }

  /**
   * Calls in flight on one connection run in parallel threads on the remote; the package-manager
   * lock makes four installs of one package run one after the other, so exactly one sees a
   * difference (without it they would race for the dpkg lock, and all read "absent").
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void fourCallsInFlightChangeThePackageOnce(Host host) {
    try (AptLab lab = new AptLab(host, tmp)) {
      lab.addSource();
      AptAsync async = lab.remote.tool(AptAsync.class);
      List<CompletableFuture<Result>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) calls.add(async.ensure("rmote-apt-d"));
      long changed = calls.stream().map(CompletableFuture::join).filter(Result::changed).count();
      assertEquals(1, changed);
      assertTrue(lab.apt.status("rmote-apt-d").get(0).installed());
    }
  }

  /**
   * pyinfra #1334 (hold support requested) and juju/charm-helpers #559: hold and unhold as methods,
   * many packages in one call, changed only when the selection differs, the dry run changing
   * nothing; the result says held before and after.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void holdAndUnholdChangeTheSelectionOnce(Host host) {
    try (AptLab lab = new AptLab(host, tmp)) {
      lab.addSource();
      Apt apt = lab.apt;
      apt.converge("rmote-apt-held=1.0", "rmote-apt-a");
      List<Result> dry = apt.hold(true, "rmote-apt-held");
      assertTrue(dry.get(0).changed(), dry.toString());
      assertFalse(dry.get(0).before().held());
      assertTrue(dry.get(0).after().held());
      assertFalse(apt.status("rmote-apt-held").get(0).held(), "a dry run held the package");

      List<Result> held = apt.hold("rmote-apt-held");
      assertEquals(dry, held, "the dry run predicted the real call");
      assertEquals("hold", lab.sh("dpkg-query -W -f='${Status}' rmote-apt-held").split(" ")[0]);
      List<Result> again = apt.hold("rmote-apt-held", "rmote-apt-a");
      assertEquals(List.of(false, true), again.stream().map(Result::changed).toList());
      assertTrue(again.stream().allMatch(r -> r.after().held()), again.toString());
      assertFalse(apt.hold("rmote-apt-held", "rmote-apt-a").stream().anyMatch(Result::changed));
      assertNoChange(apt.ensure("rmote-apt-held", State.LATEST)); // held: kept at 1.0

      List<Result> dryUnhold = apt.unhold(true, "rmote-apt-held", "rmote-apt-a");
      assertTrue(dryUnhold.stream().allMatch(Result::changed), dryUnhold.toString());
      assertTrue(apt.status("rmote-apt-held").get(0).held(), "a dry run unheld the package");
      List<Result> unheld = apt.unhold("rmote-apt-held", "rmote-apt-a");
      assertEquals(dryUnhold, unheld);
      assertFalse(unheld.get(0).after().held());
      assertTrue(unheld.get(0).after().installed());
      assertFalse(apt.unhold("rmote-apt-held", "rmote-apt-a").stream().anyMatch(Result::changed));
      assertTrue(apt.ensure("rmote-apt-held", State.LATEST).changed(), "no longer held");

      Result unknown = apt.hold("rmote-apt-missing").get(0);
      assertNoChange(unknown);
      assertTrue(
          unknown.warnings().get(0).contains("not in the dpkg database"), unknown.toString());
    }
  }

  /**
   * Ansible's {@code policy_rc_d}: a package whose postinst starts the unit it ships (through
   * {@code deb-systemd-invoke}, as dh_installsystemd writes it) leaves it inactive while the option
   * is given, and the administrator's policy-rc.d is back afterwards, byte for byte; without the
   * option the unit starts.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void policyRcDKeepsServicesFromStarting(Host host) {
    try (AptLab lab = new AptLab(host, tmp)) {
      lab.addSource();
      Apt apt = lab.apt;
      String admin = "#!/bin/sh\n" + AptLab.ADMIN_POLICY_MARK + "\nexit 0\n";
      lab.fs.writeStr(AptLab.POLICY_RC_D, admin);
      lab.sh("chmod 0750 " + AptLab.POLICY_RC_D);
      String active = "systemctl is-active " + AptLab.SERVICE + " || true";
      Options quiet = Options.DEFAULTS.withPolicyRcD(Options.NO_SERVICE_CHANGES);
      String file = AptLab.LOCAL + "/rmote-pkgs-svc_1.0_all.deb";
      List<PackageSpec> svc = List.of(PackageSpec.present(file));

      List<Result> dry = apt.apply(svc, quiet.withDryRun(true));
      assertDry(apt, dry.get(0), "1.0");
      Result first = apt.apply(svc, quiet).get(0);
      assertTrue(first.changed(), first.toString());
      assertEquals("inactive", lab.sh(active).strip(), "the postinst did not start the unit");
      assertEquals("enabled", lab.sh("systemctl is-enabled " + AptLab.SERVICE).strip());
      assertEquals(admin, lab.fs.readStr(AptLab.POLICY_RC_D), "the admin's policy-rc.d is back");
      assertEquals("750", lab.sh("stat -c %a " + AptLab.POLICY_RC_D).strip());
      assertFalse(lab.fs.exists(AptLab.POLICY_RC_D + ".rmote-saved"));
      assertNoChange(apt.apply(svc, quiet).get(0));

      lab.sh("rm " + AptLab.POLICY_RC_D);
      assertTrue(apt.apply(List.of(PackageSpec.absent(file)), quiet).get(0).changed());
      assertTrue(apt.apply(svc, quiet).get(0).changed());
      assertEquals("inactive", lab.sh(active).strip());
      assertFalse(lab.fs.exists(AptLab.POLICY_RC_D), "none before, none after");
      assertTrue(apt.ensure("rmote-pkgs-svc", State.ABSENT).changed());

      assertTrue(apt.ensure(file).changed());
      assertEquals("active", lab.sh(active).strip(), "without the option the postinst starts it");
    }
  }

  /**
   * {@code install_recommends=False} is {@code --no-install-recommends}: the recommended package
   * stays out; by default apt does as configured (Debian: recommends installed).
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void installRecommendsFalseLeavesRecommendsOut(Host host) {
    try (AptLab lab = new AptLab(host, tmp)) {
      lab.addSource();
      Apt apt = lab.apt;
      List<PackageSpec> rec = List.of(PackageSpec.present("rmote-pkgs-rec"));
      Options without = Options.DEFAULTS.withInstallRecommends(false);
      assertDry(apt, apt.apply(rec, without.withDryRun(true)).get(0), "1.0");
      assertTrue(apt.apply(rec, without).get(0).changed());
      assertFalse(apt.status("rmote-pkgs-recd").get(0).installed(), "the recommended one");
      assertNoChange(apt.apply(rec, without).get(0));
      assertTrue(apt.ensure("rmote-pkgs-rec", State.ABSENT).changed());

      assertTrue(apt.ensure("rmote-pkgs-rec").changed());
      assertTrue(apt.status("rmote-pkgs-recd").get(0).installed(), "apt's default: installed");
      assertNoChange(apt.ensure("rmote-pkgs-rec"));
    }
  }

  /**
   * autoremove: a dependency left behind by the removal of what needed it goes, the dry run listing
   * it and changing nothing; the second run has nothing of ours to remove.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void autoremoveRemovesWhatNothingNeeds(Host host) {
    try (AptLab lab = new AptLab(host, tmp)) {
      lab.addSource();
      Apt apt = lab.apt;
      assertTrue(apt.ensure("rmote-apt-b").changed());
      assertTrue(apt.status("rmote-apt-c").get(0).installed(), "a dependency, installed auto");
      assertTrue(apt.ensure("rmote-apt-b", State.ABSENT).changed());
      assertTrue(apt.status("rmote-apt-c").get(0).installed(), "apt-get remove leaves it");

      List<Result> dry = apt.autoremove(true, false);
      Result dryC = only(dry, "rmote-apt-c");
      assertTrue(dryC.changed(), dry.toString());
      assertEquals("", dryC.version());
      assertTrue(apt.status("rmote-apt-c").get(0).installed(), "a dry run removed it");
      List<Result> removed = apt.autoremove();
      assertEquals(dryC, only(removed, "rmote-apt-c"), "the dry run predicted it");
      assertFalse(apt.status("rmote-apt-c").get(0).installed());
      assertTrue(
          apt.autoremove().stream().noneMatch(r -> r.name().startsWith("rmote-")),
          "nothing of ours the second time");
    }
  }

  private static Result only(List<Result> results, String name) {
    List<Result> found = results.stream().filter(r -> r.name().equals(name)).toList();
    assertEquals(1, found.size(), results.toString());
    return found.get(0);
  }

  /**
   * A local {@code .deb} file is a package: installed when dpkg's version differs from the file's
   * ({@code dpkg-deb -f}), with its dependency resolved from the sources ({@code apt-get install
   * /path.deb}), not again when the same version is installed; another file's version replaces it.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void aLocalDebFileIsInstalledWhenItsVersionDiffers(Host host) {
    try (AptLab lab = new AptLab(host, tmp)) {
      lab.addSource();
      Apt apt = lab.apt;
      String v10 = AptLab.LOCAL + "/rmote-pkgs-local_1.0_all.deb";
      String v11 = AptLab.LOCAL + "/rmote-pkgs-local_1.1_all.deb";
      Result dry = apt.ensure(PackageSpec.present(v10), true);
      assertEquals("rmote-pkgs-local", dry.name());
      assertDry(apt, dry, "1.0");

      Result first = apt.ensure(v10);
      assertTrue(first.changed());
      assertEquals("1.0", first.version());
      assertEquals(dry.after(), first.after());
      assertTrue(apt.status("rmote-apt-c").get(0).installed(), "its dependency, from the source");
      assertNoChange(apt.ensure(v10));
      Result up = apt.ensure(v11);
      assertTrue(up.changed());
      assertEquals("1.1", up.version());
      assertNoChange(apt.ensure(v11));
      assertTrue(apt.ensure(v10).changed(), "the file's version, a downgrade included");
      assertTrue(apt.ensure(v10, State.ABSENT).changed());
      assertNoChange(apt.ensure(v10, State.ABSENT));
      assertThrows(Exception.class, () -> apt.ensure(AptLab.LOCAL + "/missing.deb"));
    }
  }

  /** Code written for the Python library calls ours by the same names and keywords. */
  @ParameterizedTest
  @MethodSource("hosts")
  void answersThePythonLibrarysCallsByName(Host host) {
    try (AptLab lab = new AptLab(host, tmp)) {
      lab.addSource();
      Remote remote = lab.remote;
      for (int run = 0; run < 2; run++) {
        PyRecord r =
            (PyRecord)
                remote.call(
                    Call.of(BuiltinTools.APT, "package", Codecs.ANY)
                        .args("rmote-apt-a")
                        .kwarg("state", Apt.State.PRESENT));
        assertEquals("Result", r.type());
        assertEquals("rmote-apt-a", r.get("name"));
        assertEquals(run == 0, r.get("changed"));
        assertEquals("1.0", r.get("version"));
      }
      List<?> both =
          (List<?>)
              remote.call(
                  Call.of(BuiltinTools.APT, "converge", Codecs.ANY)
                      .args("rmote-apt-a", "rmote-apt-c"));
      assertEquals(2, both.size());
      assertEquals(
          List.of(false, true), both.stream().map(o -> ((PyRecord) o).get("changed")).toList());
      Object ran = remote.call(Call.of(BuiltinTools.APT, "update", Codecs.ANY).kwarg("ttl", 3600));
      assertEquals(false, ran);
    }
  }

  /** The tool loads on every interpreter the tests have, 3.6 on, and reads the dpkg database. */
  @ParameterizedTest
  @MethodSource("io.rmote.testing.Pythons#all")
  void loadsOnEveryInterpreter(Python python) {
    try (Remote remote = python.connect()) {
      PackageStatus st = remote.tool(Apt.class).status("rmote-apt-missing").get(0);
      assertFalse(st.installed());
      assertEquals("not-installed", st.status());
      assertEquals("", st.version());
    }
  }
}
