"""AptRepository: apt sources as DEB822 `.sources` files, each with its own signing key.

The Python library's `key`, `present` and `absent`, with its `Result`, plus `present_source`.
A source's key goes to /etc/apt/keyrings with the extension its bytes call for (.asc armored,
.gpg binary: apt ignores a key whose extension does not match), and the source's Signed-By
names that file. Before writing, every source apt reads is scanned: a source whose URI and
suite another one has with a different Signed-By is refused, since apt would then refuse to
read any source at all ("Conflicting values set for option Signed-By"). The Result says
whether the package lists are stale, so that the caller runs Apt.update once.
"""
import os
import re
import typing
from typing import List, Optional

from rmote.protocol import Tool
from rmote.support.files import unified_diff, write_file
from rmote.support.locks import path_lock, resource_lock

SOURCES_DIR = "/etc/apt/sources.list.d"
SOURCES_LIST = "/etc/apt/sources.list"
KEYRINGS_DIR = "/etc/apt/keyrings"
LISTS = "/var/lib/apt/lists"
_LOCK = "apt"  # the Apt tool's lock: no source changes under a running apt-get
# apt reads files in sources.list.d whose names have only these characters (apt.conf(5)).
_NAME = re.compile(r"^[A-Za-z0-9_.\-]+$")
_ARMOR = b"-----BEGIN PGP PUBLIC KEY BLOCK-----"


class Result(typing.NamedTuple):
    """The library's two fields first. `diff` is the unified diff of every file written or
    removed (a key in binary form shows as "Binary files ... differ"); `needs_update` says
    the package lists do not match the sources now (the source changed, or its lists were
    never fetched): run Apt.update. `files` are the paths written or removed (would be, in a
    dry run); `warnings` what apt would warn about (a target configured twice)."""
    name: str
    changed: bool
    diff: str = ""
    needs_update: bool = False
    files: List[str] = []
    warnings: List[str] = []


class Source(typing.NamedTuple):
    """One DEB822 source, every field of `present` in one value. `key`, when given, is
    written to /etc/apt/keyrings/<name>.asc or .gpg and becomes the Signed-By."""
    name: str
    uris: List[str]
    suites: List[str]
    components: List[str] = []
    types: List[str] = ["deb"]
    signed_by: str = ""
    key: Optional[bytes] = None
    architectures: List[str] = []


class SourceConflict(ValueError):
    """Another source has this URI and suite with a different Signed-By."""

    def __init__(self, message, other, uri, suite, signed_by, other_signed_by):
        super(SourceConflict, self).__init__(message)
        self.other = other
        self.uri = uri
        self.suite = suite
        self.signed_by = signed_by
        self.other_signed_by = other_signed_by


def key_format(data):
    """"asc" for an armored OpenPGP key, "gpg" for a binary one; ValueError for anything else
    (a GnuPG keybox, which apt cannot read, included)."""
    if data.lstrip().startswith(_ARMOR):
        return "asc"
    if len(data) >= 12 and data[8:12] == b"KBXf":
        raise ValueError("a GnuPG keybox, which apt cannot read: export the key with "
                         "gpg --export (binary) or gpg --export --armor")
    if data and data[0] & 0x80:
        tag = data[0] & 0x3F if data[0] & 0x40 else (data[0] >> 2) & 0x0F
        if tag == 6:  # a public-key packet opens a transferable public key (RFC 4880 11.1)
            return "gpg"
    raise ValueError("not an OpenPGP public key (neither armored nor a binary key packet)")


def _key_path(name, data):
    fmt = key_format(data)
    base, dot, ext = name.rpartition(".")
    if dot and ext in ("asc", "gpg"):
        if ext != fmt:
            raise ValueError("%s: the key is %s but the name ends in .%s; apt ignores a key whose "
                             "extension does not match its format" % (
                                 name, "armored" if fmt == "asc" else "binary", ext))
        return os.path.join(KEYRINGS_DIR, name)
    return os.path.join(KEYRINGS_DIR, name + "." + fmt)


def _check_name(name):
    if not _NAME.match(name) or name in (".", ".."):
        raise ValueError("%r: apt reads source and key file names of letters, digits, _, - "
                         "and . only" % name)


def _render(s):
    lines = ["Types: " + " ".join(s.types), "URIs: " + " ".join(s.uris),
             "Suites: " + " ".join(s.suites)]
    if s.components:
        lines.append("Components: " + " ".join(s.components))
    if s.architectures:
        lines.append("Architectures: " + " ".join(s.architectures))
    if s.signed_by:
        lines.append("Signed-By: " + s.signed_by)
    return "\n".join(lines) + "\n"


def _read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return None


def _one_line(path, text):
    """Entries of a one-line sources.list(5) file: (where, uri, suite, signed_by)."""
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        options = {}
        m = re.match(r"^(\S+)\s+\[([^\]]*)\]\s+(.*)$", line)
        if m:
            kind, opts, rest = m.groups()
            for opt in opts.split():
                k, _, v = opt.partition("=")
                options[k.lower()] = v
        else:
            kind, _, rest = line.partition(" ")
        words = rest.split()
        if kind not in ("deb", "deb-src") or len(words) < 2:
            continue
        out.append(("%s:%d" % (path, n), words[0], words[1], options.get("signed-by", "")))
    return out


def _deb822(path, text):
    """Entries of a DEB822 .sources file (sources.list(5)); `Enabled: no` stanzas skipped."""
    out = []
    for n, stanza in enumerate(re.split(r"\n[ \t]*\n", text), 1):
        fields = {}
        key = None
        for line in stanza.splitlines():
            if line.startswith("#"):
                continue
            if line[:1] in (" ", "\t") and key:
                fields[key] += "\n" + line.strip()
                continue
            k, sep, v = line.partition(":")
            if sep:
                key = k.strip().lower()
                fields[key] = v.strip()
        if not fields or fields.get("enabled", "yes").lower() == "no":
            continue
        for uri in fields.get("uris", "").split():
            for suite in fields.get("suites", "").split():
                out.append(("%s:%d" % (path, n), uri, suite,
                            fields.get("signed-by", "").strip()))
    return out


def _all_sources(skip):
    entries = []
    text = _read(SOURCES_LIST)
    if text:
        entries += _one_line(SOURCES_LIST, text)
    try:
        names = sorted(os.listdir(SOURCES_DIR))
    except OSError:
        names = []
    for n in names:
        path = os.path.join(SOURCES_DIR, n)
        if path == skip or not _NAME.match(n):
            continue
        if n.endswith(".list"):
            entries += _one_line(path, _read(path) or "")
        elif n.endswith(".sources"):
            entries += _deb822(path, _read(path) or "")
    return entries


def _norm(uri):
    return uri.rstrip("/")


def _list_prefix(uri, suite):
    """The file name prefix of the suite's indexes in /var/lib/apt/lists: apt's URItoFileName
    of the suite's folder (scheme and credentials dropped, reserved characters %-quoted, "/"
    turned into "_")."""
    base = _norm(uri) + "/"
    path = base + suite if suite.endswith("/") else base + "dists/" + suite + "/"
    path = re.sub(r"^[A-Za-z][A-Za-z0-9+.\-]*:(//)?([^@/]*@)?", "", path)
    out = []
    for c in path:
        if c in "\\|{}[]<>\"^~_=!@#$%&*" or ord(c) <= 0x20 or ord(c) >= 0x7F:
            out.append("%%%02x" % ord(c))
        else:
            out.append(c)
    return "".join(out).replace("/", "_")


def _fetched(uris, suites):
    try:
        names = os.listdir(LISTS)
    except OSError:
        return False
    for uri in uris:
        for suite in suites:
            prefix = _list_prefix(uri, suite)
            if not any(n.startswith(prefix) for n in names):
                return False
    return True


def _ensure_keyrings(dry_run):
    # /etc/apt/keyrings ships with apt 2.4 (bookworm); bullseye's apt 2.2 has none.
    if not dry_run and not os.path.isdir(KEYRINGS_DIR):
        os.makedirs(KEYRINGS_DIR, 0o755, exist_ok=True)
        os.chmod(KEYRINGS_DIR, 0o755)


def _remove(path, dry_run, diffs, files):
    with path_lock(path):
        try:
            with open(path, "rb") as f:
                before = f.read()
        except FileNotFoundError:
            return False
        diffs.append(unified_diff(path, before, b""))
        files.append(path)
        if not dry_run:
            os.unlink(path)
        return True


def _present(s, dry_run):
    _check_name(s.name)
    if isinstance(s.types, str) or isinstance(s.uris, str) or isinstance(s.suites, str):
        raise TypeError("types, uris and suites are lists of strings")
    if not s.uris or not s.suites:
        raise ValueError("a source needs at least one URI and one suite")
    flat = [x for x in s.suites if x.endswith("/")]
    if flat and s.components:
        raise ValueError("suite %s is an exact path (it ends in /): it takes no components"
                         % flat[0])
    if len(flat) < len(s.suites) and not s.components:
        raise ValueError("suite %s needs components (or end it in / for a flat repository)"
                         % [x for x in s.suites if not x.endswith("/")][0])
    key_path = None
    signed_by = s.signed_by
    if s.key is not None:
        key_path = _key_path(s.name, s.key)
        if signed_by and signed_by != key_path:
            raise ValueError("both a key (written to %s) and signed_by=%s given"
                             % (key_path, signed_by))
        signed_by = key_path
    source = s._replace(signed_by=signed_by)
    path = os.path.join(SOURCES_DIR, s.name + ".sources")
    text = _render(source)
    warnings = []
    with resource_lock(_LOCK):
        for where, uri, suite, other in _all_sources(path):
            for mine in s.uris:
                if _norm(mine) != _norm(uri) or suite not in s.suites:
                    continue
                if signed_by and other and other != signed_by:
                    raise SourceConflict(
                        "%s %s is already a source in %s with Signed-By %s; writing %s with "
                        "Signed-By %s would make apt refuse every source (\"Conflicting values "
                        "set for option Signed-By\")" % (uri, suite, where, other, path,
                                                         signed_by),
                        where, uri, suite, signed_by, other)
                warnings.append("%s %s is also a source in %s: apt warns that its targets are "
                                "configured multiple times" % (uri, suite, where))
        diffs, files = [], []
        if key_path is not None:
            _ensure_keyrings(dry_run)
            w = write_file(key_path, s.key, mode=0o644, dry_run=dry_run)
            if w.changed:
                diffs.append(w.diff)
                files.append(key_path)
            warnings += w.warnings
            other_ext = key_path[:-3] + ("gpg" if key_path.endswith("asc") else "asc")
            if key_path == os.path.join(KEYRINGS_DIR, s.name + "." + key_path[-3:]):
                _remove(other_ext, dry_run, diffs, files)
        w = write_file(path, text.encode("utf-8"), mode=0o644, dry_run=dry_run)
        if w.changed:
            diffs.append(w.diff)
            files.append(path)
        warnings += w.warnings
        changed = bool(files)
        stale = changed or not _fetched(s.uris, s.suites)
        return Result(s.name, changed, "".join(diffs), stale, files, warnings)


class AptRepository(Tool):
    """Manage APT repository sources and their signing keys (root): DEB822 .sources files in
    /etc/apt/sources.list.d, keys in /etc/apt/keyrings. Writes are atomic, with a diff."""

    @staticmethod
    def key(name: str, data: bytes, *, dry_run: bool = False) -> Result:
        """Write a signing key to /etc/apt/keyrings/<name> (0644). A name without .asc or .gpg
        gets the extension the bytes call for; one with the wrong extension is a ValueError
        (apt would ignore the key: "unsupported filetype")."""
        _check_name(name)
        path = _key_path(name, data)
        with resource_lock(_LOCK):
            _ensure_keyrings(dry_run)
            w = write_file(path, data, mode=0o644, dry_run=dry_run)
        return Result(name, w.changed, w.diff, False, [path] if w.changed else [], w.warnings)

    @staticmethod
    def present(name: str, *, types: List[str] = ("deb",), uris: List[str],
                suites: List[str], components: List[str] = (), signed_by: str = "",
                key: Optional[bytes] = None, architectures: List[str] = (),
                dry_run: bool = False) -> Result:
        """Ensure /etc/apt/sources.list.d/<name>.sources holds this source (the library's
        text: Types, URIs, Suites, Components, Signed-By lines; Architectures when given;
        Components left out for a flat repository, whose suite ends in /)."""
        return _present(Source(name, list(uris), list(suites), list(components), list(types),
                               signed_by, key, list(architectures)), dry_run)

    @staticmethod
    def present_source(source: Source, dry_run: bool = False) -> Result:
        """present, with the source in one value."""
        return _present(source._replace(uris=list(source.uris), suites=list(source.suites),
                                        components=list(source.components or ()),
                                        types=list(source.types or ("deb",)),
                                        architectures=list(source.architectures or ())),
                        dry_run)

    @staticmethod
    def absent(name: str, *, dry_run: bool = False) -> Result:
        """Remove /etc/apt/sources.list.d/<name>.sources and the key present() wrote for it
        (/etc/apt/keyrings/<name>.asc or .gpg) unless another source names that key."""
        _check_name(name)
        path = os.path.join(SOURCES_DIR, name + ".sources")
        diffs, files = [], []
        with resource_lock(_LOCK):
            removed = _remove(path, dry_run, diffs, files)
            used = set(e[3] for e in _all_sources(path))
            for ext in ("asc", "gpg"):
                key_path = os.path.join(KEYRINGS_DIR, "%s.%s" % (name, ext))
                if key_path not in used:
                    _remove(key_path, dry_run, diffs, files)
        return Result(name, bool(files), "".join(diffs), removed, files, [])
