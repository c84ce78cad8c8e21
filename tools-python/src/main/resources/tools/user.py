"""User: local users, groups, authorized_keys and sudoers drop-ins on the remote (root).

The Python library's `present`, `absent`, `group_present`, `group_absent`, `authorized_key` and
`sudoer`, with its `Result` and `GroupResult`, plus typed twins (`ensure_user`, `remove_user`,
`remove_group`, `authorized_keys`, `sudoers`) and reads (`account`, `group_info`). The state is
read from /etc/passwd and /etc/group (the files useradd(8), usermod(8), userdel(8), groupadd(8)
and groupmod(8) edit), before and after every call; `changed` is their difference, never "a
command ran". A field the caller did not give is never rewritten: the library's defaults
(`shell="/bin/bash"`, `comment=""`) apply to a new user only.
"""
import datetime
import enum
import errno
import hashlib
import os
import pwd
import re
import stat
import subprocess
import typing
from typing import List, Optional

from rmote.protocol import Tool
from rmote.support.files import read_existing, safe_path, unified_diff, write_file
from rmote.support.locks import path_lock, resource_lock

# useradd and friends lock /etc/passwd themselves (lckpwdf), but a read-then-write of ours must
# not interleave with another call of this connection.
_DB = "user-database"
_SUDOERS_D = "/etc/sudoers.d"
_PASSWD = "/etc/passwd"
_SHADOW = "/etc/shadow"
_EPOCH = datetime.date(1970, 1, 1)
# crypt(3)'s modular format, $id$[params$]salt$hash, with a hash part of 22 characters or more
# (MD5-crypt's length, the shortest): what a plaintext given by mistake is unlikely to be.
_CRYPT = re.compile(r"^\$(1|2[abxy]|5|6|7|y|gy|sha1)\$([^$:\s]*\$)*[./0-9A-Za-z]{22,}$")


class _Default(str):
    """A library default: equal to its text, but told apart from the same text given."""


_BASH = _Default("/bin/bash")
_NO_COMMENT = _Default("")


class GroupsMode(enum.Enum):
    """How `groups` applies: ADD joins them and leaves other memberships (usermod --append);
    EXACT makes them the user's only supplementary groups."""
    ADD = "add"
    EXACT = "exact"


class UpdatePassword(enum.Enum):
    """When a password hash given applies (Ansible's `update_password`): ALWAYS whenever
    /etc/shadow's differs, ON_CREATE only to a user being made."""
    ALWAYS = "always"
    ON_CREATE = "on_create"


class PasswordHash(typing.NamedTuple):
    """A crypt(3) hash ("$y$...", "$6$..."), never a plaintext; ValueError otherwise."""
    hash: str


class Expiry(typing.NamedTuple):
    """When the account expires (shadow(5)'s expire date, as `chage -E` and `usermod -e` set
    it): `day`, the first day it cannot be used; None: never."""
    day: Optional[datetime.date] = None


class Account(typing.NamedTuple):
    """A user as /etc/passwd, /etc/shadow and /etc/group say. `exists` False: the other fields
    are empty (uid and gid -1). `group` is the primary group's name (its number when /etc/group
    lacks it); `groups` the supplementary groups listing the user, sorted. `password` is a
    fingerprint of the hash, never the hash: "sha256:" and the first 16 hex digits of the
    SHA-256 of its text, "" when there is none (an empty, "*" or "!" field) or /etc/shadow
    cannot be read; `password_locked` whether the field starts with "!" (usermod -L), and true
    for a missing user (no one logs in as it); `expires` never for a missing user."""
    exists: bool
    name: str
    uid: int
    gid: int
    group: str
    groups: List[str]
    home: str
    shell: str
    comment: str
    password: str = ""
    password_locked: bool = True
    expires: Expiry = Expiry()


class Group(typing.NamedTuple):
    """A group as /etc/group says; `members` as listed there (not users whose primary group it
    is). `exists` False: gid -1, no members."""
    exists: bool
    name: str
    gid: int
    members: List[str]


class UserSpec(typing.NamedTuple):
    """What `ensure_user` converges to. None: not managed (kept on an existing user; useradd's
    own default, or the library's, for a new one). `group` is a name or a number."""
    name: str
    uid: Optional[int] = None
    group: Optional[str] = None
    comment: Optional[str] = None
    home: Optional[str] = None
    shell: Optional[str] = None
    groups: Optional[List[str]] = None
    groups_mode: Optional[GroupsMode] = None
    system: bool = False
    create_home: Optional[bool] = None
    password: Optional[PasswordHash] = None
    update_password: Optional[UpdatePassword] = None
    password_lock: Optional[bool] = None
    expires: Optional[Expiry] = None
    non_unique: bool = False


class Result(typing.NamedTuple):
    """The library's six fields first (the user after), then the account before and after (in a
    dry run, the prediction: a uid or gid useradd would choose is -1), the names of the fields
    that differ, and warnings."""
    name: str
    uid: int
    gid: int
    home: str
    shell: str
    changed: bool
    before: Account
    after: Account
    differences: List[str]
    warnings: List[str]


class GroupResult(typing.NamedTuple):
    """The library's three fields (the group after), then the group before and after."""
    name: str
    gid: int
    changed: bool
    before: Group
    after: Group
    warnings: List[str]


class AuthorizedKey(typing.NamedTuple):
    """One line of authorized_keys as sshd(8) reads it: options ("" when none), key type, the
    base64 blob, comment ("" when none)."""
    options: str
    type: str
    blob: str
    comment: str


class KeysResult(typing.NamedTuple):
    """authorized_keys before and after (the keys, comment lines left out), the diff of the
    file, whether anything (file, .ssh folder) changed."""
    name: str
    path: str
    changed: bool
    diff: str
    before: List[AuthorizedKey]
    after: List[AuthorizedKey]
    warnings: List[str]


class SudoersResult(typing.NamedTuple):
    """The drop-in's path, whether it changed, and the diff of its content."""
    name: str
    path: str
    changed: bool
    diff: str
    warnings: List[str]


class UserBusy(subprocess.CalledProcessError):
    """usermod or userdel refused because the user runs processes (exit status 8). `user` is the
    account; `pids` the processes running as it (real or effective uid) when it was refused,
    sorted, with the one the command named first looked for in its message."""

    def __init__(self, returncode, cmd, output=None, stderr=None, user=None, pids=()):
        super(UserBusy, self).__init__(returncode, cmd, output, stderr)
        self.user = user
        self.pids = list(pids)


def _pids_of(name, named):
    """Pids of the processes whose real or effective uid is the user's, with `named` (those the
    command's message gave) kept even if they have ended since."""
    found = set(named)
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return sorted(found)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/status" % entry) as f:
                for line in f:
                    if line.startswith("Uid:"):
                        ids = line.split()[1:3]
                        if str(uid) in ids:
                            found.add(int(entry))
                        break
        except (OSError, ValueError):
            continue  # ended meanwhile, or not ours to read
    return sorted(found)


# ---------------------------------------------------------------------------------- reading


def _entries(path, width):
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            lines = f.read().split("\n")
    except FileNotFoundError:
        return []
    out = []
    for line in lines:
        if not line or line[0] in "#+-":
            continue
        fields = line.split(":")
        if len(fields) >= width:
            out.append(fields)
    return out


def _int(text, default=-1):
    try:
        return int(text)
    except ValueError:
        return default


def _groups():
    return [Group(True, g[0], _int(g[2]), [m for m in g[3].split(",") if m])
            for g in _entries("/etc/group", 4)]


def _group(name):
    for g in _groups():
        if g.name == name:
            return g
    return Group(False, name, -1, [])


def _nss_only(name, passwd=_PASSWD):
    """Whether the name service knows a user that `passwd` (the local file) lacks: LDAP, SSSD,
    NIS, systemd-homed. useradd refuses such a name and usermod would edit nothing local."""
    if any(e[0] == name for e in _entries(passwd, 7)):
        return False
    import pwd
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _fingerprint(hashed):
    return "sha256:" + hashlib.sha256(hashed.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _check_hash(hashed):
    # The message never holds the text: it may be a plaintext given by mistake.
    if not isinstance(hashed, str) or not _CRYPT.match(hashed):
        raise ValueError("the password is not a crypt(3) hash ($id$salt$hash, such as mkpasswd "
                         "or openssl passwd -6 print): give the hash, never the plaintext")
    return hashed


def _shadow(name, strict=False):
    """(the password field, the expire field) of /etc/shadow; ("", "") when it lacks the user,
    or cannot be read unless `strict` (root only)."""
    try:
        rows = [e for e in _entries(_SHADOW, 8) if e[0] == name]
    except PermissionError:
        if strict:
            raise
        return "", ""
    return (rows[0][1], rows[0][7]) if rows else ("", "")


def _password_state(field):
    """(fingerprint, locked) of a shadow password field."""
    locked = field.startswith("!")
    hashed = field.lstrip("!")
    return ("" if not hashed or hashed.startswith("*") else _fingerprint(hashed)), locked


def _expiry(days):
    n = _int(days, -1) if days else -1
    return Expiry(None) if n < 0 else Expiry(_EPOCH + datetime.timedelta(days=n))


def _days(expiry):
    return "" if expiry.day is None else str((expiry.day - _EPOCH).days)


def _account(name, warnings=None, passwd=_PASSWD):
    rows = [e for e in _entries(passwd, 7) if e[0] == name]
    if not rows:
        return Account(False, name, -1, -1, "", [], "", "", "")
    if len(rows) > 1 and warnings is not None:
        warnings.append("/etc/passwd has %d entries named %s: the first one is read"
                        % (len(rows), name))
    e = rows[0]
    gid = _int(e[3])
    groups = _groups()
    primary = next((g.name for g in groups if g.gid == gid), str(gid))
    supplementary = sorted(set(g.name for g in groups if name in g.members))
    field, expire = _shadow(name)
    if e[1] not in ("x", ""):
        field = e[1]  # the hash in /etc/passwd itself, no shadow entry
    password, locked = _password_state(field)
    return Account(True, name, _int(e[2]), gid, primary, supplementary, e[5], e[6], e[4],
                   password, locked, _expiry(expire))


def _resolve_group(group):
    """(gid, name) of a group name or number; KeyError when there is none such."""
    text = str(group)
    for g in _groups():
        if g.name == text or (text.isdigit() and g.gid == int(text)):
            return g.gid, g.name
    if text.isdigit():
        return int(text), text
    raise KeyError("group %s does not exist" % text)


def _run(argv, stdin=None):
    env = dict(os.environ, LC_ALL="C")
    # Never the connection's own stdin: it carries the protocol.
    feed = {"stdin": subprocess.DEVNULL} if stdin is None else {"input": stdin}
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                       universal_newlines=True, timeout=300, **feed)
    if p.returncode != 0:
        if p.returncode == 8 and "used by process" in p.stderr:
            user = argv[-1]
            named = [int(n) for n in re.findall(r"used by process (\d+)", p.stderr)]
            raise UserBusy(p.returncode, argv, p.stdout, p.stderr, user, _pids_of(user, named))
        raise subprocess.CalledProcessError(p.returncode, argv, p.stdout, p.stderr)
    return p


_FIELDS = ("exists", "uid", "gid", "group", "groups", "home", "shell", "comment", "password",
           "password_locked", "expires")


def _result(before, after, warnings):
    # A user made or removed has (had) ids, even where a dry run cannot know them (-1).
    flipped = before.exists != after.exists
    differences = [f for f in _FIELDS if getattr(before, f) != getattr(after, f)
                   or (flipped and f in ("uid", "gid"))]
    return Result(after.name, after.uid, after.gid, after.home, after.shell, bool(differences),
                  before, after, differences, warnings)


def _default_home(name, system):
    base = "/home"
    for e in _entries("/etc/default/useradd", 1):
        line = ":".join(e).strip()
        if line.startswith("HOME="):
            base = line[5:].strip() or base
    return os.path.join(base, name)


# ---------------------------------------------------------------------------------- users


def _password_change(name, field, hashed, lock):
    """How to bring the shadow password `field` to the hash (None: keep) and lock (None: keep)
    asked: ("chpasswd", new field), ("--lock" or "--unlock", new field) or (None, field)."""
    current = field.lstrip("!")
    locked = field.startswith("!")
    wanted = current if hashed is None else hashed
    lock = locked if lock is None else lock
    if wanted != current:
        return "chpasswd", ("!" if lock else "") + wanted
    if lock == locked:
        return None, field
    if lock:
        return "--lock", "!" + field
    if not current:
        raise ValueError("unlocking %s would leave it without a password (usermod -U refuses): "
                         "give a password hash too" % name)
    return "--unlock", field[1:]


def _set_password(name, how, field):
    if how == "chpasswd":
        # The hash goes on stdin, never on a command line (ps shows those to every user).
        _run(["chpasswd", "--encrypted"], stdin="%s:%s\n" % (name, field))
    elif how is not None:
        _run(["usermod", how, "--", name])


def _with_password(account, field):
    password, locked = _password_state(field)
    return account._replace(password=password, password_locked=locked)


def _ensure(spec, dry_run, passwd=_PASSWD):
    name = spec.name
    if spec.groups is not None and spec.groups_mode is None:
        raise ValueError("groups given without a mode: say ADD or EXACT")
    if ":" in name or "\n" in name:
        raise ValueError("not a user name: %r" % name)
    hashed = spec.password
    if isinstance(hashed, PasswordHash):
        hashed = hashed.hash
    if hashed is not None:
        _check_hash(hashed)
    when = spec.update_password
    if when is not None and not isinstance(when, UpdatePassword):
        when = UpdatePassword(when)
    warnings = []
    with resource_lock(_DB):
        before = _account(name, warnings, passwd)
        if not before.exists and _nss_only(name, passwd):
            warnings.append("%s is not in %s but the name service knows it (LDAP, SSSD, NIS, "
                            "systemd-homed?): not a local user, so it is left as it is"
                            % (name, passwd))
            return _result(before, before, warnings)
        groups = None
        if spec.groups is not None:
            # By name, so that a gid given compares with the names /etc/group lists.
            groups = sorted(set(_resolve_group(g)[1] for g in spec.groups))
        if spec.group is not None:
            gid, group_name = _resolve_group(spec.group)
        unique = ["--non-unique"] if spec.non_unique else []
        if not before.exists:
            # useradd leaves "!" (locked, no hash); the plan is checked before anything runs.
            how, field = _password_change(name, "!", hashed, spec.password_lock)
            argv = ["useradd"]
            if spec.uid is not None:
                argv += ["--uid", str(spec.uid)] + unique
            if spec.group is None and _group(name).exists:
                # useradd refuses "group exists" (pyinfra #835) under USERGROUPS_ENAB: join it.
                gid, group_name = _resolve_group(name)
                argv += ["--gid", name]
                warnings.append("group %s exists: it becomes the primary group of user %s"
                                % (name, name))
            elif spec.group is not None:
                argv += ["--gid", str(gid)]
            comment = spec.comment if spec.comment is not None else ""
            if comment:
                argv += ["--comment", comment]
            home = spec.home if spec.home is not None else _default_home(name, spec.system)
            if spec.home is not None:
                argv += ["--home-dir", spec.home]
            shell = spec.shell if spec.shell is not None else "/bin/bash"
            argv += ["--shell", shell]
            if groups:
                argv += ["--groups", ",".join(groups)]
            if spec.system:
                argv.append("--system")
            if spec.expires is not None and spec.expires.day is not None:
                argv += ["--expiredate", _days(spec.expires)]
            create = spec.create_home if spec.create_home is not None else not spec.system
            argv.append("--create-home" if create else "--no-create-home")
            argv += ["--", name]
            if not dry_run:
                _run(argv)
                how, field = _password_change(name, _shadow(name, True)[0], hashed,
                                              spec.password_lock)
                _set_password(name, how, field)
                return _result(before, _account(name), warnings)
            predicted_gid = gid if (spec.group is not None or _group(name).exists) else -1
            return _result(before, _with_password(Account(
                True, name, spec.uid if spec.uid is not None else -1, predicted_gid,
                group_name if predicted_gid != -1 else name, groups or [], home, shell, comment,
                expires=spec.expires or Expiry()), field), warnings)
        how, field = None, None
        if hashed is not None and when is UpdatePassword.ON_CREATE:
            hashed = None
        if hashed is not None or spec.password_lock is not None:
            how, field = _password_change(name, _shadow(name, True)[0], hashed,
                                          spec.password_lock)
        args = []
        after = before
        if spec.uid is not None and spec.uid != before.uid:
            args += ["--uid", str(spec.uid)] + unique
            after = after._replace(uid=spec.uid)
        if spec.group is not None and gid != before.gid:
            args += ["--gid", str(gid)]
            after = after._replace(gid=gid, group=group_name)
        if spec.comment is not None and spec.comment != before.comment:
            args += ["--comment", spec.comment]
            after = after._replace(comment=spec.comment)
        if spec.home is not None and spec.home != before.home:
            args += ["--home", spec.home, "--move-home"]
            after = after._replace(home=spec.home)
        if spec.shell is not None and spec.shell != before.shell:
            args += ["--shell", spec.shell]
            after = after._replace(shell=spec.shell)
        if spec.expires is not None and spec.expires != before.expires:
            args += ["--expiredate", _days(spec.expires)]
            after = after._replace(expires=spec.expires)
        if how in ("--lock", "--unlock"):
            args.append(how)
        if how is not None:
            after = _with_password(after, field)
        if groups is not None:
            if spec.groups_mode is GroupsMode.ADD:
                wanted = sorted(set(before.groups) | set(groups))
                if wanted != before.groups:
                    args += ["--append", "--groups",
                             ",".join(g for g in groups if g not in before.groups)]
            else:
                wanted = groups
                if wanted != before.groups:
                    args += ["--groups", ",".join(wanted)]
            after = after._replace(groups=wanted)
        if not dry_run and (args or how is not None):
            if args:
                _run(["usermod"] + args + ["--", name])
            if how == "chpasswd":
                _set_password(name, how, field)
            after = _account(name)
        return _result(before, after, warnings)


def _remove(name, remove_home, dry_run):
    warnings = []
    with resource_lock(_DB):
        before = _account(name, warnings)
        if not before.exists:
            if _nss_only(name):
                warnings.append("%s is not in /etc/passwd but the name service knows it: not a "
                                "local user, so userdel is not run" % name)
            return _result(before, before, warnings)
        if remove_home and before.home and not os.path.isdir(before.home):
            warnings.append("home %s does not exist" % before.home)
        if not dry_run:
            _run(["userdel"] + (["--remove"] if remove_home else []) + ["--", name])
            after = _account(name)
        else:
            after = Account(False, name, -1, -1, "", [], "", "", "")
        return _result(before, after, warnings)


# ---------------------------------------------------------------------------------- groups


def _group_result(before, after, warnings):
    return GroupResult(after.name, after.gid, before != after, before, after, warnings)


def _group_present(name, gid, system, dry_run):
    warnings = []
    with resource_lock(_DB):
        before = _group(name)
        if not before.exists:
            argv = ["groupadd"] + (["--gid", str(gid)] if gid is not None else []) \
                + (["--system"] if system else []) + ["--", name]
            if dry_run:
                return _group_result(before, Group(True, name, -1 if gid is None else gid, []),
                                     warnings)
            _run(argv)
            return _group_result(before, _group(name), warnings)
        if gid is None or gid == before.gid:
            return _group_result(before, before, warnings)
        if dry_run:
            return _group_result(before, before._replace(gid=gid), warnings)
        _run(["groupmod", "--gid", str(gid), "--", name])
        warnings.append("files owned by gid %d keep that number (groupmod does not chown)"
                        % before.gid)
        return _group_result(before, _group(name), warnings)


def _remove_group(name, dry_run):
    with resource_lock(_DB):
        before = _group(name)
        if not before.exists:
            return _group_result(before, before, [])
        if dry_run:
            return _group_result(before, Group(False, name, -1, []), [])
        _run(["groupdel", "--", name])
        return _group_result(before, _group(name), [])


# ---------------------------------------------------------------------------------- keys

# sshd(8) AUTHORIZED_KEYS FILE FORMAT: [options] keytype base64-key [comment].
_KEY_TYPE = re.compile(r"^(ssh-(rsa|dss|ed25519|ed448)|ecdsa-sha2-nistp(256|384|521)|"
                       r"sk-(ecdsa-sha2-nistp256|ssh-ed25519)@openssh\.com)"
                       r"(-cert-v01@openssh\.com)?$")


def _parse_key(line):
    """An AuthorizedKey, or None for a blank or comment line; ValueError for anything else."""
    s = line.strip()
    if not s or s.startswith("#"):
        return None
    options = ""
    first = s.split(None, 1)[0]
    if not _KEY_TYPE.match(first):
        # Options end at the first space outside double quotes; \" escapes a quote.
        i, quoted = 0, False
        while i < len(s):
            c = s[i]
            if c == "\\" and quoted:
                i += 2
                continue
            if c == '"':
                quoted = not quoted
            elif c in " \t" and not quoted:
                break
            i += 1
        options, s = s[:i], s[i:].strip()
    parts = s.split(None, 2)
    if len(parts) < 2 or not _KEY_TYPE.match(parts[0]):
        raise ValueError("not an authorized_keys line: %r" % line)
    return AuthorizedKey(options, parts[0], parts[1], parts[2].strip() if len(parts) > 2 else "")


def _key_line(k):
    return " ".join(p for p in (k.options, k.type, k.blob, k.comment) if p)


def _strict_modes(path, uid, warnings):
    """sshd's StrictModes: every folder from the file up to / owned by root or the user and
    writable by no one else, or sshd ignores the keys without a word to the client."""
    d = os.path.dirname(path)
    while True:
        try:
            st = os.stat(d)
        except OSError:
            break
        if st.st_uid not in (0, uid) or st.st_mode & 0o022:
            warnings.append("sshd (StrictModes) ignores %s: %s is owned by uid %d, mode %04o"
                            % (path, d, st.st_uid, stat.S_IMODE(st.st_mode)))
        if d == "/":
            break
        d = os.path.dirname(d)


def _keys(name, keys, exclusive, present, dry_run):
    wanted = []
    for k in keys:
        parsed = _parse_key(k)
        if parsed is None:
            raise ValueError("not a key: %r" % k)
        wanted.append(parsed)
    warnings = []
    account = _account(name, warnings)
    if not account.exists:
        raise KeyError("user %s does not exist" % name)
    if not os.path.isdir(account.home):
        raise FileNotFoundError(errno.ENOENT, "home folder of %s does not exist" % name,
                                account.home)
    ssh = safe_path(os.path.join(account.home, ".ssh"), follow=False)
    path = os.path.join(ssh, "authorized_keys")
    if os.path.lexists(path):
        # A link the user planted: PermissionError here, before anything is read or written.
        safe_path(path)
    with path_lock(path):
        dir_changed = False
        try:
            st = os.lstat(ssh)
        except FileNotFoundError:
            st = None
        if st is not None and not stat.S_ISDIR(st.st_mode):
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", ssh)
        if st is None and (not present or not wanted):
            return KeysResult(name, path, False, "", [], [], warnings)
        if st is None:
            dir_changed = True
            if not dry_run:
                os.mkdir(ssh, 0o700)
                os.lchown(ssh, account.uid, account.gid)
                os.chmod(ssh, 0o700)
        elif stat.S_IMODE(st.st_mode) != 0o700 or st.st_uid != account.uid \
                or st.st_gid != account.gid:
            warnings.append("%s: mode %04o owner %d:%d -> 0700 %d:%d" % (
                ssh, stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid, account.uid, account.gid))
            dir_changed = True
            if not dry_run:
                os.lchown(ssh, account.uid, account.gid)
                os.chmod(ssh, 0o700)
        data, _ = read_existing(path) if st is not None else (None, None)
        text = data.decode("utf-8", "surrogateescape") if data is not None else ""
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        parsed = [_parse_or_none(line) for line in lines]
        before = [k for k in parsed if k is not None]
        out = list(lines)
        if not present:
            blobs = set((k.type, k.blob) for k in wanted)
            keep = [i for i, k in enumerate(parsed) if k is None or (k.type, k.blob) not in blobs]
            out = [lines[i] for i in keep]
        else:
            claimed = set()
            for k in wanted:
                match = next((i for i, p in enumerate(parsed) if p is not None
                              and i not in claimed and (p.type, p.blob) == (k.type, k.blob)),
                             None)
                if match is None:
                    out.append(_key_line(k))
                    parsed.append(k)
                    claimed.add(len(parsed) - 1)
                    continue
                claimed.add(match)
                old = parsed[match]
                # Options and comment as given; either one not given keeps the line's own.
                new = k._replace(options=k.options or old.options,
                                 comment=k.comment or old.comment)
                if new != old:
                    out[match] = _key_line(new)
                    parsed[match] = new
            if exclusive:
                out = [out[i] for i in sorted(claimed)]
        new_text = "".join(line + "\n" for line in out)
        after = [k for k in map(_parse_or_none, out) if k is not None]
        if data is None and not out:
            write = None
        else:
            write = write_file(path, new_text.encode("utf-8", "surrogateescape"), mode=0o600,
                               owner=account.uid, group=account.gid,
                               dry_run=dry_run, new_mode=0o600)
            warnings.extend(write.warnings)
        _strict_modes(path, account.uid, warnings)
        changed = dir_changed or (write is not None and write.changed)
        return KeysResult(name, path, changed, write.diff if write is not None else "", before,
                          after, warnings)


def _parse_or_none(line):
    try:
        return _parse_key(line)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------- sudoers

def _sudoers_file(name):
    """sudo skips files in an #includedir whose name contains '.' or ends in '~' (sudoers(5)):
    those characters (and '%', to keep the mapping one-to-one) are written as %XX."""
    if not name or "/" in name or name in (".", ".."):
        raise ValueError("not a sudoers drop-in name: %r" % name)
    return name.replace("%", "%25").replace(".", "%2E").replace("~", "%7E")


def _sudoers(name, rules, nopasswd, absent, dry_run, file_name):
    if file_name is None:
        file_name = _sudoers_file(name)
    elif "." in file_name or file_name.endswith("~") or "/" in file_name or not file_name:
        raise ValueError("sudo would skip a drop-in named %r (sudoers(5): no '.', no '~' at "
                         "the end)" % file_name)
    path = os.path.join(_SUDOERS_D, file_name)
    warnings = []
    if not os.path.isdir(_SUDOERS_D):
        raise FileNotFoundError(errno.ENOENT, "no sudoers drop-in folder (is sudo installed?)",
                                _SUDOERS_D)
    main, _ = read_existing("/etc/sudoers")
    if main is not None and not re.search(br"^[@#]includedir\s+/etc/sudoers\.d\s*$", main,
                                          re.M):
        warnings.append("/etc/sudoers does not include %s: sudo does not read %s"
                        % (_SUDOERS_D, path))
    # Removal unlinks the name itself, never what a link there points to.
    target = safe_path(path, follow=not absent)
    with path_lock(target):
        if absent:
            before, _ = read_existing(target)
            if before is None:
                return SudoersResult(name, target, False, "", warnings)
            diff = unified_diff(path, before, b"")
            if not dry_run:
                os.unlink(target)
            return SudoersResult(name, target, True, diff, warnings)
        if rules is None:
            content = "%s ALL=(ALL) %sALL\n" % (name, "NOPASSWD: " if nopasswd else "")
        else:
            content = "".join(r.rstrip("\n") + "\n" for r in rules)
        w = write_file(path, content.encode("utf-8"), mode=0o440, owner=0, group=0,
                       dry_run=dry_run, new_mode=0o440, validate=["visudo", "-cf", "%s"])
        return SudoersResult(name, w.path, w.changed, w.diff, warnings + list(w.warnings))


# ---------------------------------------------------------------------------------- the tool


class User(Tool):
    """Create and manage users, groups, authorized_keys and sudoers drop-ins (root).

    Calls that read and then change the user database hold one lock of the remote, so calls in
    flight on one connection never interleave their reads and writes."""

    @staticmethod
    def present(name: str, *, uid: Optional[int] = None, gid: Optional[int] = None,
                comment: str = _NO_COMMENT, home: Optional[str] = None,
                shell: str = _BASH, groups: Optional[List[str]] = None,
                append_groups: bool = True, system: bool = False, create_home: bool = True,
                dry_run: bool = False, password: Optional[str] = None,
                update_password: str = "always", password_lock: Optional[bool] = None,
                expires: Optional[float] = None, non_unique: bool = False,
                _passwd_file: str = _PASSWD) -> Result:
        """The library's present: useradd for a new user, usermod of what differs for an
        existing one. `shell` and `comment` left at their defaults apply to a new user only;
        `uid` and `gid` are reconciled; `groups` joins (append_groups) or sets them.

        Ansible's names for what the library lacks: `password` a crypt(3) hash (ValueError for
        anything else), set through `chpasswd --encrypted` on stdin whenever /etc/shadow's
        differs (`update_password="always"`) or to a new user only ("on_create");
        `password_lock` True/False as usermod -L/-U; `expires` seconds since the epoch (the
        UTC day it falls on), negative for never; `non_unique` allows a uid another user has
        (-o). `_passwd_file` is the local user database read (tests point it elsewhere)."""
        if expires is None:
            expiry = None
        elif expires < 0:
            expiry = Expiry(None)
        else:
            expiry = Expiry(_EPOCH + datetime.timedelta(days=int(expires // 86400)))
        return _ensure(UserSpec(
            name=name, uid=uid, group=None if gid is None else str(gid),
            comment=None if comment is _NO_COMMENT else comment,
            home=home, shell=None if shell is _BASH else shell, groups=groups,
            groups_mode=GroupsMode.ADD if append_groups else GroupsMode.EXACT, system=system,
            create_home=create_home and not system, password=password,
            update_password=UpdatePassword(update_password), password_lock=password_lock,
            expires=expiry, non_unique=non_unique), dry_run, _passwd_file)

    @staticmethod
    def ensure_user(spec: UserSpec, dry_run: bool = False) -> Result:
        """`present` with every field optional: None is "not managed"."""
        return _ensure(spec, dry_run)

    @staticmethod
    def account(name: str) -> Account:
        """The user as /etc/passwd and /etc/group say; `exists` False when there is none."""
        return _account(name)

    @staticmethod
    def absent(name: str, *, remove_home: bool = False, dry_run: bool = False) -> bool:
        """The library's absent: userdel [--remove]; whether the user existed."""
        return _remove(name, remove_home, dry_run).changed

    @staticmethod
    def remove_user(name: str, remove_home: bool = False, dry_run: bool = False) -> Result:
        """`absent` with the account before and after."""
        return _remove(name, remove_home, dry_run)

    @staticmethod
    def group_present(name: str, *, gid: Optional[int] = None, system: bool = False,
                      dry_run: bool = False) -> GroupResult:
        """groupadd, or groupmod --gid when the gid given differs."""
        return _group_present(name, gid, system, dry_run)

    @staticmethod
    def group_info(name: str) -> Group:
        """The group as /etc/group says; `exists` False when there is none."""
        return _group(name)

    @staticmethod
    def group_absent(name: str, *, dry_run: bool = False) -> bool:
        """The library's group_absent: groupdel; whether the group existed."""
        return _remove_group(name, dry_run).changed

    @staticmethod
    def remove_group(name: str, dry_run: bool = False) -> GroupResult:
        """`group_absent` with the group before and after."""
        return _remove_group(name, dry_run)

    @staticmethod
    def authorized_key(name: str, key: str, *, exclusive: bool = False,
                       dry_run: bool = False) -> bool:
        """The library's authorized_key: the key in ~name/.ssh/authorized_keys (matched by type
        and blob); `exclusive` removes every other line. Whether anything changed."""
        return _keys(name, [key], exclusive, True, dry_run).changed

    @staticmethod
    def authorized_keys(name: str, keys: List[str], exclusive: bool = False,
                        present: bool = True, dry_run: bool = False) -> KeysResult:
        """Several keys at once; `present=False` removes every line of each key's blob."""
        return _keys(name, list(keys), exclusive, present, dry_run)

    @staticmethod
    def sudoer(name: str, *, nopasswd: bool = True, absent: bool = False,
               dry_run: bool = False) -> bool:
        """The library's sudoer: /etc/sudoers.d/<name> with `name ALL=(ALL) [NOPASSWD: ]ALL`,
        checked with visudo -cf before it is installed, mode 0440. Whether it changed."""
        return _sudoers(name, None, nopasswd, absent, dry_run, None).changed

    @staticmethod
    def sudoers(name: str, rules: Optional[List[str]] = None, nopasswd: bool = True,
                absent: bool = False, dry_run: bool = False,
                file_name: Optional[str] = None) -> SudoersResult:
        """`sudoer` with rules of the caller's (one line each) and the diff."""
        return _sudoers(name, rules, nopasswd, absent, dry_run, file_name)
