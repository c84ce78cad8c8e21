package io.rmote.tools;

import io.rmote.annotations.PythonName;
import io.rmote.annotations.RemoteTool;
import java.util.List;
import java.util.Map;

/**
 * The built-in {@code Pacman} tool ({@code tools/pacman.py}), typed: {@code
 * remote.tool(Pacman.class)} installs, upgrades and removes Arch Linux packages with {@code
 * pacman(8)} on the remote host (run as root for anything but a read). The generated {@code
 * PacmanAsync} has the same methods returning {@code CompletableFuture}.
 *
 * <p>Every mutating call ({@link #update}, {@link #ensure}, {@link #converge}, {@link #sync}) is
 * one {@code sync} on the remote:
 *
 * <ol>
 *   <li>it takes the remote's lock of the package database (calls in flight on one connection run
 *       one at a time), then waits for another program's {@code db.lck} (the {@code Lock File} of
 *       {@code pacman -v}, {@code /var/lib/pacman/db.lck} by default) to go: pacman itself fails at
 *       once with "unable to lock database". A lock taken between our look and pacman's start is
 *       retried the same way. After {@code lockTimeout} seconds (300 by default) it throws {@link
 *       PacmanLockTimeoutException} (a {@code TimeoutError}) naming the lock file and the processes
 *       that hold it open, or saying that none does (a lock left by a pacman that died); the lock
 *       is never deleted (pamac #246: another front end may hold it);
 *   <li>it reads the local database once ({@code DBPath/local/*}{@code /desc}, the files {@code
 *       pacman -Q} reads: names, versions, groups, provides);
 *   <li>it removes the {@link State#ABSENT} targets that are installed (a package, or a group an
 *       installed package belongs to) with one {@code pacman -R} ({@code -Rs} with {@code
 *       recursive}), then installs the others in <em>one</em> {@code pacman -S --needed}
 *       transaction: a {@link State#PRESENT} target that is installed, or provided by an installed
 *       package, is left alone (never upgraded); a {@link State#LATEST} target is always given to
 *       pacman, which skips it when up to date ({@code --needed}). Groups and virtual (provided)
 *       names are expanded by pacman, as {@code pacman -S} does;
 *   <li>with {@code refresh} it is a full system upgrade, always: {@code pacman -Syu --needed
 *       targets}, never {@code -Sy} followed by {@code -S} (the partial upgrade Arch does not
 *       support, which the Python library's {@code update()} then {@code package()} does). The
 *       download ({@code y}) is skipped when the sync databases are younger than {@code ttl}
 *       seconds (our stamp {@code DBPath/.rmote-update} or any {@code sync/*.db}: a refresh by
 *       anyone counts); the upgrade ({@code u}) is not. When the keyring package ({@code keyring},
 *       {@code archlinux-keyring} by default; {@code ""} for none) is installed, it is upgraded
 *       first ({@code pacman -Sy --needed archlinux-keyring}, then {@code pacman -Su --needed
 *       targets}): pacman checks every package's signature before it installs anything, so keys of
 *       new packagers must be there first (archinstall #2327, yay #1891);
 *   <li>it reads the local database again: {@link Result#changed()} and {@link
 *       Transaction#changed()} compare the versions before and after, never whether pacman ran.
 * </ol>
 *
 * <p>With {@code dryRun}, nothing changes and the same records are computed: the plan comes from
 * {@code pacman -S[u] --needed --print --print-format "%n %v %G"} and {@code pacman -R --print};
 * when it would download, against a throwaway copy of the sync databases refreshed with {@code -Sy}
 * (what {@code checkupdates} does), with the real local database linked in.
 *
 * <p>pacman runs with {@code --noconfirm --noprogressbar}, {@code LC_ALL=C} and standard input on
 * {@code /dev/null}; a failure throws {@link io.rmote.python.CalledProcessError} with pacman's exit
 * status, command line and standard error ("target not found", a signature pacman cannot verify,
 * …), and the message ends with that standard error. The {@code config} extra ({@code
 * /etc/pacman.conf} by default) is passed as {@code --config}: its {@code [options]} ({@code
 * RootDir}, {@code DBPath}, {@code CacheDir}, {@code GPGDir}) say which root, database and lock the
 * call works on, as {@code pacman -v} reports them.
 *
 * <p>How it differs from the Python library's {@code Pacman}, whose names ({@code update}, {@code
 * package}, {@code converge}, {@code State}, {@code Package}, {@code Result}) and parameters it
 * keeps and extends: the library's {@code update()} is {@code pacman -Sy}, after which its {@code
 * package()} runs {@code pacman -S name}: a partial upgrade. Ours makes a refresh a full upgrade
 * and upgrades the keyring first. The library checks with one {@code pacman -Q} per package,
 * installs without {@code --needed} one package per transaction, removes with {@code -R} only,
 * counts groups and virtual packages as absent on every run, fails at once on a held {@code
 * db.lck}, reports {@code changed} because a command ran, and has no dry run. Its {@code
 * Package.state} is ignored by {@code converge}; ours honours it. The Java method for Python {@code
 * package} is {@link #ensure} ({@code package} is a Java keyword). Additions: {@code sync}, {@code
 * installed}, and the {@code dry_run}, {@code refresh}, {@code ttl}, {@code recursive}, {@code
 * keyring}, {@code lock_timeout}, {@code config}, {@code nosave}, {@code cascade}, {@code reason}
 * and {@code overwrite} keywords ({@link Options}).
 *
 * <p>Removal: {@code -R}, with {@code s} for {@code recursive} (the dependencies nothing else needs
 * go too), {@code c} for {@code cascade} (the packages that depend on it go too; without it pacman
 * refuses to break a dependency) and {@code n} for {@code nosave} (changed backup files are
 * deleted, not saved as {@code .pacsave}). Install reason: with {@code reason}, every {@link
 * State#PRESENT} or {@link State#LATEST} target (a group's or a virtual name's installed packages)
 * ends with that reason: after the install, {@code pacman -D --asdeps} or {@code --asexplicit} runs
 * for those whose reason differs, so an upgrade in the same transaction keeps its own ({@code
 * pacman -S --asdeps} would mark every package of a {@code -Syu} a dependency); a reason that
 * already holds is no change. {@link Result#reason()} carries the reason after, {@link
 * Transaction#reasons()} every reason that changed. {@code overwrite}: globs given to the install
 * as {@code --overwrite} (files another package or nobody owns that it may replace).
 *
 * <p>Not done, on purpose: AUR helpers (yay, paru: they build packages from user recipes as a user,
 * which is not a package manager's transaction; give their packages through a repository), and the
 * {@code =version} of a target, parsed and ignored as the library does (pacman installs what the
 * sync databases hold; there is no version pinning in {@code pacman -S}).
 */
@RemoteTool(source = "tools/pacman.py", requiresPython = "3.6")
public interface Pacman {

  /** What a target should be: the library's {@code State}. */
  enum State {
    /** Installed, at any version: installed if absent, never upgraded ({@code -S --needed}). */
    PRESENT,
    /** Not installed: removed if installed ({@code -R}, {@code -Rs} with {@code recursive}). */
    ABSENT,
    /** Installed at the version the sync databases hold: installed or upgraded. */
    LATEST
  }

  /**
   * Why a package is installed, as pacman records it: an addition of ours (Python {@code Reason}).
   */
  enum Reason {
    /** Asked for by name ({@code pacman -Qe} lists it; {@code --asexplicit}). */
    EXPLICIT,
    /**
     * Pulled in for another package ({@code pacman -Qd}; {@code --asdeps}): {@code -Rs} removes it
     * with the last package that needs it, {@code pacman -Qdt} lists it once none does.
     */
    DEPENDENCY
  }

  /**
   * A target: the library's {@code Package}. {@code name} is a package, a group or a virtual
   * (provided) name.
   *
   * @param name the name pacman is given
   * @param state the state asked for
   * @param version parsed from {@code "name=version"} and ignored, as the library does: pacman
   *     installs what its sync databases hold ({@code ""} for none)
   */
  @SuppressWarnings("JavaLangClash") // the library's name; always spelled Pacman.Package
  record Package(String name, State state, String version) {
    /** {@code name} {@link State#PRESENT}. */
    public static Package of(String name) {
      return new Package(name, State.PRESENT, "");
    }

    /** {@code name} in {@code state}. */
    public static Package of(String name, State state) {
      return new Package(name, state, "");
    }
  }

  /**
   * One package whose installed version differs between before and after.
   *
   * @param name the package
   * @param before its version before ({@code "1.2-3"}, pacman's {@code [epoch:]pkgver-pkgrel}),
   *     {@code ""} when it was not installed
   * @param after its version after, {@code ""} when it is not installed
   */
  record Change(String name, String before, String after) {}

  /**
   * One target's outcome, or in a dry run its predicted outcome. The first three components are the
   * library's {@code Result}.
   *
   * @param name the target as given
   * @param changed whether {@link #packages()} is not empty
   * @param version the version installed after ({@code ""} when absent, or for a group or virtual
   *     name): the library's {@code version}
   * @param state the state asked for
   * @param before the version of the package called {@code name} before, {@code ""} when absent or
   *     for a group or virtual name
   * @param after the same after the call (in a dry run, predicted); equal to {@code version}
   * @param packages what this target changed: its own package, or the members of its group, or the
   *     package that provides it (dependencies pulled in are in {@link Transaction#changes()})
   * @param reason the install reason of the package called {@code name} after the call, {@code
   *     null} when it is not installed or for a group or virtual name; {@link #changed()} is true
   *     also when only a reason changed
   */
  record Result(
      String name,
      boolean changed,
      String version,
      State state,
      String before,
      String after,
      List<Change> packages,
      Reason reason) {

    public Result {
      packages = List.copyOf(packages);
    }
  }

  /**
   * A whole {@link #sync} call, or in a dry run its prediction.
   *
   * @param changed whether any installed package's version differs between before and after
   * @param results one per target, in the order given
   * @param changes every package whose version differs, dependencies and upgrades included, by name
   * @param refreshed whether the sync databases were (would be) downloaded
   * @param keyring the keyring package's change when it was upgraded first, else empty
   * @param commands the pacman command lines that changed (would change) the system, in order
   * @param warnings what the call could not do or did not do (updates pending that a {@link
   *     State#LATEST} without {@code refresh} leaves out, …)
   * @param reasons the packages installed before and after whose install reason changed, with
   *     {@code "explicit"} or {@code "dependency"} as before and after
   */
  record Transaction(
      boolean changed,
      List<Result> results,
      List<Change> changes,
      boolean refreshed,
      List<Change> keyring,
      List<String> commands,
      List<String> warnings,
      List<Change> reasons) {

    public Transaction {
      results = List.copyOf(results);
      changes = List.copyOf(changes);
      keyring = List.copyOf(keyring);
      commands = List.copyOf(commands);
      warnings = List.copyOf(warnings);
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * How a call runs; {@code null} in a component means the tool's default. Immutable: each {@code
   * with} returns a copy.
   *
   * @param refresh whether to refresh and upgrade the whole system ({@code -Syu}); default false
   * @param ttl seconds the sync databases stay fresh: no download when younger; default -1 (always
   *     download when refreshing)
   * @param dryRun compute the result and change nothing; default false
   * @param recursive remove with {@code -Rs} (dependencies nothing else needs go too); default
   *     false
   * @param keyring the keyring package upgraded first when refreshing; default {@code
   *     archlinux-keyring}; {@code ""} for none
   * @param lockTimeout seconds to wait for {@code db.lck}; default 300
   * @param config the pacman.conf to use ({@code --config}); default {@code /etc/pacman.conf}
   * @param nosave remove with {@code -Rn}: changed backup files are deleted, not kept as {@code
   *     .pacsave}; default false
   * @param cascade remove with {@code -Rc}: the packages that depend on a target go too; default
   *     false (pacman refuses to break a dependency)
   * @param reason the install reason every installed target must end with ({@code pacman -D});
   *     default {@code null}: pacman's own (targets explicit, dependencies as dependencies), an
   *     installed package's reason left as it is
   * @param overwrite globs of files the install may overwrite ({@code --overwrite}, one per glob);
   *     default none
   */
  record Options(
      Boolean refresh,
      Double ttl,
      Boolean dryRun,
      Boolean recursive,
      String keyring,
      Double lockTimeout,
      String config,
      Boolean nosave,
      Boolean cascade,
      Reason reason,
      List<String> overwrite) {

    /** Every component the tool's default. */
    public static final Options DEFAULTS =
        new Options(null, null, null, null, null, null, null, null, null, null, null);

    public Options {
      if (lockTimeout != null) LockTimeout.check(lockTimeout);
      overwrite = overwrite == null ? null : List.copyOf(overwrite);
    }

    /** A copy refreshing (and so upgrading the whole system) or not. */
    public Options withRefresh(boolean refresh) {
      return new Options(
          refresh,
          ttl,
          dryRun,
          recursive,
          keyring,
          lockTimeout,
          config,
          nosave,
          cascade,
          reason,
          overwrite);
    }

    /** A copy with the sync databases' time to live, in seconds. */
    public Options withTtl(double ttl) {
      return new Options(
          refresh,
          ttl,
          dryRun,
          recursive,
          keyring,
          lockTimeout,
          config,
          nosave,
          cascade,
          reason,
          overwrite);
    }

    /** A copy that is a dry run or not. */
    public Options withDryRun(boolean dryRun) {
      return new Options(
          refresh,
          ttl,
          dryRun,
          recursive,
          keyring,
          lockTimeout,
          config,
          nosave,
          cascade,
          reason,
          overwrite);
    }

    /** A copy removing recursively ({@code -Rs}) or not. */
    public Options withRecursive(boolean recursive) {
      return new Options(
          refresh,
          ttl,
          dryRun,
          recursive,
          keyring,
          lockTimeout,
          config,
          nosave,
          cascade,
          reason,
          overwrite);
    }

    /** A copy with another keyring package ({@code ""}: none). */
    public Options withKeyring(String keyring) {
      return new Options(
          refresh,
          ttl,
          dryRun,
          recursive,
          keyring,
          lockTimeout,
          config,
          nosave,
          cascade,
          reason,
          overwrite);
    }

    /** A copy waiting at most {@code lockTimeout} seconds for {@code db.lck}. */
    public Options withLockTimeout(double lockTimeout) {
      return new Options(
          refresh,
          ttl,
          dryRun,
          recursive,
          keyring,
          lockTimeout,
          config,
          nosave,
          cascade,
          reason,
          overwrite);
    }

    /** A copy using another pacman.conf. */
    public Options withConfig(String config) {
      return new Options(
          refresh,
          ttl,
          dryRun,
          recursive,
          keyring,
          lockTimeout,
          config,
          nosave,
          cascade,
          reason,
          overwrite);
    }

    /** A copy removing with {@code -Rn} (no {@code .pacsave}) or not. */
    public Options withNosave(boolean nosave) {
      return new Options(
          refresh,
          ttl,
          dryRun,
          recursive,
          keyring,
          lockTimeout,
          config,
          nosave,
          cascade,
          reason,
          overwrite);
    }

    /** A copy removing with {@code -Rc} (dependents too) or not. */
    public Options withCascade(boolean cascade) {
      return new Options(
          refresh,
          ttl,
          dryRun,
          recursive,
          keyring,
          lockTimeout,
          config,
          nosave,
          cascade,
          reason,
          overwrite);
    }

    /** A copy with the install reason every installed target ends with; {@code null}: pacman's. */
    public Options withReason(Reason reason) {
      return new Options(
          refresh,
          ttl,
          dryRun,
          recursive,
          keyring,
          lockTimeout,
          config,
          nosave,
          cascade,
          reason,
          overwrite);
    }

    /** A copy with the globs of files the install may overwrite ({@code --overwrite}). */
    public Options withOverwrite(List<String> overwrite) {
      return new Options(
          refresh,
          ttl,
          dryRun,
          recursive,
          keyring,
          lockTimeout,
          config,
          nosave,
          cascade,
          reason,
          overwrite);
    }
  }

  /**
   * Refreshes the sync databases and upgrades the whole system, keyring first: {@code pacman -Syu}
   * (Python {@code update()}, which ran {@code -Sy} alone). Returns whether the databases were
   * downloaded.
   */
  boolean update() throws PacmanException, PacmanLockTimeoutException;

  /**
   * {@link #update()}, downloading only when the sync databases are older than {@code ttl} seconds
   * (-1: always); the upgrade runs either way. Returns whether they were downloaded.
   */
  boolean update(double ttl) throws PacmanException, PacmanLockTimeoutException;

  /**
   * {@link #update(double)} with {@code options} (its {@code ttl}, {@code dryRun}, {@code keyring},
   * {@code lockTimeout}, {@code config}; {@code refresh} and {@code recursive} do not apply).
   * Returns whether the databases were (in a dry run: would be) downloaded.
   */
  boolean update(Double ttl, Boolean dryRun, String keyring, Double lockTimeout, String config)
      throws PacmanException, PacmanLockTimeoutException;

  /** {@link #update(Double, Boolean, String, Double, String)} with {@code options}. */
  default boolean update(Options options) {
    return update(
        options.ttl(),
        options.dryRun(),
        options.keyring(),
        options.lockTimeout(),
        options.config());
  }

  /**
   * Brings one package, group or virtual name to {@code state}: Python {@code package(package,
   * state)}. One {@link #sync} with one target.
   *
   * @throws io.rmote.python.CalledProcessError if pacman fails (a name no repository has: "target
   *     not found")
   * @throws PacmanLockTimeoutException if {@code db.lck} stays for 300 s
   */
  @PythonName("package")
  Result ensure(@PythonName("package") String name, State state)
      throws PacmanException, PacmanLockTimeoutException;

  /** {@link #ensure(String, State)}, or with {@code dryRun} what it would do. */
  @PythonName("package")
  Result ensure(@PythonName("package") String name, State state, boolean dryRun)
      throws PacmanException, PacmanLockTimeoutException;

  /** {@link #ensure(String, State)} with every keyword; {@code null}: the default. */
  @PythonName("package")
  Result ensure(
      @PythonName("package") String name,
      State state,
      Boolean dryRun,
      Boolean refresh,
      Double ttl,
      Boolean recursive,
      String keyring,
      Double lockTimeout,
      String config,
      Boolean nosave,
      Boolean cascade,
      Reason reason,
      List<String> overwrite)
      throws PacmanException, PacmanLockTimeoutException;

  /** {@link #ensure(String, State)} with {@code options}. */
  default Result ensure(String name, State state, Options options) {
    return ensure(
        name,
        state,
        options.dryRun(),
        options.refresh(),
        options.ttl(),
        options.recursive(),
        options.keyring(),
        options.lockTimeout(),
        options.config(),
        options.nosave(),
        options.cascade(),
        options.reason(),
        options.overwrite());
  }

  /**
   * Every name {@link State#PRESENT}, in one transaction: Python {@code converge(*packages)}. One
   * {@link Result} per name, in order.
   */
  List<Result> converge(String... packages) throws PacmanException, PacmanLockTimeoutException;

  /** Every package in the state it carries (the library ignored it), in one transaction. */
  List<Result> converge(Package... packages) throws PacmanException, PacmanLockTimeoutException;

  /**
   * {@link #converge(Package...)} with every keyword; {@code null}: the default. Java's varargs
   * come last; Python's {@code *packages} first.
   */
  List<Result> converge(
      Boolean dryRun,
      Boolean refresh,
      Double ttl,
      Boolean recursive,
      String keyring,
      Double lockTimeout,
      String config,
      Boolean nosave,
      Boolean cascade,
      Reason reason,
      List<String> overwrite,
      Package... packages)
      throws PacmanException, PacmanLockTimeoutException;

  /** {@link #converge(Package...)} with {@code options}. */
  default List<Result> converge(Options options, Package... packages) {
    return converge(
        options.dryRun(),
        options.refresh(),
        options.ttl(),
        options.recursive(),
        options.keyring(),
        options.lockTimeout(),
        options.config(),
        options.nosave(),
        options.cascade(),
        options.reason(),
        options.overwrite(),
        packages);
  }

  /**
   * Every package in the state it carries: removals in one {@code pacman -R}, the rest in one
   * {@code pacman -S --needed} (or {@code -Syu} with {@code refresh}), with the whole transaction
   * as the answer. An addition of ours; {@code null} arguments take the defaults of {@link
   * Options}.
   *
   * @throws io.rmote.python.CalledProcessError if pacman fails; nothing after the failing command
   *     runs
   * @throws PacmanLockTimeoutException if {@code db.lck} stays longer than {@code lockTimeout}
   */
  Transaction sync(
      List<Package> packages,
      Boolean refresh,
      Double ttl,
      Boolean dryRun,
      Boolean recursive,
      String keyring,
      Double lockTimeout,
      String config,
      Boolean nosave,
      Boolean cascade,
      Reason reason,
      List<String> overwrite)
      throws PacmanException, PacmanLockTimeoutException;

  /**
   * {@link #sync(List, Boolean, Double, Boolean, Boolean, String, Double, String, Boolean, Boolean,
   * Reason, List)} by options.
   */
  default Transaction sync(List<Package> packages, Options options) {
    return sync(
        packages,
        options.refresh(),
        options.ttl(),
        options.dryRun(),
        options.recursive(),
        options.keyring(),
        options.lockTimeout(),
        options.config(),
        options.nosave(),
        options.cascade(),
        options.reason(),
        options.overwrite());
  }

  /** {@link #sync(List, Options)} with the defaults: no refresh, not a dry run. */
  default Transaction sync(List<Package> packages) {
    return sync(packages, Options.DEFAULTS);
  }

  /** The local database: installed package name to version. An addition of ours. */
  Map<String, String> installed();

  /** {@link #installed()} of the database {@code config} names. */
  Map<String, String> installed(String config);
}
