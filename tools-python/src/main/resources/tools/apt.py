"""Apt: Debian packages through apt-get, their state read from the dpkg status file.

The Python library's `update`, `package` and `converge`, with its `State`, `Package` and `Result`
types, plus `status` and `apply`. Every call reads the dpkg status once (never a stale
snapshot), brings all the packages it is given to their states with one apt-get run, and reads
the status again; `changed` is the observed difference. A held package counts as installed (the
library counted it absent and "installed" it on every run). apt-get runs without questions
(DEBIAN_FRONTEND=noninteractive, a conffile policy, stdin on /dev/null) and waits for the dpkg
lock instead of failing; a dry run asks `apt-get -s` what would happen. Extras: `hold` and
`unhold` (dpkg selections), `autoremove`, local `.deb` files as packages, and `policy_rc_d`
(services kept from starting during one transaction).
"""
import enum
import os
import re
import subprocess
import time
import typing
from typing import List, Optional, Union

from rmote.protocol import Tool
from rmote.support.locks import resource_lock


class State(enum.IntEnum):
    """The library's enum: the state a package is brought to."""
    PRESENT = 0
    ABSENT = 1
    LATEST = 2


class ConffilePolicy(enum.Enum):
    """What dpkg does with a configuration file changed both locally and in the new package.
    KEEP_LOCAL: --force-confdef --force-confold (the local file stays, the package's is saved
    as .dpkg-dist); TAKE_NEW: --force-confnew alone (the package's replaces it, the local one
    is saved as .dpkg-old; with --force-confdef dpkg would prefer its default, which keeps)."""
    KEEP_LOCAL = "keep_local"
    TAKE_NEW = "take_new"


class Package(typing.NamedTuple):
    """A package and the state to bring it to; `version` ("" for any) pins `name=version`."""
    name: str
    state: State = State.PRESENT
    version: str = ""

    @classmethod
    def parse(cls, s: Union[str, "Package"], state: Optional[State] = None) -> "Package":
        """The explicit state, then Package.state, then PRESENT."""
        if isinstance(s, tuple) and hasattr(s, "name"):
            return cls(s.name, State(s.state if state is None else state), s.version or "")
        if not isinstance(s, str):
            raise TypeError("Expected str or Package, got %r" % type(s).__name__)
        return cls.from_string(s, State.PRESENT if state is None else State(state))

    @classmethod
    def from_string(cls, s: str, state: State = State.PRESENT) -> "Package":
        name, _, version = s.partition("=")
        return cls(name, state, version)

    def __str__(self):
        return "%s=%s" % (self.name, self.version) if self.version else self.name


class PackageStatus(typing.NamedTuple):
    """One package as the dpkg status says. `installed`: dpkg's status is installed (or
    triggers-awaited/-pending), whatever the selection, so a held package is installed.
    `version` is "" unless installed; `held`: the selection is hold (apt-mark hold); `status`
    is dpkg's status word (installed, config-files, not-installed, unpacked, half-configured,
    ...); `architecture` is "" for a package dpkg does not know."""
    name: str
    installed: bool
    version: str
    held: bool
    status: str
    architecture: str


class Result(typing.NamedTuple):
    """The library's three fields first: `version` is the version installed after ("" when
    not installed). `before` and `after` are the package as read before and after (in a dry
    run, `after` is apt-get -s's prediction); `changed` is whether they differ."""
    name: str
    changed: bool
    version: str = ""
    before: Optional[PackageStatus] = None
    after: Optional[PackageStatus] = None
    warnings: List[str] = []


class Options(typing.NamedTuple):
    """Every option of a converge in one value (Apt.apply)."""
    dry_run: bool = False
    lock_timeout: float = 60.0
    conffiles: ConffilePolicy = ConffilePolicy.KEEP_LOCAL
    install_recommends: bool = True
    purge: bool = True
    policy_rc_d: Optional[int] = None


class LockTimeout(TimeoutError):
    """The dpkg or apt lock stayed held for `timeout` seconds; `pid` and `holder` (its command
    line) name who held it, when the system says."""

    def __init__(self, lock, timeout, pid, holder, output):
        who = "process %d (%s)" % (pid, holder) if pid else "an unknown process"
        super(LockTimeout, self).__init__(
            "could not get the lock %s within %ss: it is held by %s" % (lock, timeout, who))
        self.lock = lock
        self.timeout = timeout
        self.pid = pid
        self.holder = holder
        self.output = output


class UpdateFailed(RuntimeError):
    """apt-get update could not fetch every index (it exits 0 on many such failures)."""

    def __init__(self, message, output):
        super(UpdateFailed, self).__init__(message)
        self.output = output


DPKG_STATUS = "/var/lib/dpkg/status"
DPKG_UPDATES = "/var/lib/dpkg/updates"
LISTS = "/var/lib/apt/lists"
# Our stamps live beside apt's periodic ones: apt-get update deletes every file in lists/ it
# does not know, the library's stamp /var/lib/apt/lists/.rmote-update included (still read).
STAMP = "/var/lib/apt/periodic/rmote-update-success-stamp"
FAILED_STAMP = "/var/lib/apt/periodic/rmote-update-failure-stamp"
LIBRARY_STAMP = "/var/lib/apt/lists/.rmote-update"
SUCCESS_STAMP = "/var/lib/apt/periodic/update-success-stamp"
POLICY_RC_D = "/usr/sbin/policy-rc.d"
# The administrator's policy-rc.d waits here while ours is in place (a rename keeps it exact:
# content, mode, owner, xattrs, or a symbolic link as it was).
POLICY_SAVED = POLICY_RC_D + ".rmote-saved"
_POLICY_MARK = "# rmote Apt policy_rc_d"
_LOCK = "apt"  # resource_lock name: one package-manager call at a time on a host
_NAME = re.compile(r"^[a-z0-9][a-z0-9+.\-]*(:[a-z0-9\-]+)?$")
_VERSION = re.compile(r"^[A-Za-z0-9.+~:\-]+$")
_INSTALLED = ("installed", "triggers-awaited", "triggers-pending")
_LOCK_FAILED = ("Could not get lock", "Unable to acquire the dpkg frontend lock",
                "Unable to lock directory", "Unable to lock the administration directory")
# apt-get update lines that mean an index was not fetched (with --error-on=any apt also fails)
_UPDATE_FAILED = ("Failed to fetch", "Some index files failed to download", "GPG error",
                  "is not signed", "NO_PUBKEY", "EXPKEYSIG", "Conflicting values",
                  "could not be read")


def _env():
    env = dict(os.environ)
    env.update(DEBIAN_FRONTEND="noninteractive", DEBIAN_PRIORITY="critical", LC_ALL="C",
               NEEDRESTART_SUSPEND="1", NEEDRESTART_MODE="a", APT_LISTCHANGES_FRONTEND="none",
               APT_LISTBUGS_FRONTEND="none")
    env.setdefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
    return env


def _parse_stanzas(text, into):
    for stanza in text.split("\n\n"):
        name = status = version = arch = ""
        conffiles = False
        for line in stanza.split("\n"):
            if line.startswith("Package: "):
                name = line[9:].strip()
            elif line.startswith("Status: "):
                status = line[8:].strip()
            elif line.startswith("Version: "):
                version = line[9:].strip()
            elif line.startswith("Architecture: "):
                arch = line[14:].strip()
            elif line.startswith("Conffiles:"):
                conffiles = True
        if name:
            into[(name, arch)] = (status, version, conffiles)


def read_status():
    """The dpkg database: {(name, arch): (Status, Version, has conffiles)}, from the status file
    and, after it, the journal entries dpkg has not merged into it yet (updates/NNNN, which a
    dpkg that was interrupted leaves), as dpkg itself reads them."""
    db = {}
    try:
        with open(DPKG_STATUS, encoding="utf-8", errors="replace") as f:
            _parse_stanzas(f.read(), db)
    except FileNotFoundError:
        return db
    try:
        journal = sorted(n for n in os.listdir(DPKG_UPDATES) if n.isdigit())
    except OSError:
        journal = []
    for n in journal:
        try:
            with open(os.path.join(DPKG_UPDATES, n), encoding="utf-8", errors="replace") as f:
                _parse_stanzas(f.read(), db)
        except OSError:
            pass
    return db


_native = []


def _native_arch():
    if not _native:
        p = subprocess.run(["dpkg", "--print-architecture"], stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True)
        _native.append(p.stdout.strip())
    return _native[0]


def _status_of(db, name):
    """PackageStatus of `name` (`name:arch` for one architecture): the installed entry of the
    native architecture or `all` first, as dpkg-query shows an unqualified name."""
    base, _, arch = name.partition(":")
    found = [(k[1], v) for k, v in db.items() if k[0] == base and (not arch or k[1] == arch)]
    if not found:
        return PackageStatus(name, False, "", False, "not-installed", "")

    def rank(item):
        a, (status, _, _) = item
        word = status.split(" ")[-1] if status else "not-installed"
        return (word not in _INSTALLED, a not in ("all", _native_arch()), a)
    a, (status, version, _) = sorted(found, key=rank)[0]
    words = status.split(" ")
    word = words[-1] if status else "not-installed"
    installed = word in _INSTALLED
    if word == "not-installed":  # dpkg keeps such an entry or drops it: read both alike
        return PackageStatus(name, False, "", words[0] == "hold", word, "")
    return PackageStatus(name, installed, version if installed else "", words[0] == "hold",
                         word, a)


def _key(s):
    return (s.installed, s.version, s.status)


def _holder(lock):
    """(pid, command line) of the process holding a POSIX lock on `lock`, from /proc/locks."""
    try:
        st = os.stat(lock)
        with open("/proc/locks") as f:
            lines = f.read().splitlines()
    except OSError:
        return 0, ""
    for line in lines:
        parts = line.split()
        if "->" in parts:
            continue  # a waiter, not the holder
        try:
            pid = int(parts[4])
            major, minor, ino = parts[5].split(":")
        except (IndexError, ValueError):
            continue
        if int(ino) == st.st_ino and os.makedev(int(major, 16), int(minor, 16)) == st.st_dev:
            try:
                with open("/proc/%d/cmdline" % pid, "rb") as f:
                    cmd = f.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
            except OSError:
                cmd = ""
            return pid, cmd
    return 0, ""


_HELD_BY = re.compile(r"(Could not get lock|Unable to lock directory) (\S+?)\.? (It is held by "
                      r"process (\d+) \(([^)]*)\))?")


def _apt_get(args, lock_timeout, deadline=None):
    """Runs apt-get with `args`, waiting for the dpkg and apt locks up to `lock_timeout` s:
    apt's own DPkg::Lock::Timeout (apt 1.9.11 and later) for the dpkg locks, and a retry for
    the others (apt-get update's lists lock) and older apt. Returns (returncode, output);
    LockTimeout when a lock stays held."""
    if deadline is None:
        deadline = time.monotonic() + lock_timeout
    while True:
        left = max(0, int(deadline - time.monotonic()))
        argv = ["apt-get", "-y", "-q", "-o", "DPkg::Lock::Timeout=%d" % left] + list(args)
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, env=_env(), universal_newlines=True)
        out = p.stdout
        if p.returncode == 0 or not any(m in out for m in _LOCK_FAILED):
            return p.returncode, out
        if time.monotonic() < deadline:
            time.sleep(min(1.0, max(0.1, deadline - time.monotonic())))
            continue
        m = _HELD_BY.search(out)
        lock = m.group(2) if m else "/var/lib/dpkg/lock-frontend"
        pid, holder = _holder(lock)
        if not pid and m and m.group(4):
            pid, holder = int(m.group(4)), m.group(5)
        raise LockTimeout(lock, lock_timeout, pid, holder, out)


def _check(argv, rc, out):
    if rc != 0:
        raise subprocess.CalledProcessError(rc, ["apt-get"] + argv, out, "")


# "Inst name [old] (new Origin:Release [arch])", "Conf name (new ...)", "Remv name [old]"
_SIM = re.compile(r"^(Inst|Remv|Purg|Conf) (\S+) (?:\[([^\]]*)\] ?)?"
                  r"(?:\(([^ )]*)[^)]*?(?:\[([^\]]*)\])?\))?")


def _simulate(plan):
    """apt-get -s's plan: {name: (action, version after, architecture)}."""
    out = {}
    for line in plan.splitlines():
        m = _SIM.match(line)
        if not m:
            continue
        action, name, _, new, arch = m.groups()
        out[name] = out[name.partition(":")[0]] = (action, new or "", arch or "")
    return out


def _predict(before, db, plan):
    step = plan.get(before.name) or plan.get(before.name.partition(":")[0])
    if step is None:
        return before
    action, version, arch = step
    if action in ("Inst", "Conf"):
        return before._replace(installed=True, version=version, status="installed",
                               architecture=arch or before.architecture)
    if action == "Remv":
        entry = db.get((before.name.partition(":")[0], before.architecture))
        if entry and entry[2]:
            return before._replace(installed=False, version="", status="config-files")
    return before._replace(installed=False, version="", status="not-installed",
                           architecture="")


def _deb_fields(path):
    """(Package, Version) of a local .deb file, as `dpkg-deb -f` reads its control file."""
    if not os.path.isfile(path):
        raise FileNotFoundError("no such .deb file: %s" % path)
    argv = ["dpkg-deb", "-f", path, "Package", "Version"]
    p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True, env=_env())
    if p.returncode != 0:
        raise subprocess.CalledProcessError(p.returncode, argv, p.stdout, p.stderr)
    fields = {}
    for line in p.stdout.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    if not fields.get("Package") or not fields.get("Version"):
        raise ValueError("%s has no Package or Version field" % path)
    return fields["Package"], fields["Version"]


def _targets(packages):
    """[(Package with the dpkg name and the version asked, apt-get argument, is a .deb)]: a
    name ending in .deb is a local file, brought to its own version by `apt-get install
    /path/file.deb` (so apt resolves its dependencies from the sources)."""
    targets = []
    seen = {}
    for p in packages:
        p = Package.parse(p)
        deb = p.name.endswith(".deb")
        if deb:
            path = os.path.abspath(p.name)
            name, version = _deb_fields(path)
            p = Package(name, p.state, version)
            arg = path
        else:
            if not _NAME.match(p.name):
                raise ValueError("not a Debian package name: %r" % p.name)
            if p.version and not _VERSION.match(p.version):
                raise ValueError("not a Debian version: %r" % p.version)
            arg = str(p)
        if seen.get(p.name, p.state) != p.state:
            raise ValueError("%s asked both %s and %s" % (p.name, seen[p.name].name,
                                                          p.state.name))
        seen[p.name] = p.state
        targets.append((p, arg, deb))
    return targets


def _is_ours(path):
    try:
        if os.path.islink(path):
            return False
        with open(path, encoding="utf-8", errors="replace") as f:
            return _POLICY_MARK in f.read(4096)
    except OSError:
        return False


def _restore_policy(warnings):
    """Puts the administrator's policy-rc.d back (or none, when there was none), also after a
    run of ours that died with our script in place."""
    if os.path.lexists(POLICY_SAVED):
        if os.path.lexists(POLICY_RC_D) and not _is_ours(POLICY_RC_D):
            warnings.append("%s was replaced during the transaction; the one it replaced is "
                            "kept as %s" % (POLICY_RC_D, POLICY_SAVED))
            return
        os.rename(POLICY_SAVED, POLICY_RC_D)
    elif _is_ours(POLICY_RC_D):
        os.unlink(POLICY_RC_D)


class _PolicyRcD(object):
    """/usr/sbin/policy-rc.d exiting `code` for one apt-get run (invoke-rc.d(8) and
    deb-systemd-invoke ask it before they start, stop or restart a service: 101 is "action
    forbidden"), then what was there before, exactly. Held under the apt resource lock, so no
    other call of ours sees it."""

    def __init__(self, code, warnings):
        self.code = code
        self.warnings = warnings

    def __enter__(self):
        if self.code is None:
            return self
        _restore_policy(self.warnings)
        if os.path.lexists(POLICY_RC_D):
            os.rename(POLICY_RC_D, POLICY_SAVED)
        tmp = POLICY_RC_D + ".rmote-tmp"
        with open(tmp, "w") as f:
            f.write("#!/bin/sh\n%s: services are not started, stopped or restarted while "
                    "apt-get runs\nexit %d\n" % (_POLICY_MARK, int(self.code)))
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o755)
        os.rename(tmp, POLICY_RC_D)
        return self

    def __exit__(self, *exc):
        if self.code is not None:
            _restore_policy(self.warnings)
        return False


def _converge(packages, options):
    targets = _targets(packages)
    packages = [t[0] for t in targets]
    with resource_lock(_LOCK):
        db = read_status()
        befores = [_status_of(db, p.name) for p in packages]
        warnings = [[] for _ in packages]
        args = []
        pinned = False
        for i, ((p, arg, deb), b) in enumerate(zip(targets, befores)):
            if p.state == State.ABSENT:
                if b.installed or b.status not in ("not-installed", "config-files"):
                    if b.held:
                        warnings[i].append("%s is held at %s: not removed" % (p.name, b.version))
                    else:
                        args.append(p.name + "-")
                continue
            wants_version = p.version and b.version != p.version
            if b.installed and not wants_version and (p.state == State.PRESENT or deb):
                continue
            if b.held and b.installed:
                if wants_version:
                    warnings[i].append("%s is held at %s: not changed to %s"
                                       % (p.name, b.version, p.version))
                continue  # LATEST of a held package: held means kept
            args.append(arg)
            pinned = pinned or bool(p.version)
        if not args:
            return [Result(p.name, False, b.version, b, b, w)
                    for p, b, w in zip(packages, befores, warnings)]
        if options.conffiles == ConffilePolicy.KEEP_LOCAL:
            argv = ["-o", "Dpkg::Options::=--force-confdef", "-o",
                    "Dpkg::Options::=--force-confold"]
        else:
            argv = ["-o", "Dpkg::Options::=--force-confnew"]
        if not options.install_recommends:
            argv.append("--no-install-recommends")
        if pinned:
            argv.append("--allow-downgrades")
        if options.purge:
            argv.append("--purge")
        if options.dry_run:
            argv = ["-s"] + argv + ["install"] + args
            rc, out = _apt_get(argv, options.lock_timeout)
            _check(argv, rc, out)
            plan = _simulate(out)
            afters = [_predict(b, db, plan) for b in befores]
        else:
            argv = argv + ["install"] + args
            policy_warnings = []
            with _PolicyRcD(options.policy_rc_d, policy_warnings):
                rc, out = _apt_get(argv, options.lock_timeout)
            for w in warnings:
                w.extend(policy_warnings)
            _check(argv, rc, out)
            db = read_status()
            afters = [_status_of(db, p.name) for p in packages]
        return [Result(p.name, _key(b) != _key(a), a.version, b, a, w)
                for p, b, a, w in zip(packages, befores, afters, warnings)]


_DPKG_LOCKED = ("locked by another process", "Unable to acquire the dpkg frontend lock")


def _select(names, hold, dry_run, lock_timeout):
    """Sets the dpkg selection of each package to hold, or back (install; deinstall for one
    that is not installed), with one `dpkg --set-selections`, for those whose selection
    differs."""
    for n in names:
        if not _NAME.match(n):
            raise ValueError("not a Debian package name: %r" % n)
    with resource_lock(_LOCK):
        db = read_status()
        befores = [_status_of(db, n) for n in names]
        warnings = [[] for _ in names]
        lines = []
        touched = set()
        for i, (n, b) in enumerate(zip(names, befores)):
            if b.held == hold:
                continue
            base, _, arch = n.partition(":")
            if not any(k[0] == base and (not arch or k[1] == arch) for k in db):
                warnings[i].append("%s is not in the dpkg database: not %s"
                                   % (n, "held" if hold else "unheld"))
                continue
            word = "hold" if hold else ("install" if b.installed else "deinstall")
            lines.append("%s %s\n" % (n, word))
            touched.add(n)
        if not lines or dry_run:
            afters = [b._replace(held=hold) if n in touched else b
                      for n, b in zip(names, befores)]
        else:
            argv = ["dpkg", "--set-selections"]
            deadline = time.monotonic() + lock_timeout
            while True:
                p = subprocess.run(argv, input="".join(lines), stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, env=_env(),
                                   universal_newlines=True)
                if p.returncode == 0 or not any(m in p.stdout for m in _DPKG_LOCKED):
                    break
                if time.monotonic() >= deadline:
                    lock = "/var/lib/dpkg/lock-frontend"
                    pid, holder = _holder(lock)
                    raise LockTimeout(lock, lock_timeout, pid, holder, p.stdout)
                time.sleep(0.5)
            if p.returncode != 0:
                raise subprocess.CalledProcessError(p.returncode, argv, p.stdout, "")
            db = read_status()
            afters = [_status_of(db, n) for n in names]
        return [Result(n, b.held != a.held or _key(b) != _key(a), a.version, b, a, w)
                for n, b, a, w in zip(names, befores, afters, warnings)]


def _autoremove(dry_run, purge, lock_timeout):
    with resource_lock(_LOCK):
        db = read_status()
        argv = ["--purge"] if purge else []
        argv = (["-s"] if dry_run else []) + argv + ["autoremove"]
        rc, out = _apt_get(argv, lock_timeout)
        _check(argv, rc, out)
        if dry_run:
            plan = _simulate(out)
            names = []
            for line in out.splitlines():
                m = _SIM.match(line)
                if m and m.group(1) in ("Remv", "Purg") and m.group(2) not in names:
                    names.append(m.group(2))
            befores = [_status_of(db, n) for n in names]
            afters = [_predict(b, db, plan) for b in befores]
        else:
            after_db = read_status()
            names = sorted(set(k[0] for k, v in db.items()
                               if v[0].split(" ")[-1] in _INSTALLED
                               and (k not in after_db or after_db[k][0] != v[0])))
            befores = [_status_of(db, n) for n in names]
            afters = [_status_of(after_db, n) for n in names]
        return [Result(n, _key(b) != _key(a), a.version, b, a, [])
                for n, b, a in zip(names, befores, afters)]


def _mtime(path):
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


def _last_update():
    """When the package lists were last refreshed, by anyone: the newest of our stamps, apt's
    update-success-stamp (written by a hook where one is installed, as Ubuntu's
    update-notifier does) and the mtimes of the lists folder and its partial/ folder, which
    every apt-get update moves (its temporary files come and go there). None when our own last
    update failed after that."""
    last = max(_mtime(STAMP), _mtime(LIBRARY_STAMP), _mtime(SUCCESS_STAMP), _mtime(LISTS),
               _mtime(os.path.join(LISTS, "partial")))
    if _mtime(FAILED_STAMP) >= last - 2.0 and _mtime(FAILED_STAMP) > _mtime(STAMP):
        return None
    return last


def _update_failures(out):
    return [line for line in out.splitlines()
            if line.startswith("E:") or (line.startswith("W:")
                                         and any(m in line for m in _UPDATE_FAILED))]


def _touch(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "a"):
        pass
    os.utime(path, None)


class Apt(Tool):
    """Manage Debian/Ubuntu packages via apt-get (root for changes). Every call holds the
    remote's package-manager lock, so calls in flight on one connection run one at a time."""

    @staticmethod
    def update(ttl: float = -1, *, dry_run: bool = False, lock_timeout: float = 60.0) -> bool:
        """Run `apt-get update` unless the package lists are younger than `ttl` seconds (-1:
        always), counting updates run by anyone. Returns whether it ran (would run). Raises
        UpdateFailed (a RuntimeError) when an index could not be fetched, although apt-get
        exits 0 for most such failures, and LockTimeout when the lists lock stays held."""
        if not 0 <= lock_timeout < float("inf"):
            # As Options does on the Java side: int(inf) failed deep inside, NaN and less than 0
            # timed out at once.
            raise ValueError("lock_timeout must be finite and not negative, not %r" % (lock_timeout,))
        with resource_lock(_LOCK):
            if ttl >= 0:
                last = _last_update()
                if last is not None and time.time() - last < ttl:
                    return False
            if dry_run:
                return True
            argv = ["update", "--error-on=any"]
            rc, out = _apt_get(argv, lock_timeout)
            if rc != 0 and "error-on" in out and "not understood" in out:
                argv = ["update"]  # apt before 2.1.16
                rc, out = _apt_get(argv, lock_timeout)
            failures = _update_failures(out)
            if rc != 0 or failures:
                try:
                    _touch(FAILED_STAMP)
                except OSError:
                    pass
                raise UpdateFailed("apt-get update failed (exit status %d):\n%s"
                                  % (rc, "\n".join(failures) or out), out)
            _touch(STAMP)
            try:
                os.unlink(FAILED_STAMP)
            except OSError:
                pass
            return True

    @staticmethod
    def status(*names: str) -> List[PackageStatus]:
        """The packages as one read of the dpkg status gives them, in the order given."""
        db = read_status()
        return [_status_of(db, n) for n in names]

    @staticmethod
    def package(package: Union[str, Package], state: Optional[State] = None, *,
                dry_run: bool = False, lock_timeout: float = 60.0,
                conffiles: ConffilePolicy = ConffilePolicy.KEEP_LOCAL,
                install_recommends: bool = True, purge: bool = True,
                policy_rc_d: Optional[int] = None) -> Result:
        """Bring one package (`name`, `name=version`, a path ending in .deb, or a Package) to
        `state` (then Package.state, then PRESENT)."""
        return _converge([Package.parse(package, state)], Options(
            dry_run, lock_timeout, conffiles, install_recommends, purge, policy_rc_d))[0]

    @staticmethod
    def converge(*packages: Union[str, Package], dry_run: bool = False,
                 lock_timeout: float = 60.0,
                 conffiles: ConffilePolicy = ConffilePolicy.KEEP_LOCAL,
                 install_recommends: bool = True, purge: bool = True,
                 policy_rc_d: Optional[int] = None) -> List[Result]:
        """Bring every package to its Package.state (strings: PRESENT) with one read of the
        dpkg status and one apt-get run; one Result per package, in the order given."""
        return _converge(packages, Options(dry_run, lock_timeout, conffiles,
                                           install_recommends, purge, policy_rc_d))

    @staticmethod
    def apply(packages: List[Package], options: Options) -> List[Result]:
        """converge, with every option in one value."""
        return _converge(packages, options)

    @staticmethod
    def hold(*names: str, dry_run: bool = False, lock_timeout: float = 60.0) -> List[Result]:
        """Puts the packages on hold (dpkg selection `hold`, as `apt-mark hold`), in one
        `dpkg --set-selections` for those not held yet; one Result each, changed when `held`
        differs."""
        return _select(names, True, dry_run, lock_timeout)

    @staticmethod
    def unhold(*names: str, dry_run: bool = False, lock_timeout: float = 60.0) -> List[Result]:
        """Takes the packages off hold (selection `install`, or `deinstall` for one not
        installed), for those held."""
        return _select(names, False, dry_run, lock_timeout)

    @staticmethod
    def autoremove(*, dry_run: bool = False, purge: bool = False,
                   lock_timeout: float = 60.0) -> List[Result]:
        """`apt-get autoremove`: removes the packages installed automatically that nothing
        needs any more. One Result per package removed (in a dry run, per package `apt-get -s
        autoremove` lists), by name."""
        return _autoremove(dry_run, purge, lock_timeout)
