"""Service: systemd units on the remote, through systemctl.

The Python library's `status`, `start`, `stop`, `restart`, `reload`, `enable`, `disable`,
`daemon_reload` and `converge`, with its `State` and `Result` types, plus `mask`, `unmask`,
`statuses` and `wait_active`. The state comes from one `systemctl show` per call, typed (the
library ran `is-active` and `is-enabled` and read only their exit codes), so a static unit is
never reported changed by `disable` (Ansible #28247) and a missing unit is `NOT_FOUND`, not
"stopped and disabled". `changed` is the observed difference between the state before and
after; every mutating method takes `dry_run`. Every method takes `scope`: the system's manager
(the default) or a user's (`systemctl --user`); start, stop, restart and reload take `no_block`.
"""
import enum
import errno
import os
import pwd
import re
import subprocess
import time
import typing
from typing import List, Optional

from rmote.protocol import Tool
from rmote.support.locks import resource_lock


class UnitNotFound(FileNotFoundError):
    """The unit does not exist for this manager (systemd's LoadState not-found): `unit` is its
    name as systemd resolved it (`nginx` as `nginx.service`). A FileNotFoundError, with `unit` as
    its filename."""

    def __init__(self, unit):
        super(UnitNotFound, self).__init__(errno.ENOENT, "systemd unit not found", unit)
        self.unit = unit


class State(enum.IntEnum):
    """The library's enum; no method takes it."""
    STARTED = 0
    STOPPED = 1
    RESTARTED = 2
    RELOADED = 3


class LoadState(enum.Enum):
    """systemd's LoadState; UNKNOWN for a value this version does not know."""
    STUB = "stub"
    LOADED = "loaded"
    NOT_FOUND = "not-found"
    BAD_SETTING = "bad-setting"
    ERROR = "error"
    MERGED = "merged"
    MASKED = "masked"
    UNKNOWN = ""


class ActiveState(enum.Enum):
    """systemd's ActiveState; UNKNOWN for a value this version does not know."""
    ACTIVE = "active"
    RELOADING = "reloading"
    INACTIVE = "inactive"
    FAILED = "failed"
    ACTIVATING = "activating"
    DEACTIVATING = "deactivating"
    MAINTENANCE = "maintenance"
    REFRESHING = "refreshing"
    UNKNOWN = ""


class UnitFileState(enum.Enum):
    """systemd's UnitFileState (what `systemctl is-enabled` prints). NOT_FOUND when the unit
    does not exist; UNKNOWN when systemd gives none (a unit with no file) or a new value."""
    ENABLED = "enabled"
    ENABLED_RUNTIME = "enabled-runtime"
    LINKED = "linked"
    LINKED_RUNTIME = "linked-runtime"
    ALIAS = "alias"
    MASKED = "masked"
    MASKED_RUNTIME = "masked-runtime"
    STATIC = "static"
    INDIRECT = "indirect"
    DISABLED = "disabled"
    GENERATED = "generated"
    TRANSIENT = "transient"
    BAD = "bad"
    NOT_FOUND = "not-found"
    UNKNOWN = ""


# The states `systemctl is-enabled` exits 0 for: the library's meaning of `enabled`.
_ENABLED = (UnitFileState.ENABLED, UnitFileState.ENABLED_RUNTIME, UnitFileState.ALIAS,
            UnitFileState.STATIC, UnitFileState.INDIRECT, UnitFileState.GENERATED,
            UnitFileState.TRANSIENT)
# The states `systemctl is-active` exits 0 for: the library's meaning of `started`.
_STARTED = (ActiveState.ACTIVE, ActiveState.RELOADING, ActiveState.REFRESHING)
# Unit file states that `systemctl enable` and `disable` cannot change: there is no [Install]
# section to follow (static, indirect is only reached through Also=), or the file is not ours.
_FIXED = (UnitFileState.STATIC, UnitFileState.INDIRECT, UnitFileState.GENERATED,
          UnitFileState.TRANSIENT, UnitFileState.ALIAS, UnitFileState.BAD)
_MASKED = (UnitFileState.MASKED, UnitFileState.MASKED_RUNTIME)


class UnitStatus(typing.NamedTuple):
    """One unit as one `systemctl show` reads it. `name` is the name as given, `id` systemd's
    full name; `started` and `enabled` have the library's meaning (what `is-active` and
    `is-enabled` exit 0 for). `result` is systemd's Result ("success", "exit-code", "signal",
    "timeout", "core-dump", ...); `exec_main_code` and `exec_main_status` are the main
    process's (CLD_EXITED = 1 with the exit status, CLD_KILLED = 2 with the signal, ...).
    `active_enter_usec` is ActiveEnterTimestampMonotonic (microseconds of CLOCK_MONOTONIC, 0
    when never active); `invocation_id` is new at every start. Fields a unit type lacks (a
    target has no main process) are "", 0."""
    name: str
    id: str
    started: bool
    enabled: bool
    load_state: LoadState
    active_state: ActiveState
    sub_state: str
    unit_file_state: UnitFileState
    need_daemon_reload: bool
    result: str
    exec_main_code: int
    exec_main_status: int
    main_pid: int
    invocation_id: str
    active_enter_usec: int
    load_error: str
    fragment_path: str


class Scope(typing.NamedTuple):
    """Which systemd manager a call acts on. `user` False (the default): the system's. `user`
    True: a user's own manager (`systemctl --user`); `name` "" is the connecting user's (with
    XDG_RUNTIME_DIR and DBUS_SESSION_BUS_ADDRESS set for its uid, which `su` and `sudo -u` leave
    unset), a name is that user's through `systemctl --user --machine=NAME@` (root; systemd 248
    and later). A user's manager runs while the user is logged in, or always once lingering is
    enabled (`loginctl enable-linger NAME`); its unit files are in ~/.config/systemd/user.

    `all_users` True: `systemctl --global`, the user units enabled for every user (in
    /etc/systemd/user). `root` a folder: `systemctl --root=DIR`, the unit files of the tree at
    DIR (an image being prepared). Both touch unit files only, no manager: status reads the unit
    file state, enable, disable, mask and unmask work, and the other methods raise UnitFilesOnly.
    Neither goes with `user`."""
    user: bool = False
    name: str = ""
    root: str = ""
    all_users: bool = False


class Result(typing.NamedTuple):
    """What a mutating call did (or, in a dry run, would do). The library's four fields first:
    `started` and `enabled` are the state after, `changed` whether the state after differs
    from the state before. `before` and `after` are the unit as read before and after (in a
    dry run, `after` is the prediction); `daemon_reloaded` says whether systemd's configuration
    was (in a dry run: would be) reloaded first because it said the unit's files changed on
    disk."""
    name: str
    started: bool
    enabled: bool
    changed: bool
    before: UnitStatus
    after: UnitStatus
    daemon_reloaded: bool
    warnings: List[str]


_PROPERTIES = ("Id", "LoadState", "ActiveState", "SubState", "UnitFileState",
               "NeedDaemonReload", "Result", "ExecMainCode", "ExecMainStatus", "MainPID",
               "InvocationID", "ActiveEnterTimestampMonotonic", "LoadError", "FragmentPath")
# systemctl may wait on a job for as long as the unit's start timeout (90 s by default).
_SYSTEMCTL_TIMEOUT = 600


_VERSION = []
_OFFLINE = []


class UnitFilesOnly(RuntimeError):
    """No service manager to act on (systemd offline, `root`, `all_users`): only the unit files
    can be read and changed, so start, stop, restart, reload and waiting are refused."""


def _system_offline():
    """Why no system manager can be reached from here, "" when one can: SYSTEMD_OFFLINE=1, no
    /run/systemd/system (sd_booted()'s test: a chroot, a container or a system not booted with
    systemd), or `systemctl is-system-running` printing "offline" (a chroot that sees the host's
    /run: systemctl detects the chroot itself)."""
    if os.environ.get("SYSTEMD_OFFLINE") == "1":
        return "SYSTEMD_OFFLINE=1 is set"
    if not os.path.isdir("/run/systemd/system"):
        return "no /run/systemd/system: a chroot, or a system not booted with systemd"
    if not _OFFLINE:
        try:
            p = subprocess.run(["systemctl", "is-system-running"], stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               universal_newlines=True, timeout=60,
                               env=dict(os.environ, LC_ALL="C"))
            state = p.stdout.strip()
        except (OSError, subprocess.SubprocessError):
            state = ""
        _OFFLINE.append("systemctl is-system-running says offline" if state == "offline"
                        else "")
    return _OFFLINE[0]


def _systemd_version():
    """systemd's version number, from `systemctl --version` ("systemd 257 (257.9-1)")."""
    if not _VERSION:
        p = subprocess.run(["systemctl", "--version"], stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, timeout=60,
                           env=dict(os.environ, LC_ALL="C"))
        m = re.match(r"systemd (\d+)", p.stdout)
        _VERSION.append(int(m.group(1)) if m else 0)
    return _VERSION[0]


def _user_manager_runs(uid, name):
    # The user manager's own socket: systemctl --user talks to it without a D-Bus.
    if not os.path.exists("/run/user/%d/systemd/private" % uid):
        raise RuntimeError(
            "no systemd user manager runs for %s (uid %d): /run/user/%d/systemd/private does "
            "not exist. A user's manager runs while the user is logged in, or always once "
            "lingering is enabled: loginctl enable-linger %s" % (name, uid, uid, name))


class _Manager(object):
    """The manager a Scope names: systemctl's arguments and environment for it, and the prefix
    of its locks. RuntimeError when it does not run or cannot be reached from here."""

    def __init__(self, scope):
        self.args = []
        self.env = {}
        self.lock = "systemd"
        self.machine = ""
        self.uid = -1
        # Why only unit files can be touched ("" when a manager runs): offline, --root, --global.
        self.offline = ""
        if scope is not None and (scope.root or scope.all_users):
            if scope.user:
                raise ValueError("a user scope goes with neither root nor all_users")
            if scope.all_users:
                self.args.append("--global")
                self.offline = "--global scope: user units of every user, unit files only"
                self.lock = "systemd-global"
            if scope.root:
                if not os.path.isdir(scope.root):
                    raise FileNotFoundError(2, "no such folder for systemctl --root",
                                            scope.root)
                self.args.append("--root=" + scope.root)
                self.offline = "--root=%s: the unit files of a tree, no manager" % scope.root
                self.lock += ":" + os.path.realpath(scope.root)
            return
        offline = _system_offline()
        if offline:
            if scope is not None and scope.user:
                raise UnitFilesOnly("systemd is not running here (%s): no user manager either"
                                    % offline)
            self.offline = "systemd is not running here (%s)" % offline
            # systemctl acts on the unit files itself, without a manager (and refuses the rest).
            self.env = {"SYSTEMD_OFFLINE": "1"}
            return
        if scope is None or not scope.user:
            return
        if scope.name:
            try:
                pw = pwd.getpwnam(scope.name)
            except KeyError:
                raise RuntimeError("no user %r on this host" % scope.name)
            version = _systemd_version()
            if version < 248:
                raise RuntimeError(
                    "systemctl --user --machine=%s@ needs systemd 248 or later; this host has "
                    "systemd %d: connect as %s instead (scope with an empty name)"
                    % (pw.pw_name, version, pw.pw_name))
            _user_manager_runs(pw.pw_uid, pw.pw_name)
            self.args = ["--user", "--machine=%s@" % pw.pw_name]
            self.machine = pw.pw_name
            self.uid = pw.pw_uid
        else:
            self.uid = os.getuid()
            try:
                name = pwd.getpwuid(self.uid).pw_name
            except KeyError:
                name = str(self.uid)
            _user_manager_runs(self.uid, name)
            runtime = "/run/user/%d" % self.uid
            self.args = ["--user"]
            self.env = {"XDG_RUNTIME_DIR": runtime,
                        "DBUS_SESSION_BUS_ADDRESS": "unix:path=%s/bus" % runtime}
        self.lock = "systemd-user:%d" % self.uid


_UNIT_FILE_VERBS = ("is-enabled", "enable", "disable", "mask", "unmask")


def _online(manager, what):
    """UnitFilesOnly unless a manager runs: offline, systemctl 247 fails ("System has not been
    booted with systemd") but 257 and later, in a chroot, print "ignoring command" and exit 0,
    so a start would look done; --root and --global have no manager at all."""
    if manager.offline:
        raise UnitFilesOnly("%s: cannot %s (only enable, disable, mask, unmask and the unit file "
                            "state work)" % (manager.offline, what))


def _systemctl(*args, check=True, timeout=_SYSTEMCTL_TIMEOUT, manager=None):
    """Runs systemctl with output captured and the C locale; CalledProcessError on failure."""
    manager = manager or _Manager(None)
    if manager.offline and not any(a in _UNIT_FILE_VERBS for a in args):
        _online(manager, "run systemctl " + " ".join(args))
    env = dict(os.environ)
    env.update(manager.env)
    env["LC_ALL"] = "C"
    env["SYSTEMD_COLORS"] = "0"
    argv = ["systemctl", "--no-pager", "--no-ask-password"] + manager.args + list(args)
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env, timeout=timeout,
                           universal_newlines=True)
    except FileNotFoundError:
        if manager.offline:
            raise UnitFilesOnly("%s, and there is no systemctl" % manager.offline)
        raise
    if check and p.returncode != 0:
        if manager.machine and "Transport endpoint is not connected" in p.stderr:
            # --machine=USER@ runs systemd-stdio-bridge in a PAM session of the user's, which
            # finds the user's bus through the XDG_RUNTIME_DIR that pam_systemd sets.
            raise RuntimeError(
                "systemctl --user --machine=%s@ could not reach the user's bus (%s): it needs "
                "pam_systemd (Debian: libpam-systemd) and a user D-Bus (dbus-user-session) on "
                "this host; or connect as %s instead (scope with an empty name)"
                % (manager.machine, p.stderr.strip(), manager.machine))
        raise subprocess.CalledProcessError(p.returncode, argv, p.stdout, p.stderr)
    return p


def _unit(name):
    """The name systemctl means: a name without a unit suffix is a service."""
    base = name.rsplit("/", 1)[-1]
    if "." not in base or base.rsplit(".", 1)[1] not in (
            "service", "socket", "target", "device", "mount", "automount", "swap", "timer",
            "path", "slice", "scope"):
        return name + ".service"
    return name


def _enum(cls, value):
    try:
        return cls(value)
    except ValueError:
        return cls.UNKNOWN


def _int(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return 0


def _parse(name, props):
    load = _enum(LoadState, props.get("LoadState", ""))
    active = _enum(ActiveState, props.get("ActiveState", ""))
    file_state = props.get("UnitFileState", "")
    if not file_state and load is LoadState.NOT_FOUND:
        file_state = "not-found"
    unit_file = _enum(UnitFileState, file_state)
    return UnitStatus(
        name=name, id=props.get("Id", "") or _unit(name), started=active in _STARTED,
        enabled=unit_file in _ENABLED, load_state=load, active_state=active,
        sub_state=props.get("SubState", ""), unit_file_state=unit_file,
        need_daemon_reload=props.get("NeedDaemonReload", "no") == "yes",
        result=props.get("Result", ""), exec_main_code=_int(props.get("ExecMainCode")),
        exec_main_status=_int(props.get("ExecMainStatus")),
        main_pid=_int(props.get("MainPID")), invocation_id=props.get("InvocationID", ""),
        active_enter_usec=_int(props.get("ActiveEnterTimestampMonotonic")),
        load_error=props.get("LoadError", ""), fragment_path=props.get("FragmentPath", ""))


def _show(names, manager=None):
    """One `systemctl show` for all of `names`: blocks of Key=value lines, one per unit in the
    order given, separated by an empty line. A property a unit type lacks is not printed, and
    the order of the lines differs between systemd versions, so lines are read by key."""
    if not names:
        return []
    manager = manager or _Manager(None)
    if manager.offline:
        return [_offline_status(n, manager) for n in names]
    out = _systemctl("show", "-p", ",".join(_PROPERTIES), "--", *names,
                     manager=manager).stdout
    blocks = [[]]
    for line in out.split("\n"):
        if line == "":
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(line)
    blocks = [b for b in blocks if b]
    if len(blocks) != len(names):
        raise RuntimeError("systemctl show gave %d units for %d names: %r"
                           % (len(blocks), len(names), out))
    result = []
    for name, block in zip(names, blocks):
        props = {}
        for line in block:
            key, _, value = line.partition("=")
            props[key] = value
        result.append(_parse(name, props))
    return result


def _offline_status(name, manager):
    """The unit file state from `systemctl is-enabled`, which works without a manager; the
    rest is unknown. A missing unit: systemd 247 to 252 print "Failed to get unit file state
    ... No such file or directory", 257 and later "not-found"."""
    p = _systemctl("is-enabled", "--", name, check=False, manager=manager)
    state = p.stdout.strip().split("\n")[0] if p.stdout.strip() else ""
    if not state and "No such file" in p.stderr:
        state = "not-found"
    if not state:
        raise subprocess.CalledProcessError(p.returncode, ["systemctl", "is-enabled", name],
                                            p.stdout, p.stderr)
    unit_file = _enum(UnitFileState, state)
    load = {UnitFileState.NOT_FOUND: LoadState.NOT_FOUND, UnitFileState.MASKED: LoadState.MASKED,
            UnitFileState.MASKED_RUNTIME: LoadState.MASKED}.get(unit_file, LoadState.UNKNOWN)
    return UnitStatus(
        name=name, id=_unit(name), started=False, enabled=unit_file in _ENABLED,
        load_state=load, active_state=ActiveState.UNKNOWN, sub_state="",
        unit_file_state=unit_file, need_daemon_reload=False, result="", exec_main_code=0,
        exec_main_status=0, main_pid=0, invocation_id="", active_enter_usec=0, load_error="",
        fragment_path="")


def _status(name, manager=None):
    manager = manager or _Manager(None)
    if manager.offline:
        return _offline_status(name, manager)
    return _show([name], manager)[0]


def _predict(before, **fields):
    after = before._replace(**fields)
    return after._replace(started=after.active_state in _STARTED,
                          enabled=after.unit_file_state in _ENABLED)


def _key(s):
    """What a change is: a different load, activation or enablement state, a new invocation or
    main process (a restart), or systemd having reloaded the unit's changed files."""
    return (s.load_state, s.active_state, s.sub_state, s.unit_file_state, s.need_daemon_reload,
            s.invocation_id, s.main_pid)


class _Call(object):
    """One mutating call on one unit: the lock, the daemon-reload systemd asks for, the state
    before, and the Result."""

    def __init__(self, name, dry_run, daemon_reload, scope, allow_missing=False,
                 no_block=False, runtime=None):
        self.name = name
        self.manager = _Manager(scope)
        if runtime:
            # Refused up front, dry run included: without a manager nothing can be started.
            _online(self.manager, runtime + " " + name)
        self.no_block = no_block
        self.ran = False
        self.dry_run = dry_run
        self.auto_reload = daemon_reload
        self.allow_missing = allow_missing
        self.lock = resource_lock(self.manager.lock + ":" + _unit(name))
        self.reloaded = False
        self.warnings = []

    def __enter__(self):
        self.lock.__enter__()
        try:
            before = _status(self.name, self.manager)
            if before.need_daemon_reload:
                if not self.auto_reload:
                    self.warnings.append("unit files changed on disk; daemon_reload=False, "
                                         "so systemd still uses the old ones")
                elif self.dry_run:
                    self.warnings.append("would run daemon-reload: unit files changed on disk")
                    self.reloaded = True
                else:
                    with resource_lock(self.manager.lock):
                        _systemctl("daemon-reload", manager=self.manager)
                    self.reloaded = True
            self.first = before
            self.before = (_status(self.name, self.manager) if self.reloaded and not self.dry_run
                           else before)
            if self.before.load_state is LoadState.NOT_FOUND and not self.allow_missing:
                raise UnitNotFound(self.before.id)
        except BaseException:
            self.lock.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        self.lock.__exit__(*exc)
        return False

    def run(self, *args):
        self.ran = True
        if not self.dry_run:
            _systemctl(*args, manager=self.manager)

    def job(self, verb):
        """Runs a start, stop, restart or reload verb; with no_block, only queues its job."""
        _online(self.manager, verb + " " + self.name)
        if self.no_block:
            self.run("--no-block", verb, "--", self.name)
        else:
            self.run(verb, "--", self.name)

    def result(self, predicted, changed=None):
        if self.dry_run:
            after = predicted._replace(need_daemon_reload=predicted.need_daemon_reload
                                       and not self.reloaded)
        else:
            after = _status(self.name, self.manager)
        if changed is None:
            changed = _key(self.first) != _key(after) or self.reloaded
            if self.no_block and self.ran:
                # The job was queued and may not have begun when the state was read.
                changed = True
                if not self.dry_run:
                    self.warnings.append(
                        "no_block: the job was queued; %s was %s (%s) when read after it "
                        "(wait_active waits for the unit and gives the reason if it fails)"
                        % (after.id, after.active_state.value or "unknown", after.sub_state))
        return Result(self.name, after.started, after.enabled, changed, self.first, after,
                      self.reloaded, self.warnings)


def _journal(unit, lines, manager):
    """The unit's last journal lines, or "" when there is no journal to read."""
    if manager.uid >= 0:
        which = ["--user-unit", unit, "_UID=%d" % manager.uid]
    else:
        which = ["-u", unit]
    try:
        p = subprocess.run(["journalctl", "--no-pager", "-o", "cat", "-n", str(lines)] + which,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, universal_newlines=True, timeout=30,
                           env=dict(os.environ, LC_ALL="C"))
    except (OSError, subprocess.SubprocessError):
        return ""
    return p.stdout.strip() if p.returncode == 0 else ""


def _reason(s, lines, manager):
    text = "%s is %s (%s): Result=%s, main process code=%d status=%d" % (
        s.id, s.active_state.value or "unknown", s.sub_state, s.result or "-",
        s.exec_main_code, s.exec_main_status)
    journal = _journal(s.id, lines, manager)
    return text + ("\n" + journal if journal else "")


class Service(Tool):
    """Manage systemd units on the remote host through systemctl (root for changes).

    A mutating call holds the remote's lock of its unit, so calls in flight on one connection
    that touch one unit run one at a time; it runs `systemctl daemon-reload` first when systemd
    says the unit's files changed on disk (NeedDaemonReload), unless `daemon_reload=False`.

    `scope` (a Scope, None for the system's manager) picks the manager every method acts on.
    `no_block=True` (start, stop, restart, reload) runs `systemctl --no-block`: the job is queued
    and not waited for, the state after is read once and may still be activating (or
    deactivating), a queued job counts as a change, and a warning gives the state read; call
    `wait_active` to wait for the unit and get the reason when it fails."""

    @staticmethod
    def status(name: str, scope: Optional[Scope] = None) -> UnitStatus:
        """The unit as one `systemctl show` reads it; NOT_FOUND states for a missing unit."""
        return _status(name, _Manager(scope))

    @staticmethod
    def statuses(names: List[str], scope: Optional[Scope] = None) -> List[UnitStatus]:
        """Several units with one `systemctl show`, in the order given."""
        return _show(list(names), _Manager(scope))

    @staticmethod
    def start(name: str, dry_run: bool = False, daemon_reload: bool = True,
              scope: Optional[Scope] = None, no_block: bool = False) -> Result:
        """`systemctl start` unless the unit is active already."""
        with _Call(name, dry_run, daemon_reload, scope, no_block=no_block,
                   runtime="start") as c:
            if c.before.started:
                return c.result(c.before)
            c.job("start")
            return c.result(_predict(c.before, active_state=ActiveState.ACTIVE,
                                     sub_state="running"))

    @staticmethod
    def stop(name: str, dry_run: bool = False, daemon_reload: bool = True,
              scope: Optional[Scope] = None, no_block: bool = False) -> Result:
        """`systemctl stop` unless the unit is inactive (or failed) already."""
        with _Call(name, dry_run, daemon_reload, scope, allow_missing=True,
                   no_block=no_block, runtime="stop") as c:
            if c.before.active_state in (ActiveState.INACTIVE, ActiveState.FAILED):
                return c.result(c.before)
            c.job("stop")
            return c.result(_predict(c.before, active_state=ActiveState.INACTIVE,
                                     sub_state="dead", main_pid=0))

    @staticmethod
    def restart(name: str, dry_run: bool = False, daemon_reload: bool = True,
                scope: Optional[Scope] = None, no_block: bool = False) -> Result:
        """`systemctl restart`: always runs. Changed when a new process or invocation is
        observed (a new InvocationID or MainPID), which a restart that succeeds always
        gives."""
        with _Call(name, dry_run, daemon_reload, scope, no_block=no_block,
                   runtime="restart") as c:
            c.job("restart")
            return c.result(_predict(c.before, active_state=ActiveState.ACTIVE,
                                     sub_state="running", invocation_id="(new)"))

    @staticmethod
    def reload(name: str, dry_run: bool = False, daemon_reload: bool = True,
               scope: Optional[Scope] = None, no_block: bool = False) -> Result:
        """`systemctl reload` of an active unit (systemd refuses an inactive one: the
        CalledProcessError comes through). A reload leaves no trace in the unit's state, so
        `changed` is true when the reload was delivered: the one call whose `changed` means
        "it ran"."""
        with _Call(name, dry_run, daemon_reload, scope, no_block=no_block,
                   runtime="reload") as c:
            if not c.before.started and dry_run:
                c.warnings.append("%s is not active: systemd would refuse to reload it"
                                  % c.before.id)
                return c.result(c.before)
            c.job("reload")  # an inactive unit: systemd's refusal comes through
            return c.result(c.before, changed=True)

    @staticmethod
    def enable(name: str, dry_run: bool = False, daemon_reload: bool = True,
               scope: Optional[Scope] = None) -> Result:
        """`systemctl enable` unless the unit file state is enabled already. A static,
        indirect, generated, transient or alias unit cannot be enabled: no change, a
        warning."""
        with _Call(name, dry_run, daemon_reload, scope) as c:
            state = c.before.unit_file_state
            if state is UnitFileState.ENABLED:
                return c.result(c.before)
            if state in _FIXED:
                c.warnings.append("%s is %s: systemctl enable does not change it"
                                  % (c.before.id, state.value))
                return c.result(c.before)
            c.run("enable", "--", name)  # a masked unit: systemd's refusal comes through
            return c.result(_predict(c.before, unit_file_state=UnitFileState.ENABLED))

    @staticmethod
    def disable(name: str, dry_run: bool = False, daemon_reload: bool = True,
                scope: Optional[Scope] = None) -> Result:
        """`systemctl disable` when the unit file state is enabled (or linked). A static unit
        stays static and is never reported changed (the library, and Ansible in #28247,
        reported it changed on every run); a masked unit stays masked."""
        with _Call(name, dry_run, daemon_reload, scope, allow_missing=True) as c:
            state = c.before.unit_file_state
            if state in _FIXED:
                c.warnings.append("%s is %s: systemctl disable does not change it (mask it to "
                                  "keep it from starting)" % (c.before.id, state.value))
                return c.result(c.before)
            if state not in (UnitFileState.ENABLED, UnitFileState.ENABLED_RUNTIME,
                             UnitFileState.LINKED, UnitFileState.LINKED_RUNTIME):
                return c.result(c.before)
            c.run("disable", "--", name)
            return c.result(_predict(c.before, unit_file_state=UnitFileState.DISABLED))

    @staticmethod
    def mask(name: str, dry_run: bool = False, daemon_reload: bool = True,
              scope: Optional[Scope] = None) -> Result:
        """`systemctl mask` unless masked already: the unit cannot be started, by anyone.
        systemd refuses to mask a unit whose file is in /etc/systemd/system (the
        CalledProcessError comes through)."""
        with _Call(name, dry_run, daemon_reload, scope, allow_missing=True) as c:
            if c.before.unit_file_state in _MASKED:
                return c.result(c.before)
            c.run("mask", "--", name)
            return c.result(_predict(c.before, unit_file_state=UnitFileState.MASKED,
                                     load_state=LoadState.MASKED))

    @staticmethod
    def unmask(name: str, dry_run: bool = False, daemon_reload: bool = True,
               scope: Optional[Scope] = None) -> Result:
        """`systemctl unmask` when masked. A dry run cannot know the state under the mask: its
        `after` has UNKNOWN load and unit file states."""
        with _Call(name, dry_run, daemon_reload, scope, allow_missing=True) as c:
            if c.before.unit_file_state not in _MASKED:
                return c.result(c.before)
            c.run("unmask", "--", name)
            return c.result(_predict(c.before, unit_file_state=UnitFileState.UNKNOWN,
                                     load_state=LoadState.UNKNOWN))

    @staticmethod
    def daemon_reload(dry_run: bool = False, scope: Optional[Scope] = None) -> None:
        """`systemctl daemon-reload` (nothing in a dry run). Without a manager (offline,
        `root`, `all_users`) there is nothing to reload: nothing is done."""
        manager = _Manager(scope)
        if not dry_run and not manager.offline:
            with resource_lock(manager.lock):
                _systemctl("daemon-reload", manager=manager)

    @staticmethod
    def converge(name: str, *, started: bool = True, enabled: bool = True,
                 dry_run: bool = False, daemon_reload: bool = True,
                 scope: Optional[Scope] = None) -> Result:
        """Brings the unit to `started` and `enabled`: enable or disable first, then start or
        stop; one Result for both, changed only on a real difference."""
        with _Call(name, dry_run, daemon_reload, scope,
                   allow_missing=not started and not enabled,
                   runtime="converge (started=%s)" % started) as c:
            state = c.before
            if enabled and state.unit_file_state is not UnitFileState.ENABLED \
                    and state.unit_file_state not in _FIXED:
                c.run("enable", "--", name)
                state = _predict(state, unit_file_state=UnitFileState.ENABLED)
            elif not enabled and state.unit_file_state in (
                    UnitFileState.ENABLED, UnitFileState.ENABLED_RUNTIME, UnitFileState.LINKED,
                    UnitFileState.LINKED_RUNTIME):
                c.run("disable", "--", name)
                state = _predict(state, unit_file_state=UnitFileState.DISABLED)
            elif state.unit_file_state in _FIXED and enabled != state.enabled:
                c.warnings.append("%s is %s: systemctl %s does not change it" % (
                    state.id, state.unit_file_state.value, "enable" if enabled else "disable"))
            if started and not state.started:
                c.job("start")
                state = _predict(state, active_state=ActiveState.ACTIVE, sub_state="running")
            elif not started and state.active_state not in (ActiveState.INACTIVE,
                                                            ActiveState.FAILED):
                c.job("stop")
                state = _predict(state, active_state=ActiveState.INACTIVE, sub_state="dead",
                                 main_pid=0)
            return c.result(state)

    @staticmethod
    def wait_active(name: str, timeout: float = 30.0, settle: float = 1.0,
                    journal_lines: int = 10, scope: Optional[Scope] = None) -> UnitStatus:
        """Waits until the unit is active and has stayed active for `settle` seconds (a simple
        service whose process exits at once is active for an instant), then returns its status.
        Raises RuntimeError when it fails or stops, TimeoutError when `timeout` seconds pass
        first; either message carries systemd's Result, the main process's status and the
        unit's last `journal_lines` journal lines."""
        manager = _Manager(scope)
        _online(manager, "wait for " + name)
        deadline = time.monotonic() + timeout
        while True:
            s = _status(name, manager)
            if s.load_state is LoadState.NOT_FOUND:
                raise UnitNotFound(s.id)
            if s.active_state is ActiveState.ACTIVE:
                # ActiveEnterTimestampMonotonic is CLOCK_MONOTONIC, as time.monotonic() is.
                if time.monotonic() * 1e6 - s.active_enter_usec >= settle * 1e6:
                    return s
            elif s.active_state in (ActiveState.FAILED, ActiveState.INACTIVE):
                raise RuntimeError(_reason(s, journal_lines, manager))
            if time.monotonic() >= deadline:
                raise TimeoutError("not active after %ss: %s" % (timeout,
                                                                  _reason(s, journal_lines, manager)))
            time.sleep(0.1)
