"""PacmanRepository: repository sections of pacman.conf(5) and pacman's keyring.

The Python library's `key`, `present` and `absent`, with its `Result` type (grown). What differs
from the library, and why:
- `key` imports the key into pacman's keyring (`pacman-key --add`) and signs it locally
  (`pacman-key --lsign-key`), which is what makes pacman trust it; the library only wrote a file;
- `present` defaults to `SigLevel = Required DatabaseOptional` (pacman's own default), not
  `Optional TrustAll`, which accepts unsigned packages; a weaker level is written when asked,
  with a warning;
- a section ends at its last setting: the comments and blank lines after it belong to what
  follows and are kept; `Include =` is supported; the position is chosen (LAST, the library's
  place, or FIRST, before the first repository);
- pacman.conf is written atomically (rmote.support.files) with a unified diff; every method
  has `dry_run`; the result says when the sync database must be downloaded.
"""
import enum
import os
import re
import subprocess
import tempfile
import typing
from typing import List

from rmote.protocol import Tool
from rmote.support.files import read_existing, safe_path, write_file
from rmote.support.locks import path_lock, resource_lock

CONFIG = "/etc/pacman.conf"
SIG_LEVEL = "Required DatabaseOptional"
_HEADER = re.compile(r"^[ \t]*\[([^\]]*)\][ \t]*$")
_WEAK = ("Never", "Optional", "TrustAll")
# A configuration pacman cannot read (an Include that does not exist, a bad line) is never
# installed: pacman parses the new file before it replaces the old one.
_VALIDATE = ["pacman", "--config", "%s", "-T"]


class Position(enum.Enum):
    """Where a new section goes: LAST, after every other (the lowest priority, the library's
    place: a third-party repository does not override the distribution's packages), or
    FIRST, before the first repository section (the highest priority)."""
    LAST = "last"
    FIRST = "first"


class Result(typing.NamedTuple):
    """The library's `name` and `changed` first. `path` is the file written (pacman.conf, or
    the key file for `key`), `diff` its unified diff; `refresh_needed` says the repository's
    sync database is missing or stale for the new section (a refresh, which Pacman makes a
    full upgrade, is due); `fingerprints` the primary keys found in the data given to `key`."""
    name: str
    changed: bool
    path: str = ""
    diff: str = ""
    refresh_needed: bool = False
    fingerprints: List[str] = []
    warnings: List[str] = []


def _check_name(name):
    if not name or name in ("options", "local") or re.search(r"[\]\[\s/]", name):
        raise ValueError("not a repository name pacman accepts: %r" % name)


def _sections(lines):
    """(name, start, end) of each section: from its header to its last line that is neither
    blank nor a comment, so a comment block that introduces the next section stays with it."""
    found = []
    current = None
    for i, line in enumerate(lines):
        m = _HEADER.match(line.rstrip("\n"))
        if m:
            if current:
                found.append(tuple(current))
            current = [m.group(1), i, i + 1]
        elif current and line.strip() and not line.lstrip().startswith("#"):
            current[2] = i + 1
    if current:
        found.append(tuple(current))
    return found


def _block(name, servers, include, sig_level):
    lines = ["[%s]\n" % name]
    if sig_level:
        lines.append("SigLevel = %s\n" % sig_level)
    for server in servers or []:
        lines.append("Server = %s\n" % server)
    if include:
        lines.append("Include = %s\n" % include)
    return lines


def _text(data):
    return "" if data is None else data.decode("utf-8")


def _db_path(config):
    p = subprocess.run(["pacman", "--config", config, "-v", "-T"], stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                       env=dict(os.environ, LC_ALL="C"), timeout=60)
    values = {}
    for line in p.stdout.split("\n"):
        key, sep, value = line.partition(":")
        if sep:
            values[key.strip()] = value.strip()
    if "DB Path" not in values:
        raise subprocess.CalledProcessError(p.returncode, ["pacman", "--config", config, "-v"],
                                            p.stdout, p.stderr)
    return values["DB Path"], values.get("GPG Dir", "")


def _pacman_key(config, *args):
    argv = ["pacman-key", "--config", config] + list(args)
    p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True,
                       env=dict(os.environ, LC_ALL="C"), timeout=600)
    if p.returncode != 0:
        raise subprocess.CalledProcessError(p.returncode, argv, p.stdout, p.stderr)
    return p.stdout


def _gpg(gpgdir, *args, **kw):
    argv = ["gpg", "--batch", "--no-tty", "--with-colons", "--homedir", gpgdir] + list(args)
    p = subprocess.run(argv, input=kw.get("data"), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=dict(os.environ, LC_ALL="C"), timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def _fingerprints(data):
    """The primary keys' fingerprints in `data` (armored or binary), read by gpg in a
    throwaway home without importing anything."""
    home = tempfile.mkdtemp(prefix="rmote-gpg-")
    try:
        rc, out = _gpg(home, "--import-options", "show-only", "--import", data=data)
    finally:
        import shutil
        shutil.rmtree(home, ignore_errors=True)
    fprs = []
    primary = False
    for line in out.split("\n"):
        f = line.split(":")
        if f[0] in ("pub", "sec"):
            primary = True
        elif f[0] == "fpr" and primary:
            fprs.append(f[9])
            primary = False
        elif f[0] in ("sub", "ssb"):
            primary = False
    if not fprs:
        raise ValueError("no OpenPGP public key in the data given (gpg: rc %d)" % rc)
    return fprs


def _trusted(gpgdir, fpr):
    """(in the keyring, valid): valid is the full or ultimate validity a local signature by
    pacman's master key gives."""
    rc, out = _gpg(gpgdir, "--list-keys", fpr)
    if rc != 0:
        return False, False
    for line in out.split("\n"):
        f = line.split(":")
        if f[0] == "pub":
            return True, f[1] in ("f", "u")
    return True, False


class PacmanRepository(Tool):
    """Manage repository sections of pacman.conf and the keys pacman trusts (root)."""

    @staticmethod
    def key(name: str, data: bytes, dry_run: bool = False, config: str = CONFIG) -> Result:
        """Writes the key to pacman.d/<name> beside the config (the library's file), imports
        it into pacman's keyring (`pacman-key --add`) and signs it locally (`pacman-key
        --lsign-key`), initialising the keyring first (`pacman-key --init`) if it has no master
        key. Changed when the file, the keyring or the key's validity changed."""
        if not name or "/" in name or name in (".", ".."):
            raise ValueError("not a file name: %r" % name)
        fprs = _fingerprints(data)
        _, gpgdir = _db_path(config)
        warnings = []
        with resource_lock("pacman-key:" + gpgdir):
            path = os.path.join(os.path.dirname(os.path.abspath(config)), "pacman.d", name)
            if not dry_run:
                os.makedirs(os.path.dirname(path), exist_ok=True)
            written = write_file(path, data, dry_run=dry_run)
            warnings.extend(written.warnings)
            has_master = os.path.isdir(gpgdir) and any(
                line.startswith("sec:") for line in _gpg(gpgdir, "--list-secret-keys")[1]
                .split("\n"))
            if not has_master:
                warnings.append("pacman's keyring %s had no master key: pacman-key --init"
                                % gpgdir)
                if not dry_run:
                    _pacman_key(config, "--init")
            states = [_trusted(gpgdir, f) for f in fprs] if has_master else \
                [(False, False)] * len(fprs)
            missing = not all(s[0] for s in states)
            untrusted = [f for f, s in zip(fprs, states) if not s[1]]
            if not dry_run:
                if missing:
                    fd, tmp = tempfile.mkstemp(suffix=".key")
                    try:
                        with os.fdopen(fd, "wb") as f:
                            f.write(data)
                        _pacman_key(config, "--add", tmp)
                    finally:
                        os.unlink(tmp)
                for f in untrusted:
                    _pacman_key(config, "--lsign-key", f)
            changed = written.changed or missing or bool(untrusted) or not has_master
            return Result(name, changed, path, written.diff, False, fprs, warnings)

    @staticmethod
    def present(name: str, *, servers: List[str] = None, sig_level: str = SIG_LEVEL,
                include: str = "", position: Position = Position.LAST, dry_run: bool = False,
                config: str = CONFIG) -> Result:
        """The section `[name]` with `SigLevel = sig_level` ("" for none: [options]'s applies),
        one `Server =` line per server and `Include = include` if given: replaced where it is
        when it differs, else added at `position`."""
        _check_name(name)
        if not servers and not include:
            raise ValueError("a repository needs servers or an include file")
        warnings = []
        weak = [w for w in _WEAK if w in (sig_level or "").split()]
        if weak:
            warnings.append("SigLevel = %s accepts packages pacman cannot verify (%s)"
                            % (sig_level, ", ".join(weak)))
        target = safe_path(config)
        with path_lock(target):
            data, _ = read_existing(target)
            if data is None:
                raise FileNotFoundError(2, "no pacman configuration", config)
            lines = _text(data).splitlines(True)
            if lines and not lines[-1].endswith("\n"):
                lines[-1] += "\n"
            block = _block(name, servers, include, sig_level)
            sections = _sections(lines)
            mine = [s for s in sections if s[0] == name]
            if mine:
                _, start, end = mine[0]
                new = lines[:start] + block + lines[end:]
            else:
                repos = [s for s in sections if s[0] != "options"]
                if position == Position.FIRST and repos:
                    at = repos[0][1]
                    while at > 0 and lines[at - 1].lstrip().startswith("#"):
                        at -= 1  # the comment that introduces it stays with it
                    new = lines[:at] + block + ["\n"] + lines[at:]
                else:
                    while lines and not lines[-1].strip():
                        lines.pop()
                    new = lines + (["\n"] if lines else []) + block
            after = "".join(new).encode("utf-8")
            written = write_file(target, after, dry_run=dry_run, shown=config,
                                 validate=_VALIDATE)
            warnings.extend(written.warnings)
            dbpath, _ = _db_path(config)
            stale = written.changed or not os.path.exists(
                os.path.join(dbpath, "sync", name + ".db"))
            return Result(name, written.changed, target, written.diff, stale, [], warnings)

    @staticmethod
    def absent(name: str, dry_run: bool = False, config: str = CONFIG) -> Result:
        """Removes the section `[name]` (header to last setting) and the blank line before it,
        if there is one."""
        _check_name(name)
        target = safe_path(config)
        with path_lock(target):
            data, _ = read_existing(target)
            if data is None:
                return Result(name, False, target)
            lines = _text(data).splitlines(True)
            new = lines
            for section, start, end in _sections(lines):
                if section == name:
                    if start > 0 and not lines[start - 1].strip():
                        start -= 1
                    elif end < len(lines) and not lines[end].strip():
                        end += 1
                    new = lines[:start] + lines[end:]
                    break
            written = write_file(target, "".join(new).encode("utf-8"), dry_run=dry_run,
                                 shown=config, validate=_VALIDATE)
            return Result(name, written.changed, target, written.diff, False, [],
                          list(written.warnings))

    @staticmethod
    def key_absent(fingerprint: str, dry_run: bool = False, config: str = CONFIG) -> Result:
        """Deletes the key with this fingerprint from pacman's keyring (`pacman-key
        --delete`), its local signature with it; no change when the keyring does not have it.
        An addition of ours: the library could not remove a key."""
        fpr = fingerprint.replace(" ", "").upper()
        if not re.match(r"^[0-9A-F]{40}$|^[0-9A-F]{64}$", fpr):
            raise ValueError("not a full OpenPGP fingerprint (40 or 64 hex digits): %r"
                             % fingerprint)
        _, gpgdir = _db_path(config)
        with resource_lock("pacman-key:" + gpgdir):
            present = os.path.isdir(gpgdir) and _trusted(gpgdir, fpr)[0]
            if present and not dry_run:
                _pacman_key(config, "--delete", fpr)
                present = _trusted(gpgdir, fpr)[0]
                if present:
                    raise RuntimeError("pacman-key --delete %s left the key in %s"
                                       % (fpr, gpgdir))
                return Result(fpr, True, "", "", False, [fpr], [])
            return Result(fpr, present, "", "", False, [fpr], [])
