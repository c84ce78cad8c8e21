package io.rmote.tools;

import io.rmote.annotations.PythonName;
import io.rmote.annotations.RemoteTool;
import java.util.List;
import java.util.Objects;

/**
 * The built-in {@code Apt} tool ({@code tools/apt.py}), typed: {@code remote.tool(Apt.class)}
 * brings Debian packages to a state through {@code apt-get(8)} (root for anything but {@link
 * #status(String...)} and a dry run). The generated {@code AptAsync} has the same methods returning
 * {@code CompletableFuture}.
 *
 * <p>Every converge ({@link #ensure(String)}, {@link #converge(PackageSpec...)}, {@link
 * #apply(List, Options)}):
 *
 * <ul>
 *   <li>reads the dpkg database once: the status file {@code /var/lib/dpkg/status}, then the
 *       journal entries dpkg has not merged into it yet ({@code /var/lib/dpkg/updates/NNNN}), as
 *       dpkg itself reads them (the format of {@code dpkg-query(1)}'s database); never a snapshot
 *       kept between calls;
 *   <li>decides per package from that state what is needed, and runs one {@code apt-get install}
 *       for all of them (removals as {@code name-}, pins as {@code name=version}), or none when
 *       nothing is; then reads the database again: {@link Result#changed()} is whether a package's
 *       installed state, version or dpkg status word differs, never whether a command ran;
 *   <li>in a dry run runs {@code apt-get -s} (simulate, which needs no root and changes nothing)
 *       with the same arguments and predicts {@link Result#after()} from its {@code Inst}, {@code
 *       Conf}, {@code Remv} and {@code Purg} lines: the same {@link Result} the real call gives;
 *   <li>runs without questions: environment merged with {@code DEBIAN_FRONTEND=noninteractive},
 *       {@code DEBIAN_PRIORITY=critical}, {@code NEEDRESTART_SUSPEND=1}, {@code
 *       APT_LISTCHANGES_FRONTEND=none}, {@code LC_ALL=C}; standard input on {@code /dev/null};
 *       {@code -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold}, or {@code
 *       --force-confnew} ({@code apt.conf(5)}, {@link ConffilePolicy}), so a changed conffile never
 *       stops dpkg at a prompt ("end of file on stdin at conffile prompt");
 *   <li>waits for the dpkg locks ({@code /var/lib/dpkg/lock-frontend}, {@code lock}) up to {@link
 *       Options#lockTimeout()} seconds with apt's {@code -o DPkg::Lock::Timeout} (apt 1.9.11 and
 *       later; bullseye has 2.2), and retries once a second for the locks that option does not
 *       cover (the lists lock of a running {@code apt-get update}) and on older apt; then throws
 *       {@link io.rmote.python.TimeoutError} (the tool's {@code LockTimeout}: {@code pythonType()}
 *       ends in {@code .LockTimeout}) whose message names the lock and the process holding it, read
 *       from {@code /proc/locks} (attributes {@code lock}, {@code pid}, {@code holder}, {@code
 *       timeout});
 *   <li>holds the remote's lock {@code "apt"}, so calls in flight on one connection (and {@link
 *       AptRepository}'s writes) run one at a time.
 * </ul>
 *
 * <p>A package is installed when dpkg's status word is {@code installed} (or {@code
 * triggers-awaited}/{@code triggers-pending}) whatever its selection: a held package ({@code hold
 * ok installed}, {@code apt-mark hold}) is installed. A held package is never changed: a newer
 * version, another pinned version or its removal is skipped with a warning in {@link
 * Result#warnings()} (apt-get would refuse: "Held packages were changed and -y was used without
 * --allow-change-held-packages"). A package left in {@code config-files} state counts as absent, as
 * in the Python library.
 *
 * <p>How it differs from the Python library's {@code Apt}, whose class, method and parameter names,
 * defaults and {@code State}, {@code Package}, {@code Result} types it keeps (Python {@code
 * package} is Java {@link #ensure(String)}: {@code package} is a Java keyword):
 *
 * <ul>
 *   <li>the library counts only {@code install ok installed} as installed, so a held package is
 *       "installed" again on every run (juju/charm-helpers #559); ours counts it installed;
 *   <li>the library ignores {@code =version} once any version is installed; ours installs the
 *       pinned version when another is, downgrades included ({@code --allow-downgrades});
 *   <li>the library's {@code converge} runs apt-get once per package, from a status snapshot it
 *       never clears (so later calls see stale state); ours runs apt-get once per call, from a
 *       fresh read;
 *   <li>the library replaces the environment (dropping {@code http_proxy}) and has no conffile
 *       policy and no lock wait;
 *   <li>the library's {@code update} counts only its own stamp and trusts apt-get's exit status;
 *       see {@link #update(double)}.
 * </ul>
 *
 * <p>Extras: {@link #status(String...)}, {@link #apply(List, Options)}, {@link #hold(String...)},
 * {@link #unhold(String...)}, {@link #autoremove()}, {@code name:arch} (multiarch: without an
 * architecture the installed entry of the native one or {@code all} is read), and the keywords
 * {@code dry_run}, {@code lock_timeout}, {@code conffiles}, {@code install_recommends}, {@code
 * purge} and {@code policy_rc_d} on {@code package} and {@code converge} ({@link Options}).
 *
 * <p>A name ending in {@code .deb} is a local package file on the remote: its name and version are
 * read with {@code dpkg-deb -f}, it is installed only when dpkg's installed version differs (a
 * downgrade included), with {@code apt-get install /absolute/path.deb}, so apt resolves its
 * dependencies from the sources; its {@link Result#name()} is the package's name. {@link
 * State#ABSENT} of a file removes the package it names.
 *
 * @see AptRepository
 */
@RemoteTool(source = "tools/apt.py", requiresPython = "3.6")
public interface Apt {

  /** The state a package is brought to: Python {@code State}. */
  enum State {
    /** Installed (at {@link PackageSpec#version()} when one is given); any version otherwise. */
    PRESENT,
    /** Not installed: removed, and purged unless {@link Options#purge()} is false. */
    ABSENT,
    /** Installed at apt's candidate version (upgraded when a newer one is available). */
    LATEST
  }

  /**
   * What dpkg does with a configuration file (a conffile) that was changed locally and also in the
   * new package, where it would otherwise ask ({@code dpkg(1)} {@code --force-conf*}).
   */
  enum ConffilePolicy {
    /**
     * {@code --force-confdef --force-confold}: the local file stays; the package's version is saved
     * beside it as {@code .dpkg-dist}. The default.
     */
    KEEP_LOCAL,
    /**
     * {@code --force-confdef --force-confnew}: the package's version replaces the local file, which
     * is saved as {@code .dpkg-old}.
     */
    TAKE_NEW
  }

  /**
   * A package and the state to bring it to: Python {@code Package} (named so in Java because {@code
   * Package} would hide {@code java.lang.Package}).
   *
   * @param name the package name as apt takes it, {@code name:arch} for one architecture
   * @param state the state to bring it to
   * @param version the exact version to install ({@code apt-get install name=version}), {@code ""}
   *     for any
   */
  @PythonName("Package")
  record PackageSpec(String name, State state, String version) {
    public PackageSpec {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(state, "state");
      version = version == null ? "" : version;
    }

    /** {@code spec} ({@code name} or {@code name=version}) in {@code state}. */
    public static PackageSpec of(String spec, State state) {
      int eq = spec.indexOf('=');
      return eq < 0
          ? new PackageSpec(spec, state, "")
          : new PackageSpec(spec.substring(0, eq), state, spec.substring(eq + 1));
    }

    /** {@code spec} ({@code name} or {@code name=version}), {@link State#PRESENT}. */
    public static PackageSpec present(String spec) {
      return of(spec, State.PRESENT);
    }

    /** {@code name}, {@link State#ABSENT}. */
    public static PackageSpec absent(String name) {
      return of(name, State.ABSENT);
    }

    /** {@code name}, {@link State#LATEST}. */
    public static PackageSpec latest(String name) {
      return of(name, State.LATEST);
    }
  }

  /**
   * One package as the dpkg database has it.
   *
   * @param name the name as asked
   * @param installed whether dpkg's status word is {@code installed}, {@code triggers-awaited} or
   *     {@code triggers-pending}, whatever the selection (a held package is installed)
   * @param version the installed version ({@code 1.1}, {@code 1:2.3-4}), {@code ""} when not
   *     installed
   * @param held whether the package is on hold, its dpkg selection set by {@code apt-mark hold} or
   *     {@code dpkg --set-selections}
   * @param status dpkg's status word: {@code installed}, {@code config-files} (removed, its
   *     configuration left), {@code not-installed} (also for a package dpkg does not know), {@code
   *     unpacked}, {@code half-configured}, {@code half-installed}, …
   * @param architecture the entry's architecture ({@code amd64}, {@code all}), {@code ""} when dpkg
   *     does not know the package
   */
  record PackageStatus(
      String name,
      boolean installed,
      String version,
      boolean held,
      String status,
      String architecture) {}

  /**
   * What a converge did to one package, or in a dry run would do: the same record either way. The
   * first three components are the Python library's {@code Result}.
   *
   * @param name the name as asked (without {@code =version})
   * @param changed whether {@link #after()} differs from {@link #before()} in installed state,
   *     version or status word
   * @param version the version installed after, {@code ""} when not installed: {@code
   *     after().version()}
   * @param before the package as read before the call
   * @param after the package as read after the call; in a dry run, as {@code apt-get -s} predicts
   * @param warnings what was not done, and why ({@code "x is held at 1.0: not changed to 1.1"})
   */
  record Result(
      String name,
      boolean changed,
      String version,
      PackageStatus before,
      PackageStatus after,
      List<String> warnings) {

    public Result {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Every option of a converge: Python {@code Options}.
   *
   * @param dryRun compute the result with {@code apt-get -s}, changing nothing
   * @param lockTimeout seconds to wait for the dpkg and apt locks before {@link
   *     io.rmote.python.TimeoutError}; default 60 (Ansible's {@code lock_timeout})
   * @param conffiles the conffile policy; default {@link ConffilePolicy#KEEP_LOCAL}
   * @param installRecommends false: {@code --no-install-recommends}, so a package's {@code
   *     Recommends} are not installed with it; true (default): nothing is passed, and apt does as
   *     its configuration says ({@code APT::Install-Recommends}, true on Debian)
   * @param purge whether {@link State#ABSENT} purges ({@code --purge}, the default, as the library
   *     does) or only removes, leaving the configuration files
   * @param policyRcD {@code null} (default): nothing; an exit status, {@link #NO_SERVICE_CHANGES}
   *     (101, "action forbidden") to keep services from being started, stopped or restarted by the
   *     packages' maintainer scripts: for the duration of the {@code apt-get} run, {@code
   *     /usr/sbin/policy-rc.d} is a script exiting with it ({@code invoke-rc.d(8)} and {@code
   *     deb-systemd-invoke} ask it first), and afterwards what was there before is put back exactly
   *     (an administrator's script is renamed to {@code policy-rc.d.rmote-saved} meanwhile and
   *     renamed back; none stays none, also after a run that died). Ansible's {@code policy_rc_d}.
   *     Not used by a dry run
   */
  record Options(
      boolean dryRun,
      double lockTimeout,
      ConffilePolicy conffiles,
      boolean installRecommends,
      boolean purge,
      Integer policyRcD) {

    /** The policy-rc.d exit status that forbids every action: services are left as they are. */
    public static final int NO_SERVICE_CHANGES = 101;

    /**
     * The defaults: no dry run, 60 s, keep local conffiles, recommends as configured, purge, no
     * policy-rc.d.
     */
    public static final Options DEFAULTS =
        new Options(false, 60.0, ConffilePolicy.KEEP_LOCAL, true, true, null);

    public Options {
      Objects.requireNonNull(conffiles, "conffiles");
      LockTimeout.check(lockTimeout);
      if (policyRcD != null && (policyRcD < 0 || policyRcD > 255)) {
        throw new IllegalArgumentException("policyRcD " + policyRcD);
      }
    }

    /** A copy with {@link #dryRun()} set. */
    public Options withDryRun(boolean dryRun) {
      return new Options(dryRun, lockTimeout, conffiles, installRecommends, purge, policyRcD);
    }

    /** A copy with {@link #lockTimeout()} set, in seconds. */
    public Options withLockTimeout(double lockTimeout) {
      return new Options(dryRun, lockTimeout, conffiles, installRecommends, purge, policyRcD);
    }

    /** A copy with {@link #conffiles()} set. */
    public Options withConffiles(ConffilePolicy conffiles) {
      return new Options(dryRun, lockTimeout, conffiles, installRecommends, purge, policyRcD);
    }

    /** A copy with {@link #installRecommends()} set. */
    public Options withInstallRecommends(boolean installRecommends) {
      return new Options(dryRun, lockTimeout, conffiles, installRecommends, purge, policyRcD);
    }

    /** A copy with {@link #purge()} set. */
    public Options withPurge(boolean purge) {
      return new Options(dryRun, lockTimeout, conffiles, installRecommends, purge, policyRcD);
    }

    /**
     * A copy with {@link #policyRcD()} set: {@link #NO_SERVICE_CHANGES} keeps services from
     * starting during the transaction; {@code null} writes no policy-rc.d.
     */
    public Options withPolicyRcD(Integer policyRcD) {
      return new Options(dryRun, lockTimeout, conffiles, installRecommends, purge, policyRcD);
    }
  }

  /**
   * Runs {@code apt-get update}, always: Python {@code Apt.update()} ({@code ttl=-1}).
   *
   * @return true (it ran)
   * @throws io.rmote.python.RuntimeError (the tool's {@code UpdateFailed}) if an index could not be
   *     fetched; see {@link #update(double)}
   * @throws io.rmote.python.TimeoutError if the lists lock stayed held for 60 s
   */
  boolean update() throws AptLockTimeoutException, AptUpdateFailedException;

  /**
   * Runs {@code apt-get update --error-on=any} unless the package lists were refreshed less than
   * {@code ttl} seconds ago, by anyone: Python {@code Apt.update(ttl)}. The age is that of the
   * newest of our stamp {@code /var/lib/apt/periodic/rmote-update-success-stamp}, the library's
   * {@code /var/lib/apt/lists/.rmote-update} (which every {@code apt-get update} deletes, as it
   * deletes every file in {@code lists/} it does not know: the library's TTL never held), apt's
   * {@code /var/lib/apt/periodic/update-success-stamp} (where a hook writes it, as Ubuntu's
   * update-notifier does; stock Debian has none) and the mtimes of {@code /var/lib/apt/lists} and
   * its {@code partial/} folder, which every {@code apt-get update} moves; the library counted only
   * its own stamp, so an update by an administrator or unattended-upgrades did not count. An update
   * of ours that failed is not counted as fresh.
   *
   * <p>{@code apt-get update} exits 0 when some indexes could not be fetched (a network failure, a
   * {@code NO_PUBKEY} signature failure: "W: Failed to fetch …", "W: Some index files failed to
   * download"), and the library then refreshed its stamp (juju/charm-helpers #911). Ours passes
   * {@code --error-on=any} (apt 2.1.16 and later; without it on older apt) and also reads the
   * output: any {@code E:} line, or a {@code W:} line saying that a fetch or a signature failed,
   * fails the update. The stamp is touched only by an update without failure.
   *
   * @param ttl seconds; negative: always run
   * @return whether {@code apt-get update} ran
   * @throws io.rmote.python.RuntimeError (the tool's {@code UpdateFailed}, attribute {@code
   *     output}) if an index could not be fetched; the message has apt's failure lines
   * @throws io.rmote.python.TimeoutError if the lists lock stayed held for 60 s
   */
  boolean update(double ttl) throws AptLockTimeoutException, AptUpdateFailedException;

  /**
   * {@link #update(double)}; with {@code dryRun}, whether it would run (nothing runs); waiting up
   * to {@code lockTimeout} seconds for the lists lock.
   */
  boolean update(double ttl, boolean dryRun, double lockTimeout)
      throws AptLockTimeoutException, AptUpdateFailedException;

  /**
   * The packages as one read of the dpkg database gives them, in the order given. An addition of
   * ours; a package dpkg does not know is {@code not-installed}.
   */
  List<PackageStatus> status(String... names);

  /**
   * Brings one package ({@code name} or {@code name=version}) to {@link State#PRESENT}: Python
   * {@code Apt.package(package)}.
   *
   * @throws io.rmote.python.CalledProcessError if apt-get fails ("Unable to locate package", a
   *     dependency problem); its output is the message and {@code output()}
   * @throws io.rmote.python.TimeoutError if the dpkg lock stayed held for 60 s
   * @throws io.rmote.python.ValueError for a name or version apt cannot mean
   */
  @PythonName("package")
  Result ensure(@PythonName("package") String spec) throws AptLockTimeoutException;

  /** Brings {@code spec} to {@code state}: Python {@code Apt.package(package, state)}. */
  @PythonName("package")
  Result ensure(@PythonName("package") String spec, State state) throws AptLockTimeoutException;

  /** Brings the package to its {@link PackageSpec#state()}: Python {@code Apt.package(package)}. */
  @PythonName("package")
  Result ensure(@PythonName("package") PackageSpec pkg) throws AptLockTimeoutException;

  /** {@link #ensure(PackageSpec)}, or with {@code dryRun} what it would do. */
  @PythonName("package")
  Result ensure(@PythonName("package") PackageSpec pkg, boolean dryRun)
      throws AptLockTimeoutException;

  /**
   * Brings every package ({@code name} or {@code name=version}) to {@link State#PRESENT}, one read
   * of the dpkg database and one apt-get run: Python {@code Apt.converge(*packages)}.
   *
   * @return one result per package, in the order given
   */
  List<Result> converge(String... packages) throws AptLockTimeoutException;

  /**
   * Brings every package to its {@link PackageSpec#state()}: Python {@code
   * Apt.converge(*packages)}.
   */
  List<Result> converge(PackageSpec... packages) throws AptLockTimeoutException;

  /**
   * {@link #converge(PackageSpec...)} with every option: Python {@code Apt.apply(packages,
   * options)}, an addition of ours.
   *
   * @throws io.rmote.python.ValueError if a package is asked in two states
   */
  List<Result> apply(List<PackageSpec> packages, Options options) throws AptLockTimeoutException;

  /**
   * Puts the packages on hold: dpkg's selection {@code hold} ({@code apt-mark hold}), set with one
   * {@code dpkg --set-selections} for those not held yet; a held package is installed, but never
   * upgraded, downgraded or removed by apt. An addition of ours (Python {@code Apt.hold(*names)}).
   *
   * @param names package names, {@code name:arch} for one architecture
   * @return one result per name, in order: {@link Result#changed()} when {@link
   *     PackageStatus#held()} differs between {@link Result#before()} and {@link Result#after()}; a
   *     package dpkg does not know is left, with a warning
   * @throws io.rmote.python.TimeoutError if the dpkg lock stayed held for 60 s
   * @throws io.rmote.python.ValueError for a name that is not a Debian package name
   */
  List<Result> hold(String... names) throws AptLockTimeoutException;

  /** {@link #hold(String...)}, or with {@code dryRun} what it would do (nothing changes). */
  List<Result> hold(boolean dryRun, String... names) throws AptLockTimeoutException;

  /**
   * Takes the packages off hold: selection {@code install} ({@code deinstall} for one that is not
   * installed), for those held. Python {@code Apt.unhold(*names)}; results as {@link
   * #hold(String...)}.
   */
  List<Result> unhold(String... names) throws AptLockTimeoutException;

  /** {@link #unhold(String...)}, or with {@code dryRun} what it would do (nothing changes). */
  List<Result> unhold(boolean dryRun, String... names) throws AptLockTimeoutException;

  /**
   * Removes the packages that were installed automatically (as dependencies) and that no installed
   * package needs any more: {@code apt-get autoremove}, configuration files kept. Python {@code
   * Apt.autoremove()}, an addition of ours.
   *
   * @return one result per package removed, by name (the database read before and after), empty
   *     when there was none
   * @throws io.rmote.python.CalledProcessError if apt-get fails
   * @throws io.rmote.python.TimeoutError if the dpkg lock stayed held for 60 s
   */
  List<Result> autoremove() throws AptLockTimeoutException;

  /**
   * {@link #autoremove()}; with {@code dryRun} the packages {@code apt-get -s autoremove} lists,
   * each with its predicted {@link Result#after()} (nothing changes); with {@code purge} their
   * configuration files go too ({@code --purge}).
   */
  List<Result> autoremove(boolean dryRun, boolean purge) throws AptLockTimeoutException;
}
