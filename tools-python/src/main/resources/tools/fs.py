"""FileSystem: read, glob, idempotent line and block editing, atomic writes, stat and the
file operations of a configuration tool. Every mutating method takes dry_run and reports what
changed from the file as it is, with a unified diff for content."""
import enum
import os
import stat as _stat
import typing

from rmote.protocol import Tool
from rmote.support.files import safe_path, unified_diff, write_file
from rmote.support.locks import path_lock


class LineInFileMatch(enum.IntEnum):
    FIRST = 0
    ALL = 1


class FileType(enum.Enum):
    ABSENT = "absent"
    FILE = "file"
    DIRECTORY = "directory"
    SYMLINK = "symlink"
    FIFO = "fifo"
    SOCKET = "socket"
    CHAR_DEVICE = "char_device"
    BLOCK_DEVICE = "block_device"


class FileMode(typing.NamedTuple):
    octal: str


class FileChange(typing.NamedTuple):
    path: str
    changed: bool
    diff: str
    in_place: bool
    warnings: typing.List[str]


class FileStat(typing.NamedTuple):
    path: str
    type: FileType
    mode: typing.Optional[FileMode]
    owner: typing.Optional[str]
    group: typing.Optional[str]
    uid: int
    gid: int
    size: int
    mtime: float
    sha256: typing.Optional[str]
    link_target: typing.Optional[str]


def _bits(mode):
    """A FileMode (its octal text) or an int (Python callers) as permission bits."""
    if mode is None:
        return None
    if isinstance(mode, int):
        return mode
    return int(getattr(mode, "octal", mode), 8)


def _change(path, write):
    return FileChange(path, write.changed, write.diff, write.in_place, list(write.warnings))


def _split(text):
    """[(content, ending)] with ending '\\r\\n', '\\n' or '' (a last line without one)."""
    out = []
    for piece in text.split("\n"):
        out.append([piece[:-1], "\r\n"] if piece.endswith("\r") else [piece, "\n"])
    last = out.pop()
    if last[0] or last[1] == "\r\n":
        out.append([last[0] + ("\r" if last[1] == "\r\n" else ""), ""])
    return out


def _join(lines):
    return "".join(content + ending for content, ending in lines)


def _insert(lines, new, at):
    """Inserts new lines at index `at`, keeping the file's line endings and whether it ends
    with a line break."""
    eol = "\r\n" if lines and lines[0][1] == "\r\n" else "\n"
    block = [[content, eol] for content in new]
    if at >= len(lines) and lines and lines[-1][1] == "":
        lines[-1][1] = eol
        block[-1][1] = ""
    lines[at:at] = block


def _where(lines, insert_after, insert_before):
    import re
    if insert_before is not None:
        if insert_before == "BOF":
            return 0
        pattern = re.compile(insert_before)
        for i, (content, _) in enumerate(lines):
            if pattern.search(content):
                return i
        return len(lines)
    if insert_after is not None and insert_after != "EOF":
        pattern = re.compile(insert_after)
        found = None
        for i, (content, _) in enumerate(lines):
            if pattern.search(content):
                found = i + 1
        if found is not None:
            return found
    return len(lines)


def _edit(path, create, encoding, dry_run, edit, mode=None):
    """Reads the file (under its path lock), lets edit(lines) change the line list, and writes
    the result if it differs. The text is decoded with surrogateescape, so bytes that are not
    in `encoding` come back unchanged."""
    target = safe_path(path)
    with path_lock(target):
        try:
            with open(target, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            if not create:
                raise
            data = None
        text = "" if data is None else data.decode(encoding, "surrogateescape")
        lines = _split(text)
        edit(lines)
        after = _join(lines).encode(encoding, "surrogateescape")
        if after == (b"" if data is None else data) and _bits(mode) is None:
            return FileChange(path, False, "", False, [])
        return _change(path, write_file(target, after, _bits(mode), dry_run=dry_run, shown=path))


class FileSystem(Tool):
    @staticmethod
    def read_bytes(path: str) -> bytes:
        with open(path, "rb") as f:
            return f.read()

    @staticmethod
    def read_str(path: str, encoding: str = "utf-8") -> str:
        with open(path, encoding=encoding) as f:
            return f.read()

    @staticmethod
    def exists(path: str) -> bool:
        return os.path.exists(path)

    @staticmethod
    def glob(path: str, pattern: str) -> typing.List[str]:
        import glob
        return sorted(glob.glob(os.path.join(glob.escape(path), pattern), recursive=True))

    @staticmethod
    def line_in_file(
        path: str,
        line: str,
        regexp: typing.Optional[str] = None,
        strip: bool = True,
        create: bool = False,
        match: LineInFileMatch = LineInFileMatch.FIRST,
        *,
        present: bool = True,
        insert_after: typing.Optional[str] = None,
        insert_before: typing.Optional[str] = None,
        encoding: str = "utf-8",
        dry_run: bool = False,
        backrefs: bool = False
    ) -> str:
        import re
        pattern = re.compile(regexp) if regexp is not None else None
        wanted = line.strip() if strip else line

        def same(content):
            return (content.strip() if strip else content) == wanted

        def edit(lines):
            if not present:
                lines[:] = [x for x in lines if not (pattern.search(x[0]) if pattern else same(x[0]))]
                return
            if pattern is not None:
                hits = [i for i, x in enumerate(lines) if pattern.search(x[0])]
                if hits:
                    for i in hits if match == LineInFileMatch.ALL else hits[:1]:
                        lines[i][0] = pattern.search(lines[i][0]).expand(line) if backrefs else line
                    return
                if backrefs:
                    return
            if any(same(x[0]) for x in lines):
                return
            _insert(lines, [line], _where(lines, insert_after, insert_before))

        return _edit(path, create, encoding, dry_run, edit).diff

    @staticmethod
    def block_in_file(
        path: str,
        block: str,
        marker: str = "# {mark} RMOTE MANAGED BLOCK",
        insert_after: typing.Optional[str] = None,
        insert_before: typing.Optional[str] = None,
        create: bool = True,
        encoding: str = "utf-8",
        dry_run: bool = False,
    ) -> FileChange:
        begin = marker.replace("{mark}", "BEGIN")
        end = marker.replace("{mark}", "END")
        body = block.splitlines()

        def edit(lines):
            contents = [x[0] for x in lines]
            start = contents.index(begin) if begin in contents else None
            stop = None
            if start is not None and end in contents[start:]:
                stop = contents.index(end, start)
            if start is not None and stop is not None:
                if not body:
                    del lines[start:stop + 1]
                    return
                current = contents[start + 1:stop]
                if current != body:
                    eol = lines[start][1] or "\n"
                    lines[start + 1:stop] = [[c, eol] for c in body]
                return
            if body:
                _insert(lines, [begin] + body + [end], _where(lines, insert_after, insert_before))

        return _edit(path, create, encoding, dry_run, edit)

    @staticmethod
    def write_str(
        path: str,
        content: str,
        mode: typing.Optional[FileMode] = None,
        encoding: str = "utf-8",
        *,
        owner: typing.Optional[str] = None,
        group: typing.Optional[str] = None,
        dry_run: bool = False,
        validate: typing.Optional[typing.List[str]] = None
    ) -> FileChange:
        data = content.encode(encoding, "surrogateescape")
        return _change(path, write_file(path, data, _bits(mode), owner, group, dry_run, validate=validate))

    @staticmethod
    def write_bytes(
        path: str,
        content: bytes,
        mode: typing.Optional[FileMode] = None,
        *,
        owner: typing.Optional[str] = None,
        group: typing.Optional[str] = None,
        dry_run: bool = False,
        validate: typing.Optional[typing.List[str]] = None
    ) -> FileChange:
        return _change(path, write_file(path, bytes(content), _bits(mode), owner, group, dry_run, validate=validate))

    @staticmethod
    def stat(path: str, follow: bool = False, checksum: bool = True) -> FileStat:
        try:
            st = os.stat(path) if follow else os.lstat(path)
        except FileNotFoundError:
            return FileStat(path, FileType.ABSENT, None, None, None, -1, -1, 0, 0.0, None, None)
        kind = _kind(st.st_mode)
        digest = None
        if checksum and kind == FileType.FILE:
            import hashlib
            h = hashlib.sha256()
            with open(path, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
            digest = h.hexdigest()
        return FileStat(
            path, kind, FileMode("%04o" % _stat.S_IMODE(st.st_mode)), _user(st.st_uid), _group(st.st_gid),
            st.st_uid, st.st_gid, st.st_size, st.st_mtime, digest,
            os.readlink(path) if kind == FileType.SYMLINK else None)

    @staticmethod
    def mkdir(
        path: str,
        mode: typing.Optional[FileMode] = None,
        *,
        owner: typing.Optional[str] = None,
        group: typing.Optional[str] = None,
        dry_run: bool = False
    ) -> FileChange:
        """mkdir -p; mode, owner and group apply to the last directory, new or not."""
        target = safe_path(path)
        with path_lock(target):
            bits = _bits(mode)
            uid, gid = _ids(owner, group)
            try:
                st = os.stat(target)
            except FileNotFoundError:
                st = None
            if st is not None and not _stat.S_ISDIR(st.st_mode):
                raise FileExistsError(17, "exists and is not a directory", path)
            notes = _notes(st, bits, uid, gid) if st is not None else ["created"]
            if dry_run or not notes:
                return FileChange(path, bool(notes), "", False, notes)
            if st is None:
                os.makedirs(target, 0o755 if bits is None else bits)
            if bits is not None:
                os.chmod(target, bits)
            if uid != -1 or gid != -1:
                os.chown(target, uid, gid)
            return FileChange(path, True, "", False, notes)

    @staticmethod
    def remove(path: str, recursive: bool = False, *, dry_run: bool = False) -> FileChange:
        target = safe_path(path, follow=False)
        with path_lock(target):
            try:
                st = os.lstat(target)
            except FileNotFoundError:
                return FileChange(path, False, "", False, [])
            if not dry_run:
                if _stat.S_ISDIR(st.st_mode):
                    if recursive:
                        import shutil
                        shutil.rmtree(target)
                    else:
                        os.rmdir(target)
                else:
                    os.unlink(target)
            return FileChange(path, True, "", False, ["removed"])

    @staticmethod
    def chmod(path: str, mode: FileMode, *, dry_run: bool = False) -> FileChange:
        target = safe_path(path)
        with path_lock(target):
            bits = _bits(mode)
            before = _stat.S_IMODE(os.stat(target).st_mode)
            if before == bits:
                return FileChange(path, False, "", False, [])
            if not dry_run:
                os.chmod(target, bits)
            return FileChange(path, True, "", False, ["mode %04o -> %04o" % (before, bits)])

    @staticmethod
    def chown(
        path: str,
        owner: typing.Optional[str] = None,
        group: typing.Optional[str] = None,
        *,
        dry_run: bool = False
    ) -> FileChange:
        target = safe_path(path)
        with path_lock(target):
            uid, gid = _ids(owner, group)
            notes = _notes(os.stat(target), None, uid, gid)
            if notes and not dry_run:
                os.chown(target, uid, gid)
            return FileChange(path, bool(notes), "", False, notes)

    @staticmethod
    def symlink(target: str, path: str, force: bool = False, *, dry_run: bool = False) -> FileChange:
        """Makes `path` a symbolic link to `target`; an existing link elsewhere is replaced
        atomically, any other file only with force."""
        link = safe_path(path, follow=False)
        with path_lock(link):
            try:
                st = os.lstat(link)
            except FileNotFoundError:
                st = None
            if st is not None and _stat.S_ISLNK(st.st_mode) and os.readlink(link) == target:
                return FileChange(path, False, "", False, [])
            if st is not None and not _stat.S_ISLNK(st.st_mode):
                if not force or _stat.S_ISDIR(st.st_mode):
                    raise FileExistsError(17, "exists and is not a symlink", path)
            before = os.readlink(link) if st is not None and _stat.S_ISLNK(st.st_mode) else None
            note = "link %s -> %s" % (before, target) if before is not None else "link -> %s" % target
            if not dry_run:
                tmp = "%s/.%s.%s.rmote" % (os.path.dirname(link), os.path.basename(link), os.urandom(6).hex())
                os.symlink(target, tmp)  # fails rather than follow if someone took that name
                try:
                    os.rename(tmp, link)
                except BaseException:
                    os.unlink(tmp)
                    raise
            return FileChange(path, True, "", False, [note])


def _kind(mode):
    for test, kind in ((_stat.S_ISREG, FileType.FILE), (_stat.S_ISDIR, FileType.DIRECTORY),
                       (_stat.S_ISLNK, FileType.SYMLINK), (_stat.S_ISFIFO, FileType.FIFO),
                       (_stat.S_ISSOCK, FileType.SOCKET), (_stat.S_ISCHR, FileType.CHAR_DEVICE),
                       (_stat.S_ISBLK, FileType.BLOCK_DEVICE)):
        if test(mode):
            return kind
    return FileType.FILE


def _user(uid):
    try:
        import pwd
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return None


def _group(gid):
    try:
        import grp
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return None


def _ids(owner, group):
    uid = gid = -1
    if owner:
        import pwd
        uid = int(owner) if owner.isdigit() else pwd.getpwnam(owner).pw_uid
    if group:
        import grp
        gid = int(group) if group.isdigit() else grp.getgrnam(group).gr_gid
    return uid, gid


def _notes(st, bits, uid, gid):
    notes = []
    if bits is not None and _stat.S_IMODE(st.st_mode) != bits:
        notes.append("mode %04o -> %04o" % (_stat.S_IMODE(st.st_mode), bits))
    if uid != -1 and st.st_uid != uid:
        notes.append("owner %d -> %d" % (st.st_uid, uid))
    if gid != -1 and st.st_gid != gid:
        notes.append("group %d -> %d" % (st.st_gid, gid))
    return notes
