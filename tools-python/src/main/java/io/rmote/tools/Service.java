package io.rmote.tools;

import io.rmote.annotations.RemoteTool;
import java.util.List;

/**
 * The built-in {@code Service} tool ({@code tools/service.py}), typed: {@code
 * remote.tool(Service.class)} manages systemd units on the remote host through {@code systemctl}
 * (run as root for anything but a read). The generated {@code ServiceAsync} has the same methods
 * returning {@code CompletableFuture}.
 *
 * <p>A unit name without a type suffix means a {@code .service}, as {@code systemctl} takes it; any
 * unit type works ({@code .timer}, {@code .socket}, {@code .mount}, …). Every read is one {@code
 * systemctl show -p Id,LoadState,ActiveState,SubState,UnitFileState,NeedDaemonReload,…} run with
 * {@code LC_ALL=C}, its lines read by key (their order and the properties a unit type has differ
 * between systemd versions; tested on 247, 252, 257 and 262).
 *
 * <p>Every mutating method:
 *
 * <ul>
 *   <li>reads the unit, decides from its typed state whether the {@code systemctl} verb is needed,
 *       runs it only then, reads the unit again, and reports {@link Result#changed()} only when the
 *       state after differs from the state before (load, active, sub and unit file states, the
 *       invocation id and main process), so a second identical call reports no change;
 *   <li>has a {@code dryRun} form that computes the same {@link Result} from the real state and
 *       changes nothing; its {@link Result#after()} is the predicted state;
 *   <li>first runs {@code systemctl daemon-reload} when systemd says the unit's files changed on
 *       disk ({@code NeedDaemonReload=yes}), and says so in {@link Result#daemonReloaded()}
 *       (counted as a change), unless {@code daemonReload} is false (then a warning says systemd
 *       still uses the old files); a dry run reports the same and reloads nothing;
 *   <li>holds the remote's lock of the unit, so calls in flight on one connection that touch one
 *       unit run one at a time;
 *   <li>throws {@link io.rmote.python.CalledProcessError} (status, command, {@code systemctl}'s
 *       standard error) when {@code systemctl} fails, and {@link io.rmote.python.FileNotFoundError}
 *       when the unit does not exist ({@link LoadState#NOT_FOUND}), except where the state asked
 *       for already holds for a missing unit ({@code stop}, {@code disable}, {@code mask}, {@code
 *       unmask}, {@code converge} to stopped and disabled).
 * </ul>
 *
 * <p>How it differs from the Python library's {@code Service}, whose method names, parameters and
 * {@code Result} it keeps: the library reads state from the exit codes of {@code is-active} and
 * {@code is-enabled} (three processes per read). Its {@code disable} of a static unit reports a
 * change on every run ({@code is-enabled} exits 0 for static, and {@code systemctl disable} does
 * nothing: Ansible's #28247 bug class); ours reads {@link UnitFileState#STATIC} and reports no
 * change, with a warning. A missing unit is, for the library, a stopped and disabled one; ours is
 * {@link LoadState#NOT_FOUND}. {@code status} returns a {@link UnitStatus} (the library's {@code
 * Result} with {@code changed} always false), which has the library's {@code name}, {@code started}
 * and {@code enabled}. {@code restart} reports a change because a new process is observed (a new
 * {@code InvocationID} or {@code MainPID}), which a successful restart always gives. Additions:
 * {@code mask}, {@code unmask}, {@code statuses}, {@code wait_active}, the automatic daemon-reload,
 * {@code dry_run} and {@code daemon_reload} keywords on every mutating method, {@code scope} on
 * every method and {@code no_block} on {@code start}, {@code stop}, {@code restart} and {@code
 * reload} (the library had neither {@code --user} nor {@code --no-block}).
 *
 * <p>Offline: where no systemd manager can be reached ({@code SYSTEMD_OFFLINE=1} in the remote's
 * environment; no {@code /run/systemd/system}, the test of {@code sd_booted()}: a chroot, a
 * container or a system booted without systemd; or {@code systemctl is-system-running} printing
 * {@code offline}, a chroot that sees the host's {@code /run}), the unit files are still worked on,
 * as {@code systemctl} itself does there: {@code status} reads the unit file state ({@code
 * systemctl is-enabled}) with the active state {@link ActiveState#UNKNOWN}, {@code enable}, {@code
 * disable}, {@code mask} and {@code unmask} change the files (each once, a dry run nothing), and
 * {@code daemonReload} does nothing. {@code start}, {@code stop}, {@code restart}, {@code reload},
 * {@code converge} and {@code waitActive} throw {@link io.rmote.python.RuntimeError} whose {@code
 * pythonType()} ends in {@code UnitFilesOnly}, saying why, before anything runs, dry runs included:
 * systemd 257 and later, in a chroot, print "Running in chroot, ignoring command" and exit 0, so a
 * start would look done. (Ansible skips the state change with a warning and reports no change; we
 * refuse, since a skipped start leaves the caller believing the unit runs.) A user scope offline
 * throws the same exception.
 *
 * <p>User scope ({@link Scope}, the overloads that take one): every method can act on a user's own
 * service manager ({@code systemctl --user}) instead of the system's: the connecting user's ({@link
 * Scope#connectingUser()}; connect as that user, for instance with {@code Become.sudo(name)}), with
 * {@code XDG_RUNTIME_DIR=/run/user/UID} and {@code
 * DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/UID/bus} set for its uid, which {@code su} and
 * {@code sudo -u} leave unset (systemd #17901, #34849); or, connected as root, another user's
 * ({@link Scope#user(String)}) through {@code systemctl --user --machine=NAME@} (systemd 248 and
 * later). A user's units live in {@code ~/.config/systemd/user}, and its manager runs while the
 * user is logged in, or always once lingering is enabled ({@code loginctl enable-linger NAME}).
 * Where that manager does not run, or {@code --machine} cannot be used, the call throws {@link
 * io.rmote.python.RuntimeError} saying why and what to do.
 *
 * <p>No-block ({@code noBlock}, on {@code start}, {@code stop}, {@code restart} and {@code
 * reload}): {@code systemctl --no-block} queues the job and returns without waiting for it, as
 * Ansible's {@code no_block}. The state after is read once, right away, and may still be {@link
 * ActiveState#ACTIVATING} (or {@link ActiveState#DEACTIVATING}, or not yet begun): a queued job
 * counts as a change, and a warning gives the state read. {@link #waitActive(String, double,
 * double, Scope)} then waits for the unit and gives systemd's reason when it fails.
 *
 * <p>Not done: {@code --global} and {@code --root} with the runtime verbs, which have no manager to
 * ask; {@code systemctl --image=}.
 */
@RemoteTool(source = "tools/service.py", requiresPython = "3.6")
public interface Service {

  /** systemd's {@code LoadState}: whether the unit's configuration was loaded. */
  enum LoadState {
    /** Referenced but not loaded yet. */
    STUB,
    /** Its configuration was loaded. */
    LOADED,
    /** No unit file of that name: the unit does not exist. */
    NOT_FOUND,
    /** A setting in its file is invalid; {@link UnitStatus#loadError()} says which. */
    BAD_SETTING,
    /** It could not be loaded; {@link UnitStatus#loadError()} says why. */
    ERROR,
    /** Merged into another unit (an alias). */
    MERGED,
    /** Masked: its file is a link to {@code /dev/null}; it cannot be started. */
    MASKED,
    /** A value this tool does not know (a newer systemd), or none. */
    UNKNOWN
  }

  /** systemd's {@code ActiveState}. */
  enum ActiveState {
    /** Started and running (or, for a oneshot with {@code RemainAfterExit=}, done). */
    ACTIVE,
    /** Active, reloading its configuration. */
    RELOADING,
    /** Not running. */
    INACTIVE,
    /** Inactive after a failure; {@link UnitStatus#result()} says which. */
    FAILED,
    /** Being started (or waiting to be restarted: sub-state {@code auto-restart}). */
    ACTIVATING,
    /** Being stopped. */
    DEACTIVATING,
    /** systemd 250 and later: being cleaned ({@code systemctl clean}). */
    MAINTENANCE,
    /** systemd 255 and later: a new mount namespace is being set up. */
    REFRESHING,
    /** A value this tool does not know (a newer systemd), or none. */
    UNKNOWN
  }

  /** systemd's {@code UnitFileState}: what {@code systemctl is-enabled} prints. */
  enum UnitFileState {
    /** Linked into a {@code .wants/} or {@code .requires/} folder under {@code /etc}. */
    ENABLED,
    /** Enabled under {@code /run}: until the next boot. */
    ENABLED_RUNTIME,
    /** Its file is linked into the search path from elsewhere ({@code systemctl link}). */
    LINKED,
    /** Linked under {@code /run}: until the next boot. */
    LINKED_RUNTIME,
    /** The name is an alias of another unit (systemd 240 and later). */
    ALIAS,
    /** Linked to {@code /dev/null} under {@code /etc}: it cannot be started. */
    MASKED,
    /** Masked under {@code /run}: until the next boot. */
    MASKED_RUNTIME,
    /** No {@code [Install]} section: neither enable nor disable changes it. */
    STATIC,
    /** Enabled through another unit's {@code Also=}, or a template without instance. */
    INDIRECT,
    /** Has an {@code [Install]} section and is not enabled. */
    DISABLED,
    /** Made by a generator at boot (from {@code /etc/fstab}, an init script, …). */
    GENERATED,
    /** Made at run time ({@code systemd-run}); gone at the next boot. */
    TRANSIENT,
    /** The unit file is invalid. */
    BAD,
    /** The unit does not exist. */
    NOT_FOUND,
    /** No unit file state (a device or scope unit), or a value this tool does not know. */
    UNKNOWN
  }

  /**
   * One unit, as one {@code systemctl show} reads it. A property the unit type lacks (a target has
   * no main process) is {@code ""} or 0.
   *
   * @param name the name as given
   * @param id systemd's full name of the unit ({@code ssh.service} for {@code ssh})
   * @param started whether the active state is {@link ActiveState#ACTIVE}, {@link
   *     ActiveState#RELOADING} or {@link ActiveState#REFRESHING}: what {@code systemctl is-active}
   *     exits 0 for, the library's {@code started}
   * @param enabled whether the unit file state is one that {@code systemctl is-enabled} exits 0 for
   *     (enabled, enabled-runtime, alias, static, indirect, generated, transient), the library's
   *     {@code enabled}: true for a static unit, which starts when something needs it
   * @param loadState {@code LoadState}
   * @param activeState {@code ActiveState}
   * @param subState {@code SubState}, the unit type's own state ({@code running}, {@code dead},
   *     {@code exited}, {@code auto-restart}, …)
   * @param unitFileState {@code UnitFileState}; {@link UnitFileState#NOT_FOUND} for a missing unit
   * @param needDaemonReload {@code NeedDaemonReload}: the unit's files changed on disk since
   *     systemd read them
   * @param result {@code Result}: {@code success}, {@code exit-code}, {@code signal}, {@code
   *     timeout}, {@code core-dump}, {@code start-limit-hit}, … ({@code ""} for a unit type
   *     without)
   * @param execMainCode {@code ExecMainCode} of the last main process: 1 exited, 2 killed, 3 dumped
   *     core (Linux's {@code CLD_*}), 0 none
   * @param execMainStatus {@code ExecMainStatus}: the exit status, or the signal number
   * @param mainPid {@code MainPID}, 0 when none
   * @param invocationId {@code InvocationID}, new at every start; {@code ""} before the first
   * @param activeEnterUsec {@code ActiveEnterTimestampMonotonic}: when the unit last became active,
   *     in microseconds of the remote's {@code CLOCK_MONOTONIC}; 0 if never
   * @param loadError {@code LoadError}: why the unit could not be loaded, {@code ""} if it could
   * @param fragmentPath {@code FragmentPath}: the unit file, {@code ""} if none
   */
  record UnitStatus(
      String name,
      String id,
      boolean started,
      boolean enabled,
      LoadState loadState,
      ActiveState activeState,
      String subState,
      UnitFileState unitFileState,
      boolean needDaemonReload,
      String result,
      int execMainCode,
      int execMainStatus,
      long mainPid,
      String invocationId,
      long activeEnterUsec,
      String loadError,
      String fragmentPath) {}

  /**
   * Which systemd manager a call acts on: Python {@code Scope(user, name, root, all_users)}. The
   * overloads without a scope act on the system's manager, as {@link #SYSTEM} does.
   *
   * <p>{@link #global()} and {@link #withRoot(String)} name unit files rather than a manager:
   * {@code systemctl --global} (the user units enabled for every user, in {@code
   * /etc/systemd/user}) and {@code systemctl --root=DIR} (the unit files of the tree at {@code
   * DIR}, an image being prepared). With either, as when systemd is offline (see the interface's
   * Javadoc), {@code status} gives the unit file state with the active state {@link
   * ActiveState#UNKNOWN}, {@code enable}, {@code disable}, {@code mask} and {@code unmask} work,
   * {@code daemonReload} does nothing, and {@code start}, {@code stop}, {@code restart}, {@code
   * reload}, {@code converge} and {@code waitActive} throw {@link io.rmote.python.RuntimeError}
   * whose {@code pythonType()} ends in {@code UnitFilesOnly}, before anything runs.
   *
   * @param user false: the system's manager; true: a user's ({@code systemctl --user})
   * @param name with {@code user}: {@code ""} for the connecting user's manager, or the name of the
   *     user whose manager is meant ({@code systemctl --user --machine=NAME@}: root, systemd 248
   *     and later); {@code ""} without {@code user}
   * @param root {@code ""}, or an absolute folder: {@code systemctl --root=DIR} (not with {@code
   *     user}; a missing folder gives {@link io.rmote.python.FileNotFoundError})
   * @param allUsers {@code systemctl --global} (not with {@code user})
   */
  record Scope(boolean user, String name, String root, boolean allUsers) {

    /** The system's manager: plain {@code systemctl}. */
    public static final Scope SYSTEM = new Scope(false, "");

    public Scope {
      java.util.Objects.requireNonNull(name, "name");
      java.util.Objects.requireNonNull(root, "root");
      if (!user && !name.isEmpty()) {
        throw new IllegalArgumentException("a user name needs user scope: " + name);
      }
      if (user && (allUsers || !root.isEmpty())) {
        throw new IllegalArgumentException("a user scope goes with neither a root nor global");
      }
      if (!root.isEmpty() && !root.startsWith("/")) {
        throw new IllegalArgumentException("root must be an absolute folder: " + root);
      }
    }

    /** A scope without a root or {@code --global}: the system's or a user's manager. */
    public Scope(boolean user, String name) {
      this(user, name, "", false);
    }

    /**
     * The user units enabled for every user: {@code systemctl --global}. Unit files only; {@link
     * Scope} says what that allows.
     */
    public static Scope global() {
      return new Scope(false, "", "", true);
    }

    /**
     * This scope on the unit files of the tree at {@code dir}: {@code systemctl --root=DIR}, for an
     * image being prepared. Unit files only; {@link Scope} says what that allows.
     *
     * @throws IllegalArgumentException for a user scope, or a folder that is not absolute
     */
    public Scope withRoot(String dir) {
      return new Scope(user, name, java.util.Objects.requireNonNull(dir, "dir"), allUsers);
    }

    /**
     * The connecting user's manager: {@code systemctl --user} with {@code XDG_RUNTIME_DIR} and
     * {@code DBUS_SESSION_BUS_ADDRESS} set for its uid.
     */
    public static Scope connectingUser() {
      return new Scope(true, "");
    }

    /**
     * User {@code name}'s manager, from a connection as root: {@code systemctl --user
     * --machine=NAME@}, which needs systemd 248 or later on the remote (older: {@link
     * io.rmote.python.RuntimeError}) and, for the user's session, {@code pam_systemd} and a user
     * D-Bus ({@code libpam-systemd} and {@code dbus-user-session} on Debian).
     */
    public static Scope user(String name) {
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty user name: use Scope.connectingUser()");
      }
      return new Scope(true, name);
    }
  }

  /**
   * What a mutating call did, or in a dry run would do: the same record either way. The first four
   * components are the Python library's {@code Result}.
   *
   * @param name the name as given
   * @param started {@link UnitStatus#started()} after
   * @param enabled {@link UnitStatus#enabled()} after
   * @param changed whether the state after differs from the state before; for {@link
   *     #reload(String)}, whether a reload was delivered
   * @param before the unit as read before the call (before any daemon-reload)
   * @param after the unit as read after the call; in a dry run, the predicted state
   * @param daemonReloaded whether {@code systemctl daemon-reload} ran first (in a dry run: would
   *     run) because systemd said the unit's files changed on disk
   * @param warnings what the call could not do or did not do ({@code "x.service is static: …"})
   */
  record Result(
      String name,
      boolean started,
      boolean enabled,
      boolean changed,
      UnitStatus before,
      UnitStatus after,
      boolean daemonReloaded,
      List<String> warnings) {

    public Result {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * The unit's state, one {@code systemctl show}: Python {@code Service.status(name)}. A missing
   * unit is a status with {@link LoadState#NOT_FOUND} and {@link UnitFileState#NOT_FOUND}, not an
   * exception.
   */
  UnitStatus status(String name);

  /** Several units' states with one {@code systemctl show}, in the order of {@code names}. */
  List<UnitStatus> statuses(List<String> names);

  /** {@link #status(String)} in the manager {@code scope} names. */
  UnitStatus status(String name, Scope scope);

  /** {@link #statuses(List)} in the manager {@code scope} names. */
  List<UnitStatus> statuses(List<String> names, Scope scope);

  /** Starts the unit ({@code systemctl start}) unless it is active: Python {@code start(name)}. */
  Result start(String name) throws UnitNotFoundException;

  /** {@link #start(String)}, or with {@code dryRun} what it would do. */
  Result start(String name, boolean dryRun) throws UnitNotFoundException;

  /**
   * {@link #start(String)}; {@code daemonReload} false: no daemon-reload first, even if systemd
   * says the unit's files changed.
   */
  Result start(String name, boolean dryRun, boolean daemonReload) throws UnitNotFoundException;

  /**
   * {@link #start(String, boolean)} in the manager {@code scope} names; with {@code noBlock},
   * {@code systemctl --no-block}: the job is queued and not waited for, and {@link Result#after()}
   * may still be activating (see the interface's Javadoc).
   */
  Result start(String name, boolean dryRun, Scope scope, boolean noBlock)
      throws UnitNotFoundException;

  /**
   * Stops the unit ({@code systemctl stop}) unless it is inactive or failed: Python {@code
   * stop(name)}. A missing unit is not running: no change.
   */
  Result stop(String name);

  /** {@link #stop(String)}, or with {@code dryRun} what it would do. */
  Result stop(String name, boolean dryRun);

  /** {@link #stop(String)}, with or without the daemon-reload systemd asks for. */
  Result stop(String name, boolean dryRun, boolean daemonReload);

  /**
   * {@link #stop(String, boolean)} in the manager {@code scope} names; with {@code noBlock}, {@code
   * systemctl --no-block}: the job is queued and not waited for, and {@link Result#after()} may
   * still be activating (see the interface's Javadoc).
   */
  Result stop(String name, boolean dryRun, Scope scope, boolean noBlock);

  /**
   * Restarts the unit ({@code systemctl restart}; starts it if inactive), always: Python {@code
   * restart(name)}. Changed because a new invocation and process are observed ({@link
   * UnitStatus#invocationId()}, {@link UnitStatus#mainPid()}), which every successful restart
   * gives; the library reported {@code changed} because the command ran.
   */
  Result restart(String name) throws UnitNotFoundException;

  /**
   * {@link #restart(String)}, or with {@code dryRun} what it would do; a dry run's {@link
   * Result#after()} has {@code "(new)"} as its {@link UnitStatus#invocationId()}.
   */
  Result restart(String name, boolean dryRun) throws UnitNotFoundException;

  /** {@link #restart(String)}, with or without the daemon-reload systemd asks for. */
  Result restart(String name, boolean dryRun, boolean daemonReload) throws UnitNotFoundException;

  /**
   * {@link #restart(String, boolean)} in the manager {@code scope} names; with {@code noBlock},
   * {@code systemctl --no-block}: the job is queued and not waited for, and {@link Result#after()}
   * may still be activating (see the interface's Javadoc).
   */
  Result restart(String name, boolean dryRun, Scope scope, boolean noBlock)
      throws UnitNotFoundException;

  /**
   * Reloads the unit's configuration ({@code systemctl reload}, the unit's {@code ExecReload=}):
   * Python {@code reload(name)}. A reload leaves no trace in the unit's state, so {@link
   * Result#changed()} is true when it was delivered: the one method whose {@code changed} means
   * that something ran.
   *
   * @throws io.rmote.python.CalledProcessError if the unit is not active or has no {@code
   *     ExecReload=} (systemd refuses); a dry run warns instead
   */
  Result reload(String name) throws UnitNotFoundException;

  /** {@link #reload(String)}, or with {@code dryRun} what it would do. */
  Result reload(String name, boolean dryRun) throws UnitNotFoundException;

  /** {@link #reload(String)}, with or without the daemon-reload systemd asks for. */
  Result reload(String name, boolean dryRun, boolean daemonReload) throws UnitNotFoundException;

  /**
   * {@link #reload(String, boolean)} in the manager {@code scope} names; with {@code noBlock},
   * {@code systemctl --no-block}: the job is queued and not waited for, and {@link Result#after()}
   * may still be activating (see the interface's Javadoc).
   */
  Result reload(String name, boolean dryRun, Scope scope, boolean noBlock)
      throws UnitNotFoundException;

  /**
   * Enables the unit ({@code systemctl enable}) unless its unit file state is {@link
   * UnitFileState#ENABLED}: Python {@code enable(name)}. {@code enabled-runtime} becomes {@code
   * enabled} (a change). A static, indirect, generated, transient, alias or bad unit cannot be
   * enabled: no change, a warning.
   *
   * @throws io.rmote.python.CalledProcessError for a masked unit (systemd refuses)
   */
  Result enable(String name) throws UnitNotFoundException;

  /** {@link #enable(String)}, or with {@code dryRun} what it would do. */
  Result enable(String name, boolean dryRun) throws UnitNotFoundException;

  /** {@link #enable(String)}, with or without the daemon-reload systemd asks for. */
  Result enable(String name, boolean dryRun, boolean daemonReload) throws UnitNotFoundException;

  /** {@link #enable(String, boolean)} in the manager {@code scope} names. */
  Result enable(String name, boolean dryRun, Scope scope) throws UnitNotFoundException;

  /**
   * Disables the unit ({@code systemctl disable}) when its unit file state is enabled,
   * enabled-runtime, linked or linked-runtime: Python {@code disable(name)}. A static unit stays
   * static, and is reported unchanged with a warning (mask it to keep it from starting); the
   * library reported it changed on every run. A masked or missing unit: no change.
   */
  Result disable(String name);

  /** {@link #disable(String)}, or with {@code dryRun} what it would do. */
  Result disable(String name, boolean dryRun);

  /** {@link #disable(String)}, with or without the daemon-reload systemd asks for. */
  Result disable(String name, boolean dryRun, boolean daemonReload);

  /** {@link #disable(String, boolean)} in the manager {@code scope} names. */
  Result disable(String name, boolean dryRun, Scope scope);

  /**
   * Masks the unit ({@code systemctl mask}: its name links to {@code /dev/null}, so nothing can
   * start it) unless masked already. An addition of ours.
   *
   * @throws io.rmote.python.CalledProcessError if the unit's file is in {@code /etc/systemd/system}
   *     (systemd refuses to replace it)
   */
  Result mask(String name);

  /** {@link #mask(String)}, or with {@code dryRun} what it would do. */
  Result mask(String name, boolean dryRun);

  /** {@link #mask(String, boolean)} in the manager {@code scope} names. */
  Result mask(String name, boolean dryRun, Scope scope);

  /**
   * Unmasks the unit ({@code systemctl unmask}) when masked. An addition of ours. A dry run cannot
   * see the unit under the mask: its {@link Result#after()} has {@link LoadState#UNKNOWN} and
   * {@link UnitFileState#UNKNOWN}.
   */
  Result unmask(String name);

  /** {@link #unmask(String)}, or with {@code dryRun} what it would do. */
  Result unmask(String name, boolean dryRun);

  /** {@link #unmask(String, boolean)} in the manager {@code scope} names. */
  Result unmask(String name, boolean dryRun, Scope scope);

  /** {@code systemctl daemon-reload}: Python {@code daemon_reload()}. */
  void daemonReload();

  /** {@link #daemonReload()}, or nothing with {@code dryRun}. */
  void daemonReload(boolean dryRun);

  /** {@link #daemonReload(boolean)} of the manager {@code scope} names. */
  void daemonReload(boolean dryRun, Scope scope);

  /**
   * Brings the unit to {@code started} and {@code enabled}: enable or disable first, then start or
   * stop, each only if needed, one {@link Result} for both: Python {@code converge(name,
   * started=..., enabled=...)}. The library reported a static unit changed on every {@code
   * enabled=false} run; ours reports a real difference only (and warns). A missing unit converged
   * to stopped and disabled is no change; to anything else, {@code FileNotFoundError}.
   */
  Result converge(String name, boolean started, boolean enabled) throws UnitNotFoundException;

  /** {@link #converge(String, boolean, boolean)}, or with {@code dryRun} what it would do. */
  Result converge(String name, boolean started, boolean enabled, boolean dryRun)
      throws UnitNotFoundException;

  /** {@link #converge(String, boolean, boolean)}, with or without the daemon-reload. */
  Result converge(
      String name, boolean started, boolean enabled, boolean dryRun, boolean daemonReload)
      throws UnitNotFoundException;

  /** {@link #converge(String, boolean, boolean, boolean)} in the manager {@code scope} names. */
  Result converge(String name, boolean started, boolean enabled, boolean dryRun, Scope scope)
      throws UnitNotFoundException;

  /**
   * Waits up to 30 s for the unit to be active and to have stayed active for 1 s: {@link
   * #waitActive(String, double, double)}.
   */
  UnitStatus waitActive(String name) throws UnitNotFoundException;

  /**
   * Waits until the unit is {@link ActiveState#ACTIVE} and has been for {@code settle} seconds (a
   * simple service whose process exits at once is active for an instant), reading its state every
   * 0.1 s; returns that state. An addition of ours.
   *
   * @param timeout seconds to wait at most
   * @param settle seconds the unit must have been active (by its {@code
   *     ActiveEnterTimestampMonotonic}, so a unit active for long returns at once)
   * @throws io.rmote.python.RuntimeError if the unit is or becomes failed or inactive; the message
   *     gives systemd's {@code Result}, the main process's exit code and status, and the unit's
   *     last 10 journal lines
   * @throws io.rmote.python.TimeoutError if it is not active after {@code timeout}, with the same
   *     details
   * @throws io.rmote.python.FileNotFoundError if the unit does not exist
   */
  UnitStatus waitActive(String name, double timeout, double settle) throws UnitNotFoundException;

  /**
   * {@link #waitActive(String, double, double)} for a unit of the manager {@code scope} names; the
   * journal lines of a failure are the user unit's ({@code journalctl --user-unit}).
   */
  UnitStatus waitActive(String name, double timeout, double settle, Scope scope)
      throws UnitNotFoundException;
}
