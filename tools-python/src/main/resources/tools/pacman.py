"""Pacman: Arch Linux packages on the remote, through pacman(8).

The Python library's `update`, `package` and `converge`, with its `State`, `Package` and
`Result` types, plus `sync` (many packages, one transaction, a typed `Transaction`) and
`installed`. What differs from the library, and why:
- a refresh is always a full upgrade: `-Syu`, never `-Sy` then `-S` (the partial upgrade Arch
  does not support); the keyring package is upgraded first, so new packagers' keys are known;
- `-S --needed`, every target in one transaction; one read of the local database per call;
- a held `db.lck` is waited for (pacman fails at once), with LockTimeout (a TimeoutError) naming it;
- `changed` compares the local database before and after; every mutating method has `dry_run`,
  computed with `--print` (against a throwaway copy of the sync databases when it refreshes).
Extras: removal options (`recursive` -Rs, `cascade` -Rc, `nosave` -Rn), the install reason
(`reason`: installed as a dependency or explicitly, changed with `pacman -D` when it differs) and
`overwrite` globs (`--overwrite`).
"""
import enum
import os
import shutil
import subprocess
import tempfile
import time
import typing
from typing import Dict, List, Optional, Union

from rmote.protocol import Tool
from rmote.support.locks import resource_lock

CONFIG = "/etc/pacman.conf"
KEYRING = "archlinux-keyring"
LOCK_TIMEOUT = 300.0
STAMP = ".rmote-update"  # the library's stamp, in the database folder


class State(enum.IntEnum):
    PRESENT = 0
    ABSENT = 1
    LATEST = 2


class Reason(enum.Enum):
    """Why a package is installed, as pacman records it (%REASON% in the local database):
    EXPLICIT (asked for; `pacman -Qe`) or DEPENDENCY (pulled in; `pacman -Qd`, and removed by
    `-Rs` or listed by `-Qdt` once nothing needs it)."""
    EXPLICIT = "explicit"
    DEPENDENCY = "dependency"


class Package(typing.NamedTuple):
    """A target: a package, group or virtual (provided) name and the state asked for. The
    version is parsed from "name=version" and ignored, as the library does: pacman installs
    what its sync databases hold."""
    name: str
    state: State = State.PRESENT
    version: str = ""

    @classmethod
    def parse(cls, s, state=State.PRESENT):
        if isinstance(s, tuple) and hasattr(s, "name"):
            return cls(s.name, State(s.state), getattr(s, "version", "") or "")
        if not isinstance(s, str):
            raise TypeError("Expected str or Package, got %r" % type(s).__name__)
        return cls.from_string(s, State(state))

    @classmethod
    def from_string(cls, s, state=State.PRESENT):
        name, _, version = s.partition("=")
        return cls(name, State(state), version)

    def __str__(self):
        return self.name


class Change(typing.NamedTuple):
    """One package whose installed version differs: "" before for an install, "" after for a
    removal."""
    name: str
    before: str
    after: str


class Result(typing.NamedTuple):
    """One target. The library's `name`, `changed`, `version` (installed after; "" when absent
    or for a group) first; `before` and `after` are the installed versions of the package of
    that name ("" when not installed, or for a group or virtual name); `packages` the changes
    this target made (its own, or its group's members, or its provider)."""
    name: str
    changed: bool
    version: str = ""
    state: State = State.PRESENT
    before: str = ""
    after: str = ""
    packages: List[Change] = []
    reason: Optional[Reason] = None

    @classmethod
    def from_package(cls, package, changed):
        return cls(package.name, changed, package.version, package.state)


class Transaction(typing.NamedTuple):
    """What one `sync` did (in a dry run: would do). `changes` is every package whose version
    differs between the database before and after, dependencies and upgrades included, by name;
    `refreshed` whether the sync databases were downloaded; `keyring` the keyring package's
    change when it was upgraded first; `commands` the pacman command lines run."""
    changed: bool
    results: List[Result]
    changes: List[Change]
    refreshed: bool
    keyring: List[Change]
    commands: List[str]
    warnings: List[str]
    reasons: List[Change] = []


class PacmanError(subprocess.CalledProcessError):
    """A pacman command failed: CalledProcessError whose message ends with pacman's own (its
    standard error: "target not found", "unable to lock database", a signature it refused)."""

    def __str__(self):
        detail = (self.stderr or "").strip()
        return super(PacmanError, self).__str__() + ("\n" + detail if detail else "")


class _Local(typing.NamedTuple):
    version: str
    groups: List[str]
    provides: List[str]
    reason: str = "explicit"


def _read_local(dbpath):
    """The local database in one pass over DBPath/local/*/desc: name -> _Local."""
    result = {}
    local = os.path.join(dbpath, "local")
    try:
        entries = os.listdir(local)
    except FileNotFoundError:
        return result
    for entry in entries:
        try:
            with open(os.path.join(local, entry, "desc"), encoding="utf-8") as f:
                text = f.read()
        except (FileNotFoundError, NotADirectoryError):
            continue
        fields = {}
        key = None
        for line in text.split("\n"):
            if line.startswith("%") and line.endswith("%"):
                key = line[1:-1]
                fields[key] = []
            elif line and key is not None:
                fields[key].append(line)
        name = fields.get("NAME", [""])[0]
        if name:
            provides = [p.split("=")[0].split("<")[0].split(">")[0]
                        for p in fields.get("PROVIDES", [])]
            reason = "dependency" if fields.get("REASON", ["0"])[0] == "1" else "explicit"
            result[name] = _Local(fields.get("VERSION", [""])[0], fields.get("GROUPS", []),
                                  provides, reason)
    return result


class _Paths(typing.NamedTuple):
    config: str
    root: str
    dbpath: str
    lockfile: str
    gpgdir: str


def paths(config):
    """The folders pacman itself uses with `config`, from `pacman -v`'s header."""
    p = subprocess.run(["pacman", "--config", config, "-v", "-T"], stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                       env=_env(), timeout=60)
    values = {}
    for line in p.stdout.split("\n"):
        key, sep, value = line.partition(":")
        if sep:
            values[key.strip()] = value.strip()
    if "DB Path" not in values:
        raise subprocess.CalledProcessError(p.returncode, ["pacman", "--config", config, "-v"],
                                            p.stdout, p.stderr)
    dbpath = values["DB Path"]
    return _Paths(config, values.get("Root", "/"), dbpath,
                  values.get("Lock File") or os.path.join(dbpath, "db.lck"),
                  values.get("GPG Dir", ""))


def _env():
    env = dict(os.environ)
    env["LC_ALL"] = "C"
    return env


def _holders(lockfile):
    """The processes that have `lockfile` open: alpm keeps it open while it holds it."""
    found = []
    lockfile = os.path.realpath(lockfile)
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return found
    for pid in pids:
        try:
            fds = os.listdir("/proc/%s/fd" % pid)
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink("/proc/%s/fd/%s" % (pid, fd)) == lockfile:
                    with open("/proc/%s/comm" % pid) as f:
                        found.append("%s (%s)" % (pid, f.read().strip()))
                    break
            except OSError:
                continue
    return found


class LockTimeout(TimeoutError):
    """pacman's database lock (`lock`, its db.lck) stayed for `timeout` seconds. `holders` are the
    processes holding it open, as "pid (command)"; none means a lock left by a pacman that died,
    which is never deleted for the caller (another front end may hold it: pamac #246)."""

    def __init__(self, lock, timeout, holders):
        if holders:
            why = "held open by pid " + ", ".join(holders)
        else:
            why = ("no process has it open: a lock left by a pacman that died? remove it only "
                   "once no pacman runs")
        super(LockTimeout, self).__init__(
            "pacman database lock %s still exists after %ss (%s)" % (lock, timeout, why))
        self.lock = lock
        self.timeout = timeout
        self.holders = list(holders)


def _locked_error(lockfile, timeout):
    return LockTimeout(lockfile, timeout, _holders(lockfile))


class _Pacman(object):
    """pacman runs for one call: the config, the database lock wait, the commands run."""

    def __init__(self, config, lock_timeout, dry_run):
        self.paths = paths(config)
        self.timeout = lock_timeout
        self.deadline = time.monotonic() + lock_timeout
        self.dry_run = dry_run
        self.commands = []

    def wait_lock(self):
        while os.path.exists(self.paths.lockfile):
            if time.monotonic() >= self.deadline:
                raise _locked_error(self.paths.lockfile, self.timeout)
            time.sleep(0.2)

    def run(self, *args, **kw):
        """pacman with our config and args; with change=True only outside a dry run (the
        command is recorded either way). Another process may take the lock between our look
        and pacman's: its "unable to lock database" is retried until the deadline."""
        argv = ["pacman", "--config", self.paths.config, "--noconfirm"]
        if args[0] != "-D":  # the database operation takes no --noprogressbar
            argv.append("--noprogressbar")
        argv += [a for a in args]
        if kw.get("change"):
            self.commands.append(" ".join(argv))
            if self.dry_run:
                return ""
        while True:
            self.wait_lock()
            p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, universal_newlines=True, env=_env(),
                               timeout=kw.get("timeout", 3600))
            if p.returncode == 0 or (kw.get("ok_rc") and p.returncode in kw["ok_rc"]):
                return p.stdout
            if "unable to lock database" in p.stderr and time.monotonic() < self.deadline:
                time.sleep(0.2)
                continue
            if "unable to lock database" in p.stderr:
                raise _locked_error(self.paths.lockfile, self.timeout)
            raise PacmanError(p.returncode, argv, p.stdout, p.stderr)

    def fresh(self, ttl):
        """Whether the sync databases are younger than ttl seconds: our stamp or any sync/*.db
        (a refresh by anyone counts)."""
        if ttl is None or ttl < 0:
            return False
        newest = 0.0
        candidates = [os.path.join(self.paths.dbpath, STAMP)]
        sync = os.path.join(self.paths.dbpath, "sync")
        try:
            candidates += [os.path.join(sync, n) for n in os.listdir(sync) if n.endswith(".db")]
        except OSError:
            pass
        for c in candidates:
            try:
                newest = max(newest, os.stat(c).st_mtime)
            except OSError:
                pass
        return time.time() - newest < ttl

    def stamp(self):
        path = os.path.join(self.paths.dbpath, STAMP)
        with open(path, "a"):
            os.utime(path, None)


def _plan(out):
    """`--print-format "%n %v %G"` lines: name -> (version, groups)."""
    plan = {}
    for line in out.split("\n"):
        parts = line.split(" ")
        if len(parts) >= 2 and parts[0] and not line.startswith(("warning:", "::")):
            plan[parts[0]] = (parts[1], [g for g in parts[2:] if g])
    return plan


def _scratch_db(pm):
    """A throwaway database folder: the real local database linked in, copies of the sync
    databases, so a dry run can download and plan without changing the real ones (what
    checkupdates does)."""
    tmp = tempfile.mkdtemp(prefix="rmote-pacman-")
    os.symlink(os.path.join(pm.paths.dbpath, "local"), os.path.join(tmp, "local"))
    sync = os.path.join(pm.paths.dbpath, "sync")
    if os.path.isdir(sync):
        shutil.copytree(sync, os.path.join(tmp, "sync"))
    return tmp


def _attribute(target, before, after, changes):
    if target in before or target in after:
        return [c for c in changes if c.name == target]
    found = []
    for c in changes:
        entry = after.get(c.name) or before.get(c.name)
        if entry is not None and (target in entry.groups or target in entry.provides):
            found.append(c)
    return found


def _remove_flag(recursive, cascade, nosave):
    return "-R" + ("s" if recursive else "") + ("c" if cascade else "") + ("n" if nosave else "")


def _reason_targets(targets, local):
    """The installed packages a reason applies to: each PRESENT or LATEST target that is a
    package, else the installed members of the group or providers of the name it is."""
    names = []
    for t in targets:
        if t.state == State.ABSENT:
            continue
        if t.name in local:
            found = [t.name]
        else:
            found = sorted(n for n, e in local.items()
                           if t.name in e.groups or t.name in e.provides)
        names.extend(n for n in found if n not in names)
    return names


def _sync(packages, refresh, ttl, dry_run, recursive, keyring, lock_timeout, config,
          nosave=False, cascade=False, reason=None, overwrite=None):
    targets = [Package.parse(p) for p in packages]
    reason = None if reason is None else Reason(reason)
    overwrite_args = []
    for glob in overwrite or []:
        # alpm matches the globs against file paths relative to the root ("usr/lib/x"); the
        # absolute form people write ("/usr/lib/x") would match nothing (pacman 6.0, found here).
        negated = glob.startswith("!")
        overwrite_args += ["--overwrite", ("!" if negated else "") + glob[negated:].lstrip("/")]
    removal = _remove_flag(recursive, cascade, nosave)
    pm = _Pacman(config, lock_timeout, dry_run)
    warnings = []
    with resource_lock("pacman:" + pm.paths.dbpath):
        pm.wait_lock()
        before = _read_local(pm.paths.dbpath)
        provided = set()
        for entry in before.values():
            provided.update(entry.provides)
        remove = [t.name for t in targets if t.state == State.ABSENT
                  and (t.name in before or any(t.name in e.groups for e in before.values()))]
        wanted = [t.name for t in targets if t.state == State.PRESENT
                  and t.name not in before and t.name not in provided]
        if wanted:
            # A group is present when every member the sync databases list is installed
            # (a partly installed group is not: community.general #6290).
            members = {}
            for line in pm.run("-Sgg", ok_rc=(1,)).split("\n"):
                group, _, member = line.partition(" ")
                if member:
                    members.setdefault(group, []).append(member)
            wanted = [n for n in wanted
                      if n not in members or any(m not in before for m in members[n])]
        install = [t.name for t in targets if t.state == State.LATEST or t.name in wanted]
        download = refresh and not pm.fresh(ttl)
        upgrade = bool(refresh)
        keyring_first = bool(upgrade and keyring and keyring in before)
        predicted = dict(before)
        scratch = None
        try:
            dbflag = []
            if dry_run and download:
                scratch = _scratch_db(pm)
                dbflag = ["--dbpath", scratch]
                pm.run(*(dbflag + ["-Sy"]))
            if remove and dry_run:
                # pacman refuses --nosave with --print; what goes is the same without it
                out = pm.run(_remove_flag(recursive, cascade, False), "--print",
                             "--print-format", "%n %v", *remove)
                for name in _plan(out):
                    predicted.pop(name, None)
            if (install or upgrade) and dry_run:
                out = pm.run(*(dbflag + ["-S" + ("u" if upgrade else ""), "--needed", "--print",
                                         "--print-format", "%n %v %G"] + install))
                for name, (version, groups) in _plan(out).items():
                    old = before.get(name)
                    explicit = name in install or any(g in install for g in groups)
                    predicted[name] = _Local(
                        version, groups, old.provides if old else [],
                        old.reason if old else ("explicit" if explicit else "dependency"))
                for t in install:
                    if t not in predicted and t not in provided:
                        # A virtual name: which package provides it, pacman says.
                        out = pm.run(*(dbflag + ["-S", "--needed", "--print", "--print-format",
                                                 "%n", t]))
                        for name in [n for n in out.split("\n") if n and " " not in n]:
                            if name in predicted:
                                predicted[name] = predicted[name]._replace(
                                    provides=predicted[name].provides + [t])
            if not upgrade and any(t.state == State.LATEST for t in targets):
                pending = pm.run("-Qu", ok_rc=(1,))
                others = [line.split(" ")[0] for line in pending.split("\n") if line
                          and line.split(" ")[0] not in install]
                if others:
                    warnings.append("updates are pending for %s: refresh=True upgrades the "
                                    "whole system" % ", ".join(sorted(others)))
        finally:
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)
        if remove:
            pm.run(removal, *remove, change=True)
        download_flag = "y" if download else ""
        if keyring_first:
            # Arch's order: the keys of new packagers are known before their packages are
            # verified (pacman checks every signature before it installs anything).
            pm.run("-S" + download_flag, "--needed", keyring, change=True)
            download_flag = ""
        if upgrade or install:
            pm.run(*(["-S" + download_flag + ("u" if upgrade else ""), "--needed"]
                     + overwrite_args + install), change=True)
        if download and not dry_run:
            pm.stamp()
        after = predicted if dry_run else _read_local(pm.paths.dbpath)
        if reason is not None:
            # After the install, so that upgrades in the same transaction keep their reason
            # (pacman -S --asdeps would mark every package of a -Syu a dependency).
            other = [n for n in _reason_targets(targets, after)
                     if after[n].reason != reason.value]
            if other:
                pm.run("-D", "--as" + ("deps" if reason == Reason.DEPENDENCY else "explicit"),
                       *other, change=True)
                if dry_run:
                    for n in other:
                        after[n] = after[n]._replace(reason=reason.value)
                else:
                    after = _read_local(pm.paths.dbpath)
    changes = []
    for name in sorted(set(before) | set(after)):
        b = before[name].version if name in before else ""
        a = after[name].version if name in after else ""
        if a != b:
            changes.append(Change(name, b, a))
    reasons = [Change(n, before[n].reason, after[n].reason) for n in sorted(before)
               if n in after and before[n].reason != after[n].reason]
    results = []
    for t in targets:
        mine = _attribute(t.name, before, after, changes)
        mine_reasons = _attribute(t.name, before, after, reasons)
        b = before[t.name].version if t.name in before else ""
        a = after[t.name].version if t.name in after else ""
        why = Reason(after[t.name].reason) if t.name in after else None
        results.append(Result(t.name, bool(mine or mine_reasons), a, t.state, b, a, mine, why))
    keyring_changes = [c for c in changes if keyring_first and c.name == keyring]
    return Transaction(bool(changes or reasons), results, changes, download, keyring_changes,
                       pm.commands, warnings, reasons)


class Pacman(Tool):
    """Manage Arch Linux packages with pacman (root for changes). Calls on one host that touch
    one package database run one at a time; each waits up to `lock_timeout` seconds for
    another program's db.lck to go."""

    @staticmethod
    def update(ttl: float = -1, dry_run: bool = False, keyring: str = KEYRING,
               lock_timeout: float = LOCK_TIMEOUT, config: str = CONFIG) -> bool:
        """Refreshes the sync databases and upgrades the whole system (`pacman -Syu`, keyring
        first): never `-Sy` alone. Skips the download when the sync databases are younger than
        `ttl` seconds (-1: always), and still upgrades. True when the databases were (in a dry
        run: would be) downloaded."""
        return _sync([], True, ttl, dry_run, False, keyring, lock_timeout, config).refreshed

    @staticmethod
    def package(package: Union[str, Package], state: State = State.PRESENT, dry_run: bool = False,
                refresh: bool = False, ttl: float = -1, recursive: bool = False,
                keyring: str = KEYRING, lock_timeout: float = LOCK_TIMEOUT,
                config: str = CONFIG, nosave: bool = False, cascade: bool = False,
                reason: Optional[Reason] = None, overwrite: List[str] = None) -> Result:
        """One package (a name or a Package; "name=version" is accepted, the version ignored)
        brought to `state`: PRESENT installs if absent (`-S --needed`), ABSENT removes
        (`-R`; `s` recursive, `c` cascade, `n` nosave), LATEST installs or upgrades.
        refresh=True: `-Syu` with it in one transaction. `reason`: the install reason it must
        have (`pacman -D --asdeps/--asexplicit` when it differs); `overwrite`: globs of files
        the install may overwrite (`--overwrite`)."""
        return _sync([Package.parse(package, state)], refresh, ttl, dry_run, recursive,
                     keyring, lock_timeout, config, nosave, cascade, reason,
                     overwrite).results[0]

    @staticmethod
    def converge(*packages: Union[str, Package], dry_run: bool = False, refresh: bool = False,
                 ttl: float = -1, recursive: bool = False, keyring: str = KEYRING,
                 lock_timeout: float = LOCK_TIMEOUT, config: str = CONFIG,
                 nosave: bool = False, cascade: bool = False, reason: Optional[Reason] = None,
                 overwrite: List[str] = None) -> List[Result]:
        """Every package (names are PRESENT; a Package keeps its state) in one transaction;
        one Result each, in order."""
        return _sync(list(packages), refresh, ttl, dry_run, recursive, keyring, lock_timeout,
                     config, nosave, cascade, reason, overwrite).results

    @staticmethod
    def sync(packages: List[Package], refresh: bool = False, ttl: float = -1,
             dry_run: bool = False, recursive: bool = False, keyring: str = KEYRING,
             lock_timeout: float = LOCK_TIMEOUT, config: str = CONFIG, nosave: bool = False,
             cascade: bool = False, reason: Optional[Reason] = None,
             overwrite: List[str] = None) -> Transaction:
        """`converge` with the whole transaction as the answer."""
        return _sync(list(packages), refresh, ttl, dry_run, recursive, keyring, lock_timeout,
                     config, nosave, cascade, reason, overwrite)

    @staticmethod
    def installed(config: str = CONFIG) -> Dict[str, str]:
        """The local database: package name -> installed version."""
        return {k: v.version for k, v in _read_local(paths(config).dbpath).items()}
