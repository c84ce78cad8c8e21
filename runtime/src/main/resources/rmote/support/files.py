"""rmote.support.files: safe paths, atomic writes and diffs for the tools that edit files.

A support module (docs/tools.md): the controller sends it once per connection, before the first
tool whose source imports it, so connections that never edit a file do not carry it."""
import collections
import errno
import os
import stat

from rmote.support.locks import path_lock

FileWrite = collections.namedtuple("FileWrite", "path changed diff created in_place warnings")


def _walk(path, as_root, depth=0):
    if depth > 40:
        raise OSError(errno.ELOOP, "too many levels of symbolic links", path)
    result = "/"
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            result = os.path.dirname(result)
            continue
        candidate = os.path.join(result, part)
        try:
            st = os.lstat(candidate)
        except (FileNotFoundError, NotADirectoryError):
            result = candidate
            continue
        if not stat.S_ISLNK(st.st_mode):
            result = candidate
            continue
        if as_root and st.st_uid != 0:
            raise PermissionError(errno.EPERM, "refusing to follow, as root, a symlink owned by uid %d" % st.st_uid, candidate)
        result = _walk(os.path.join(result, os.readlink(candidate)), as_root, depth + 1)
    return result


def safe_path(path, follow=True):
    """The absolute path with its symlinks resolved (the last one too if `follow`); as root,
    PermissionError for a symlink that a user other than root owns."""
    path = os.path.abspath(path)
    as_root = os.geteuid() == 0
    if follow:
        return _walk(path, as_root)
    return os.path.join(_walk(os.path.dirname(path), as_root), os.path.basename(path))


def read_existing(path):
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None, None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "not a regular file", path) if stat.S_ISDIR(st.st_mode) else OSError(errno.EINVAL, "not a regular file", path)
        return f.read(), st


def _lines(data):
    if data is None:
        return []
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            return None
    parts = data.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def unified_diff(path, before, after):
    """The unified diff of two texts or byte strings ("" when equal)."""
    if before == after:
        return ""
    a = _lines(before)
    b = _lines(after)
    if a is None or b is None:
        return "Binary files %s and %s differ\n" % (path, path)
    import difflib
    out = []
    for line in difflib.unified_diff(a, b, fromfile=path, tofile=path):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def user_id(owner):
    if owner is None or owner == "":
        return -1
    if isinstance(owner, int) or owner.isdigit():
        return int(owner)
    import pwd
    return pwd.getpwnam(owner).pw_uid


def group_id(group):
    if group is None or group == "":
        return -1
    if isinstance(group, int) or group.isdigit():
        return int(group)
    import grp
    return grp.getgrnam(group).gr_gid


def metadata_changes(st, mode, uid, gid):
    notes = []
    if mode is not None and stat.S_IMODE(st.st_mode) != mode:
        notes.append("mode %04o -> %04o" % (stat.S_IMODE(st.st_mode), mode))
    if uid != -1 and st.st_uid != uid:
        notes.append("owner %d -> %d" % (st.st_uid, uid))
    if gid != -1 and st.st_gid != gid:
        notes.append("group %d -> %d" % (st.st_gid, gid))
    return notes


def _copy_xattrs(source, fd, warnings):
    try:
        names = os.listxattr(source, follow_symlinks=False)
    except (OSError, AttributeError):
        return
    for name in names:
        try:
            os.setxattr(fd, name, os.getxattr(source, name, follow_symlinks=False))
        except OSError as e:
            warnings.append("extended attribute %s not kept: %s" % (name, e.strerror))


def _fsync_dir(directory):
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _validate(command, path):
    import subprocess
    argv = [a.replace("%s", path) for a in command]
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = p.communicate()
    if p.returncode:
        raise subprocess.CalledProcessError(p.returncode, argv, output=out, stderr=err)


def _validate_copy(command, data):
    import tempfile
    fd, tmp = tempfile.mkstemp(suffix=".rmote")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        _validate(command, tmp)
    finally:
        os.unlink(tmp)


def write_file(path, data, mode=None, owner=None, group=None, dry_run=False, new_mode=0o644, shown=None,
               validate=None):
    """Writes bytes atomically (mkstemp beside the target, fsync, rename; in place with a
    warning when rename fails with EBUSY), keeping the mode, owner and extended attributes of
    the file it replaces unless mode/owner/group say otherwise; a new file gets `new_mode`.
    `validate` is an argv with "%s" for the new file's path (["visudo", "-cf", "%s"]), run
    before the rename (on a copy in the temporary folder for a dry run): a failure raises
    CalledProcessError and leaves the target untouched. Returns FileWrite(path, changed, diff,
    created, in_place, warnings); with dry_run the same, computed without writing."""
    target = safe_path(path)
    shown = path if shown is None else shown
    with path_lock(target):
        before, st = read_existing(target)
        uid = user_id(owner)
        gid = group_id(group)
        final_mode = mode if mode is not None else (stat.S_IMODE(st.st_mode) if st else new_mode)
        warnings = []
        if st is not None:
            warnings.extend(metadata_changes(st, mode, uid, gid))
        changed = st is None or before != data or bool(warnings)
        diff = unified_diff(shown, before, data) if before != data else ""
        if dry_run or not changed:
            if dry_run and validate and before != data:
                _validate_copy(validate, data)
            return FileWrite(target, changed, diff, st is None, False, warnings)
        if st is not None and before == data:
            os.chown(target, uid, gid, follow_symlinks=False)
            os.chmod(target, final_mode)
            return FileWrite(target, True, "", False, False, warnings)
        in_place = _replace(target, data, st, final_mode, uid, gid, warnings, validate)
        return FileWrite(target, True, diff, st is None, in_place, warnings)


def _replace(target, data, st, mode, uid, gid, warnings, validate):
    import tempfile
    directory, name = os.path.split(target)
    asked = uid != -1 or gid != -1
    if st is not None:
        uid = st.st_uid if uid == -1 else uid
        gid = st.st_gid if gid == -1 else gid
    fd, tmp = tempfile.mkstemp(prefix="." + name + ".", suffix=".rmote", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if st is not None:
                _copy_xattrs(target, f.fileno(), warnings)
            if uid != -1 or gid != -1:
                try:
                    os.fchown(f.fileno(), uid, gid)
                except PermissionError:
                    if asked:
                        raise
                    warnings.append("owner %d:%d not kept: only root may give a file away" % (uid, gid))
            os.fchmod(f.fileno(), mode)
            os.fsync(f.fileno())
        if validate:
            _validate(validate, tmp)
        try:
            os.rename(tmp, target)
        except OSError as e:
            if e.errno != errno.EBUSY:
                raise
            os.unlink(tmp)
            tmp = None
            _write_in_place(target, data, mode, uid, gid)
            warnings.append("rename over %s failed with EBUSY (a bind-mounted file?): written in place, not atomically" % target)
            return True
        tmp = None
        _fsync_dir(directory)
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _write_in_place(target, data, mode, uid, gid):
    fd = os.open(target, os.O_WRONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.truncate()
        f.flush()
        if uid != -1 or gid != -1:
            os.fchown(f.fileno(), uid, gid)
        os.fchmod(f.fileno(), mode)
        os.fsync(f.fileno())
