# rmote remote runtime: executed from memory by the first stage (see docs/protocol.md).
# Standard library only, Python 3.6+. Imports stay cheap until a call needs more.
# One file, because the bootstrap sends one; the build strips its comments and docstrings.
# In order: the wire constants; what tools see (Tool, process, Template, the file helpers); the value codec;
# then one session: answers, _Frames (framing and writes), _Tools (modules and call targets),
# _Async (coroutine methods), _Leaders (which thread reads and runs calls); main().
import os
import sys
import struct
import _thread  # not threading: it costs a millisecond or two at start-up

PROTOCOL = 1

# Frame kinds, flags and sizes: io.rmote.internal.wire.FrameKind has the same names and values.
SYNC = 1
CALL = 2
RESULT = 3
ERROR = 4
LOG = 5
CANCEL = 6
QUIT = 7
FATAL = 8
MORE = 1
HEADER_SIZE = 10
MAX_FRAME_BODY = 16 << 20
CHUNK = 4 << 20

# Value tags: io.rmote.internal.wire.Tag has the same names and numbers (WireConstantsTest).
T_NONE = 0x00
T_FALSE = 0x01
T_TRUE = 0x02
T_INT32 = 0x03
T_INT64 = 0x04
T_BIGINT = 0x05
T_FLOAT = 0x06
T_STR = 0x07
T_BYTES = 0x08
T_LIST = 0x09
T_TUPLE = 0x0A
T_DICT = 0x0B
T_SET = 0x0C
T_DATACLASS = 0x0D
T_NAMEDTUPLE = 0x0E
T_ENUM = 0x0F
T_DATETIME = 0x10
T_DATE = 0x11
T_TIME = 0x12
T_TIMEDELTA = 0x13
T_PATH = 0x14
T_COMPLETED_PROCESS = 0x15
T_EXCEPTION = 0x16
T_TEMPLATE = 0x17
T_OPAQUE = 0x18

_HEAD = struct.Struct(">IBBI")
_U32 = struct.Struct(">I")
_I32 = struct.Struct(">i")
_I64 = struct.Struct(">q")
_F64 = struct.Struct(">d")
_B_I32 = struct.Struct(">Bi")
_B_I64 = struct.Struct(">Bq")
_B_F64 = struct.Struct(">Bd")
_B_U32 = struct.Struct(">BI")
_DT = struct.Struct(">iBBBBBIB")
_DATE = struct.Struct(">iBB")
_TIME = struct.Struct(">BBBIB")
_TD = struct.Struct(">qii")

_NONE = bytes([T_NONE])
_FALSE = bytes([T_FALSE])
_TRUE = bytes([T_TRUE])
_STR_TAG = bytes([T_STR])


# The tail of a CALL without arguments: an empty tuple and an empty dict.
_NO_ARGS = bytes([T_TUPLE, 0, 0, 0, 0, T_DICT, 0, 0, 0, 0])
_EMPTY = {}
_NONE_PARTS = (bytes([0]),)


class ProtocolError(Exception):
    """The controller sent something that is not our wire format."""


# ---- what tools see ----------------------------------------------------------------------

class _ToolMeta(type):
    def __new__(mcs, name, bases, ns):
        if "__init__" in ns:
            raise TypeError(
                "tool %s defines __init__: tools have no instances; use static or class methods" % name)
        return super().__new__(mcs, name, bases, ns)


class Tool(metaclass=_ToolMeta):
    """Base of tool classes: their static and class methods run on the remote."""

    __module__ = "rmote.protocol"


def process(*args, stdin=None, capture_output=False, text=False, check=False, input=None, timeout=None,
            **kwargs):
    """subprocess.run with stdin, stdout and stderr kept away from the protocol pipes.

    As in the Python library, `stdin` given as str or bytes is the child's input (str is encoded
    as UTF-8 unless `text`); a file, a descriptor, PIPE or DEVNULL is passed to Popen as is."""
    import subprocess
    if isinstance(stdin, (str, bytes, bytearray, memoryview)):
        if input is not None:
            raise ValueError("stdin data and input may not both be given")
        if text and not isinstance(stdin, str):
            raise TypeError("stdin must be str when text=True")
        input = stdin.encode("utf-8") if isinstance(stdin, str) and not text else stdin
        stdin = None
    if stdin is not None:
        kwargs["stdin"] = stdin
    elif input is not None:
        kwargs["stdin"] = subprocess.PIPE
    else:
        kwargs["stdin"] = subprocess.DEVNULL
    if capture_output:
        kwargs["stdout"] = subprocess.PIPE
        kwargs["stderr"] = subprocess.PIPE
    else:
        kwargs.setdefault("stdout", subprocess.DEVNULL)
        kwargs.setdefault("stderr", subprocess.DEVNULL)
    if text:
        kwargs["universal_newlines"] = True
    argv = list(args[0]) if len(args) == 1 and isinstance(args[0], (list, tuple)) else list(args)
    with subprocess.Popen(argv, **kwargs) as p:
        try:
            out, err = p.communicate(input, timeout=timeout)
        except BaseException:
            p.kill()
            p.wait()
            raise
        code = p.poll()
    if check and code:
        raise subprocess.CalledProcessError(code, argv, output=out, stderr=err)
    return subprocess.CompletedProcess(argv, code, out, err)


class _ExitRequest(BaseException):
    """Raised by exit_after_reply(); the runtime catches it around each sync call."""

    def __init__(self, code):
        BaseException.__init__(self, code)
        self.code = code


def exit_after_reply(code=0):
    """Ends the remote once the calling (sync) tool method is answered: the call gets None, the
    calls already under way finish, log records are flushed, and the process exits with `code`.
    Raises, so nothing after it runs; a status outside 0..255 raises ValueError instead."""
    code = int(code)
    if not 0 <= code <= 255:
        raise ValueError("exit status %d is not in 0..255" % code)
    raise _ExitRequest(code)


# ---- templates ---------------------------------------------------------------------------

class Template(object):
    """A Mako-like template: ${expr}, % control lines, ## comments, %% and \\${ escapes. Its
    output is the Python library's: lines as str.splitlines() cuts them, joined by "\\n", so one
    final line break is dropped and CRLF comes out as LF."""

    __module__ = "rmote.protocol"  # where pickle finds it again

    def __init__(self, source):
        self.source = source
        self._fn = None

    def __getstate__(self):
        return {"source": self.source}

    def __setstate__(self, state):
        self.source = state["source"]
        self._fn = None

    def __eq__(self, other):
        return isinstance(other, Template) and other.source == self.source

    def __hash__(self):
        return hash(self.source)

    def __repr__(self):
        return "Template(%r)" % (self.source,)

    @staticmethod
    def compile(source):
        """The render function of `source` (keyword arguments: the variables); the same
        function for the same source while it stays among the last 256 compiled."""
        fn = _compiled.get(source)
        if fn is None:
            code = _template_code(source)

            def fn(**variables):
                return _template_run(code, source, variables)

            if len(_compiled) >= 256:
                _compiled.clear()
            _compiled[source] = fn
        return fn

    def render(self, **variables):
        if self._fn is None:
            self._fn = Template.compile(self.source)
        return self._fn(**variables)


def render_template(source, **variables):
    return Template(source).render(**variables)


_compiled = {}

# The template engine turns a template into Python code, one line of code per line of template
# (str.splitlines), so a traceback's line number is the template's. Most connections never render
# a template, so its source stays text until the first render compiles it (_template_code).
# compile_template(source) gives that code, which appends each output line to __out; every
# structure error is a SyntaxError with the template line and column.
_TEMPLATE_ENGINE = r'''
_OPEN = ("for", "if", "while", "with", "try", "def", "class")
_CONT = ("elif", "else", "except", "finally")
_END = ("endfor", "endif", "endwhile", "endwith", "endtry", "end")


def _error(message, number, column, line):
    return SyntaxError(message, ("<template>", number, column, line))


def _split_interpolations(line, number):
    parts = []
    text = []
    i = 0
    n = len(line)
    while i < n:
        c = line[i]
        if c == "\\" and line.startswith("${", i + 1):
            text.append("${")
            i += 3
            continue
        if c == "$" and i + 1 < n and line[i + 1] == "{":
            j = i + 2
            depth = 1
            quote = None
            while j < n:
                ch = line[j]
                if quote:
                    if ch == "\\":
                        j += 1
                    elif line.startswith(quote, j):
                        j += len(quote) - 1
                        quote = None
                elif ch in "\"'":
                    quote = line[j:j + 3] if line[j:j + 3] in ('"' * 3, "'" * 3) else ch
                    j += len(quote) - 1
                elif ch in "([{":
                    depth += 1
                elif ch in ")]}":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j >= n:
                raise _error("unterminated ${", number, i + 1, line)
            if text:
                parts.append(repr("".join(text)))
                text = []
            parts.append("__str(%s)" % line[i + 2:j])
            i = j + 1
            continue
        text.append(c)
        i += 1
    if text:
        parts.append(repr("".join(text)))
    return parts


def compile_template(source):
    code = []
    blocks = []
    for number, line in enumerate(source.splitlines(), 1):
        stripped = line.strip()
        pad = "    " * len(blocks)
        if stripped.startswith("##"):
            code.append("")
            continue
        if stripped.startswith("%") and not stripped.startswith("%%"):
            stmt = stripped[1:].strip()
            word = stmt.split(None, 1)[0].rstrip(":(") if stmt else "end"
            column = line.index("%") + 1
            if word in _END:
                if not blocks:
                    raise _error("%% %s closes no open block" % (stmt or ""), number, column, line)
                blocks.pop()
                code.append(pad + "pass")
            elif word in _CONT:
                if not blocks:
                    raise _error("%% %s outside a block" % word, number, column, line)
                code.append("    " * (len(blocks) - 1) + (stmt if stmt.endswith(":") else stmt + ":"))
            elif word in _OPEN or stmt.endswith(":"):
                code.append(pad + (stmt if stmt.endswith(":") else stmt + ":"))
                blocks.append((number, column, line))
            else:
                code.append(pad + stmt)
            continue
        if stripped.startswith("%%"):
            line = line.replace("%%", "%", 1)
        parts = _split_interpolations(line, number)
        code.append(pad + "__out.append(%s)" % (" + ".join(parts) if parts else "''"))
    if blocks:
        number, column, line = blocks[-1]
        raise _error("block not closed (no end line for it)", number, column, line)
    return "\n".join(code) + "\n"
'''

_template_engine = []


def _template_code(source):
    if not _template_engine:
        namespace = {}
        exec(compile(_TEMPLATE_ENGINE, "<rmote template engine>", "exec"), namespace)
        _template_engine.append(namespace["compile_template"])
    text = _template_engine[0](source)
    try:
        return compile(text, "<template>", "exec")
    except SyntaxError as e:
        lines = source.splitlines()
        line = lines[e.lineno - 1] if e.lineno and e.lineno <= len(lines) else None
        raise SyntaxError("%s in template line %s" % (e.msg, e.lineno), ("<template>", e.lineno, None, line))


def _template_run(code, source, variables):
    out = []
    ns = dict(variables)
    ns["__out"] = out
    ns["__str"] = str
    try:
        exec(code, ns)
    except NameError as e:
        number = None
        tb = e.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == "<template>":
                number = tb.tb_lineno
            tb = tb.tb_next
        if number is None:
            raise
        lines = source.splitlines()
        error = NameError("%s (template line %d: %s)" % (e, number, lines[number - 1].strip()))
        error.template_line = number
        raise error from None
    return "\n".join(out)


# ---- shared helpers of the built-in tools: locks, safe paths, atomic writes, diffs --------
# FileSystem, Template and the system tools share these (docs/tools.md). Like the template engine
# they stay text until a tool first asks for one, so a connection that never edits a file does
# not pay for them; _file_helpers() compiles them once, under a lock, so that every thread sees
# the one lock registry.

_FILE_HELPERS = r'''
import errno
import os
import stat
import threading
import collections
_registry = threading.Lock()
_locks = {}
FileWrite = collections.namedtuple("FileWrite", "path changed diff created in_place warnings")
class _Held(object):
    def __init__(self, name):
        self.name = name
        self.entry = None
    def __enter__(self):
        with _registry:
            entry = _locks.get(self.name)
            if entry is None:
                entry = _locks[self.name] = [threading.RLock(), 0]
            entry[1] += 1
        self.entry = entry
        entry[0].acquire()
        return self
    def __exit__(self, *exc):
        entry = self.entry
        entry[0].release()
        with _registry:
            entry[1] -= 1
            if entry[1] == 0:
                del _locks[self.name]
        return False
def resource_lock(name):
    return _Held(name)
def path_lock(path):
    return _Held("path:" + os.path.abspath(path))
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
def write_file(path, data, mode=None, owner=None, group=None, dry_run=False, new_mode=0o644, shown=None, validate=None):
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
'''

_file_helpers_ns = {}
_file_helpers_lock = _thread.allocate_lock()


def _file_helpers():
    with _file_helpers_lock:
        if not _file_helpers_ns:
            namespace = {}
            exec(compile(_FILE_HELPERS, "<rmote file helpers>", "exec"), namespace)
            _file_helpers_ns.update(namespace)
    return _file_helpers_ns


def resource_lock(name):
    """A context manager that holds the lock of `name` (re-entrant): calls on one host that
    touch one resource (a package manager, a unit) run one at a time."""
    return _file_helpers()["resource_lock"](name)


def path_lock(path):
    """resource_lock for a file: one edit per path at a time."""
    return _file_helpers()["path_lock"](path)


def safe_path(path, follow=True):
    """The absolute path with its symlinks resolved (the last one too if `follow`); as root,
    PermissionError for a symlink that a user other than root owns."""
    return _file_helpers()["safe_path"](path, follow)


def write_file(path, data, mode=None, owner=None, group=None, dry_run=False, new_mode=0o644, shown=None,
               validate=None):
    """Writes bytes atomically (mkstemp beside the target, fsync, rename; in place with a
    warning when rename fails with EBUSY), keeping the mode, owner and extended attributes of
    the file it replaces unless mode/owner/group say otherwise; a new file gets `new_mode`.
    `validate` is an argv with "%s" for the new file's path (["visudo", "-cf", "%s"]), run
    before the rename (on a copy in the temporary folder for a dry run): a failure raises
    CalledProcessError and leaves the target untouched. Returns FileWrite(path, changed, diff,
    created, in_place, warnings); with dry_run the same, computed without writing."""
    return _file_helpers()["write_file"](path, data, mode, owner, group, dry_run, new_mode, shown, validate)


def unified_diff(path, before, after):
    """The unified diff of two texts or byte strings ("" when equal)."""
    return _file_helpers()["unified_diff"](path, before, after)


# ---- encoding ----------------------------------------------------------------------------

def _str(s):
    b = s.encode("utf-8", "surrogatepass")
    return _U32.pack(len(b)) + b


def _enc_int(v, out):
    if -0x80000000 <= v <= 0x7FFFFFFF:
        out.append(_B_I32.pack(T_INT32, v))
    elif -0x8000000000000000 <= v <= 0x7FFFFFFFFFFFFFFF:
        out.append(_B_I64.pack(T_INT64, v))
    else:
        n = (v.bit_length() + 8) // 8
        # minimal two's complement: drop a redundant sign byte
        b = v.to_bytes(n, "big", signed=True)
        if n > 1 and ((b[0] == 0 and b[1] < 0x80) or (b[0] == 0xFF and b[1] >= 0x80)):
            b = b[1:]
        out.append(_B_U32.pack(T_BIGINT, len(b)))
        out.append(b)


def _enc_bytes(v, out):
    out.append(_B_U32.pack(T_BYTES, len(v)))
    out.append(v)


def _enc_seq(tag):
    def enc(v, out):
        out.append(_B_U32.pack(tag, len(v)))
        for x in v:
            _enc(x, out)
    return enc


def _enc_dict(v, out):
    out.append(_B_U32.pack(T_DICT, len(v)))
    for k, x in v.items():
        _enc(k, out)
        _enc(x, out)


_ENCODERS = {
    type(None): lambda v, out: out.append(_NONE),
    bool: lambda v, out: out.append(_TRUE if v else _FALSE),
    int: _enc_int,
    float: lambda v, out: out.append(_B_F64.pack(T_FLOAT, v)),
    str: lambda v, out: out.append(_STR_TAG + _str(v)),
    bytes: _enc_bytes,
    list: _enc_seq(T_LIST),
    tuple: _enc_seq(T_TUPLE),
    dict: _enc_dict,
    set: _enc_seq(T_SET),
    frozenset: _enc_seq(T_SET),
    bytearray: lambda v, out: _enc_bytes(bytes(v), out),
    memoryview: lambda v, out: _enc_bytes(v.tobytes(), out),
}


def _enc(v, out):
    f = _ENCODERS.get(type(v))
    if f is None:
        f = _encoder_for(type(v))
    f(v, out)


def _type_name(t):
    return t.__qualname__


def _full_name(t):
    m = getattr(t, "__module__", None) or "builtins"
    return "%s.%s" % (m, getattr(t, "__qualname__", t.__name__))


def _enc_dataclass(v, out):
    fields = sys.modules["dataclasses"].fields(v)
    out.append(bytes([T_DATACLASS]))
    out.append(_str(_type_name(type(v))))
    out.append(_U32.pack(len(fields)))
    for f in fields:
        out.append(_str(f.name))
        _enc(getattr(v, f.name), out)


def _enc_namespace(v, out):
    fields = vars(v)
    out.append(bytes([T_DATACLASS]))
    out.append(_str(type(v).__name__))
    out.append(_U32.pack(len(fields)))
    for name, x in fields.items():
        out.append(_str(name))
        _enc(x, out)


def _enc_namedtuple(v, out):
    out.append(bytes([T_NAMEDTUPLE]))
    out.append(_str(_type_name(type(v))))
    out.append(_U32.pack(len(v._fields)))
    for name, x in zip(v._fields, v):
        out.append(_str(name))
        _enc(x, out)


def _enc_enum(v, out):
    out.append(bytes([T_ENUM]))
    out.append(_str(_type_name(type(v))))
    out.append(_str(v.name))
    _enc(v.value, out)


def _aware(t):
    off = t.utcoffset()
    if off is None:
        return 0, None
    return 1, off.days * 86400 + off.seconds


def _enc_datetime(v, out):
    aware, off = _aware(v)
    out.append(bytes([T_DATETIME]) + _DT.pack(v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond, aware))
    if aware:
        out.append(_I32.pack(off))


def _enc_date(v, out):
    out.append(bytes([T_DATE]) + _DATE.pack(v.year, v.month, v.day))


def _enc_time(v, out):
    aware, off = _aware(v)
    out.append(bytes([T_TIME]) + _TIME.pack(v.hour, v.minute, v.second, v.microsecond, aware))
    if aware:
        out.append(_I32.pack(off))


def _enc_timedelta(v, out):
    out.append(bytes([T_TIMEDELTA]) + _TD.pack(v.days, v.seconds, v.microseconds))


def _enc_path(v, out):
    out.append(bytes([T_PATH]))
    out.append(_str(str(v)))


def _enc_completed(v, out):
    out.append(bytes([T_COMPLETED_PROCESS]))
    _enc(v.args, out)
    _enc(v.returncode, out)
    _enc(v.stdout, out)
    _enc(v.stderr, out)


def _enc_template(v, out):
    out.append(bytes([T_TEMPLATE]))
    out.append(_str(v.source))


def _enc_opaque(v, out):
    try:
        text = repr(v)
    except BaseException as e:
        text = "<unrepresentable %s: %s>" % (_full_name(type(v)), type(e).__name__)
    out.append(bytes([T_OPAQUE]))
    out.append(_str(_full_name(type(v))))
    out.append(_str(text))


_EXC_ATTRS = ("errno", "strerror", "filename", "filename2", "returncode", "cmd", "output", "stderr", "timeout")


def _enc_exception(e, out, depth=0):
    mro = [_full_name(t) for t in type(e).__mro__ if t is not object]
    out.append(bytes([T_EXCEPTION]))
    out.append(_U32.pack(len(mro)))
    for name in mro:
        out.append(_str(name))
    _enc_safe(tuple(e.args), out)
    try:
        message = str(e)
    except BaseException:
        message = "<str() failed>"
    out.append(_str(message))
    tb = ""
    if e.__traceback__ is not None:
        try:
            import traceback
            tb = "".join(traceback.format_exception(type(e), e, e.__traceback__, chain=False))
        except BaseException:
            tb = ""
    out.append(_str(tb))
    attrs = {}
    for name in _EXC_ATTRS:
        if hasattr(e, name):
            try:
                attrs[name] = getattr(e, name)
            except BaseException:
                pass
    for k, x in getattr(e, "__dict__", {}).items():
        if isinstance(k, str) and not k.startswith("_") and k not in attrs:
            attrs[k] = x
    _enc_safe(attrs, out)
    cause = e.__cause__ if e.__cause__ is not None else e.__context__
    if cause is not None and depth < 8:
        _enc_exception(cause, out, depth + 1)
    else:
        out.append(_NONE)


def _enc_safe(v, out):
    """Encodes v, turning any part that fails into an opaque value."""
    parts = []
    try:
        _enc(v, parts)
    except BaseException:
        parts = []
        _enc_opaque(v, parts)
    out.extend(parts)


_FALLBACK = {}


def _encoder_for(t):
    f = _FALLBACK.get(t)
    if f is not None:
        return f
    f = _pick_encoder(t)
    _FALLBACK[t] = f
    return f


def _pick_encoder(t):
    enum = sys.modules.get("enum")
    if enum is not None and issubclass(t, enum.Enum):
        return _enc_enum
    if hasattr(t, "__dataclass_fields__") and "dataclasses" in sys.modules:
        return _enc_dataclass
    if issubclass(t, tuple) and hasattr(t, "_fields"):
        return _enc_namedtuple
    types = sys.modules.get("types")
    if types is not None and issubclass(t, types.SimpleNamespace):
        return _enc_namespace
    dt = sys.modules.get("datetime")
    if dt is not None:
        if issubclass(t, dt.datetime):
            return _enc_datetime
        if issubclass(t, dt.date):
            return _enc_date
        if issubclass(t, dt.time):
            return _enc_time
        if issubclass(t, dt.timedelta):
            return _enc_timedelta
    pl = sys.modules.get("pathlib")
    if pl is not None and issubclass(t, pl.PurePath):
        return _enc_path
    sp = sys.modules.get("subprocess")
    if sp is not None and issubclass(t, sp.CompletedProcess):
        return _enc_completed
    if issubclass(t, BaseException):
        return _enc_exception
    if issubclass(t, Template):
        return _enc_template
    for base in (bool, int, float, str, bytes, list, tuple, dict, set, frozenset, bytearray):
        if issubclass(t, base):
            return _ENCODERS[base]
    return _enc_opaque


def encode(v):
    """The value's encoding as a list of byte strings (large bytes values are not copied)."""
    out = []
    _enc(v, out)
    return out


# ---- decoding ----------------------------------------------------------------------------

class _Reader(object):
    __slots__ = ("buf", "pos", "module")

    def __init__(self, buf, module=None):
        self.buf = memoryview(buf)
        self.pos = 0
        self.module = module

    def take(self, n):
        p = self.pos
        end = p + n
        if n < 0 or end > len(self.buf):
            raise ProtocolError("value truncated: %d bytes wanted, %d left" % (n, len(self.buf) - p))
        self.pos = end
        return self.buf[p:end]

    def u8(self):
        p = self.pos
        if p >= len(self.buf):
            raise ProtocolError("value truncated")
        self.pos = p + 1
        return self.buf[p]

    def unpack(self, s):
        p = self.pos
        if p + s.size > len(self.buf):
            raise ProtocolError("value truncated")
        self.pos = p + s.size
        return s.unpack_from(self.buf, p)

    def u32(self):
        return self.unpack(_U32)[0]

    def str(self):
        n = self.u32()
        return str(self.take(n), "utf-8", "surrogatepass")

    def value(self):
        tag = self.u8()
        f = _DECODERS.get(tag)
        if f is None:
            raise ProtocolError("unknown value tag 0x%02x" % tag)
        return f(self)


def _dec_seq(r):
    return [r.value() for _ in range(r.u32())]


def _dec_dict(r):
    d = {}
    for _ in range(r.u32()):
        k = r.value()
        d[k] = r.value()
    return d


def _resolve(r, name):
    obj = r.module
    if obj is None:
        return None
    for part in name.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def _dec_record(r):
    """A dataclass or namedtuple value: an instance of the tool module's class of that name when
    it is one (both take their fields by keyword), else None and the fields."""
    name = r.str()
    fields = {}
    for _ in range(r.u32()):
        k = r.str()
        fields[k] = r.value()
    cls = _resolve(r, name)
    if (cls is not None and isinstance(cls, type)
            and (hasattr(cls, "__dataclass_fields__") or (issubclass(cls, tuple) and hasattr(cls, "_fields")))):
        return cls(**fields), None
    return None, fields


def _dec_object(r):
    value, fields = _dec_record(r)
    if fields is None:
        return value
    import types
    return types.SimpleNamespace(**fields)


def _dec_namedtuple(r):
    value, fields = _dec_record(r)
    return value if fields is None else tuple(fields.values())


def _dec_enum(r):
    name = r.str()
    member = r.str()
    value = r.value()
    cls = _resolve(r, name)
    if cls is not None:
        try:
            return cls[member]
        except (KeyError, TypeError):
            pass
    return value


def _tz(r, aware):
    if not aware:
        return None
    import datetime
    return datetime.timezone(datetime.timedelta(seconds=r.unpack(_I32)[0]))


def _dec_datetime(r):
    import datetime
    y, mo, d, h, mi, s, us, aware = r.unpack(_DT)
    return datetime.datetime(y, mo, d, h, mi, s, us, tzinfo=_tz(r, aware))


def _dec_date(r):
    import datetime
    return datetime.date(*r.unpack(_DATE))


def _dec_time(r):
    import datetime
    h, mi, s, us, aware = r.unpack(_TIME)
    return datetime.time(h, mi, s, us, tzinfo=_tz(r, aware))


def _dec_timedelta(r):
    import datetime
    d, s, us = r.unpack(_TD)
    return datetime.timedelta(days=d, seconds=s, microseconds=us)


def _dec_path(r):
    import pathlib
    return pathlib.Path(r.str())


def _dec_completed(r):
    import subprocess
    return subprocess.CompletedProcess(r.value(), r.value(), r.value(), r.value())


def _dec_exception(r):
    mro = [r.str() for _ in range(r.u32())]
    args = r.value()
    message = r.str()
    r.str()
    r.value()
    r.value()
    import builtins
    for name in mro:
        if name.startswith("builtins."):
            cls = getattr(builtins, name[9:], None)
            if isinstance(cls, type) and issubclass(cls, BaseException):
                try:
                    return cls(*args)
                except BaseException:
                    return cls(message)
    return Exception(message)


def _dec_opaque(r):
    r.str()
    return r.str()


_DECODERS = {
    T_NONE: lambda r: None,
    T_FALSE: lambda r: False,
    T_TRUE: lambda r: True,
    T_INT32: lambda r: r.unpack(_I32)[0],
    T_INT64: lambda r: r.unpack(_I64)[0],
    T_BIGINT: lambda r: int.from_bytes(r.take(r.u32()), "big", signed=True),
    T_FLOAT: lambda r: r.unpack(_F64)[0],
    T_STR: lambda r: r.str(),
    T_BYTES: lambda r: bytes(r.take(r.u32())),
    T_LIST: _dec_seq,
    T_TUPLE: lambda r: tuple(_dec_seq(r)),
    T_DICT: _dec_dict,
    T_SET: lambda r: set(_dec_seq(r)),
    T_DATACLASS: _dec_object,
    T_NAMEDTUPLE: _dec_namedtuple,
    T_ENUM: _dec_enum,
    T_DATETIME: _dec_datetime,
    T_DATE: _dec_date,
    T_TIME: _dec_time,
    T_TIMEDELTA: _dec_timedelta,
    T_PATH: _dec_path,
    T_COMPLETED_PROCESS: _dec_completed,
    T_EXCEPTION: _dec_exception,
    T_TEMPLATE: lambda r: Template(r.str()),
    T_OPAQUE: _dec_opaque,
}


def decode(buf, module=None):
    r = _Reader(buf, module)
    v = r.value()
    if r.pos != len(r.buf):
        raise ProtocolError("%d stray bytes after a value" % (len(r.buf) - r.pos))
    return v


# ---- answers -----------------------------------------------------------------------------

def _error_parts(error):
    """An exception's encoding; one that cannot be encoded becomes a RuntimeError saying why."""
    parts = []
    try:
        _enc_exception(error, parts)
    except BaseException as e:
        parts = []
        _enc_exception(RuntimeError("cannot encode %s: %s" % (type(error).__name__, e)), parts)
    return parts


def _result(value):
    """A return value's answer as (kind, parts): RESULT, or ERROR if it cannot be encoded."""
    if value is None:
        return RESULT, _NONE_PARTS
    try:
        return RESULT, encode(value)
    except BaseException as e:
        return ERROR, _error_parts(e)


def _outcome(fn, args, kwargs):
    """Runs a call; returns its answer as (kind, parts). A call always gets an answer."""
    try:
        value = fn(*args, **kwargs)
    except _ExitRequest as q:
        return QUIT, q.code
    except BaseException as e:
        return ERROR, _error_parts(e)
    return _result(value)


# ---- frames ------------------------------------------------------------------------------

class _Frames(object):
    """Frames on the two protocol descriptors (docs/wire-format.md).

    Reading, `partials` and `batch` belong to the reader, one thread at a time (see _Leaders).
    send() may be called from any thread: a message goes out whole under `write_lock`, or a
    chunk at a time if it is long, so other answers pass between its chunks. queue() holds the
    reader's small answers back and flush() writes them in one go; read_exact() flushes before
    it blocks, so a queued answer never waits for the next request."""

    def __init__(self, in_fd, out_fd):
        import io
        self.in_fd = in_fd
        self.raw = io.FileIO(in_fd, "rb", closefd=False)
        self.rbuf = b""
        self.rpos = 0
        self.partials = {}
        self.out_fd = out_fd
        self.write_lock = _thread.allocate_lock()
        self.batch = []
        self.batch_size = 0

    def read_exact(self, n):
        """n bytes of input; None at a clean end of input."""
        p = self.rpos
        if len(self.rbuf) - p >= n:
            self.rpos = p + n
            return self.rbuf[p:p + n]
        if n <= 65536:
            while len(self.rbuf) - self.rpos < n:
                self.flush()
                chunk = os.read(self.in_fd, 65536)
                if not chunk:
                    if len(self.rbuf) == self.rpos:
                        return None
                    raise ProtocolError("the stream ended inside a frame")
                self.rbuf = self.rbuf[self.rpos:] + chunk
                self.rpos = 0
            p = self.rpos
            self.rpos = p + n
            return self.rbuf[p:p + n]
        # A large body is read straight into its own buffer.
        out = bytearray(n)
        view = memoryview(out)
        got = len(self.rbuf) - p
        view[:got] = self.rbuf[p:]
        self.rbuf = b""
        self.rpos = 0
        self.flush()
        while got < n:
            k = self.raw.readinto(view[got:])
            if not k:
                raise ProtocolError("the stream ended inside a frame")
            got += k
        return out

    def next_message(self):
        """The next whole message as (kind, pid, body), its frames joined; None at a clean end."""
        while True:
            rbuf = self.rbuf
            p = self.rpos
            if len(rbuf) - p >= HEADER_SIZE:
                # The usual case: the whole frame is already buffered.
                length, kind, flags, pid = _HEAD.unpack_from(rbuf, p)
                if length < 6 or length > 6 + MAX_FRAME_BODY:
                    raise ProtocolError("frame length %d is out of bounds" % length)
                end = p + 4 + length
                if end <= len(rbuf):
                    body = rbuf[p + HEADER_SIZE:end]
                    self.rpos = end
                else:
                    self.rpos = p + HEADER_SIZE
                    body = self.read_exact(length - 6)
            else:
                head = self.read_exact(HEADER_SIZE)
                if head is None:
                    if self.partials:
                        raise ProtocolError("the stream ended inside a message")
                    return None
                length, kind, flags, pid = _HEAD.unpack(head)
                if length < 6 or length > 6 + MAX_FRAME_BODY:
                    raise ProtocolError("frame length %d is out of bounds" % length)
                body = self.read_exact(length - 6) if length > 6 else b""
            if body is None:
                raise ProtocolError("the stream ended inside a frame")
            if flags & MORE or self.partials:
                key = (kind, pid)
                if flags & MORE or key in self.partials:
                    self.partials.setdefault(key, []).append(body)
                    if flags & MORE:
                        continue
                    body = b"".join(self.partials.pop(key))
            return kind, pid, body

    def _write_all(self, data):
        view = memoryview(data)
        while view:
            view = view[os.write(self.out_fd, view):]

    def send(self, kind, pid, parts):
        """Writes a message now (from any thread)."""
        size = 0
        for p in parts:
            size += len(p)
        if size <= CHUNK:
            head = _HEAD.pack(size + 6, kind, 0, pid)
            with self.write_lock:
                if size < 65536:
                    self._write_all(head + b"".join(parts))
                else:
                    self._write_all(head)
                    for p in parts:
                        self._write_all(p)
            return
        pending = [memoryview(p) for p in parts]
        left = size
        i = 0
        while left:
            n = min(CHUNK, left)
            left -= n
            frame = []
            need = n
            while need:
                p = pending[i]
                if len(p) <= need:
                    frame.append(p)
                    need -= len(p)
                    i += 1
                else:
                    frame.append(p[:need])
                    pending[i] = p[need:]
                    need = 0
            head = _HEAD.pack(n + 6, kind, MORE if left else 0, pid)
            with self.write_lock:
                self._write_all(head)
                for p in frame:
                    self._write_all(p)

    def queue(self, kind, pid, parts):
        """An answer of the reader's: held back while more requests are already buffered."""
        size = 0
        for p in parts:
            size += len(p)
        if size >= 65536:
            self.flush()
            self.send(kind, pid, parts)
            return
        self.batch.append(_HEAD.pack(size + 6, kind, 0, pid))
        self.batch.extend(parts)
        self.batch_size += size + HEADER_SIZE
        if self.batch_size >= 65536:
            self.flush()

    def flush(self):
        if self.batch:
            data = b"".join(self.batch)
            self.batch = []
            self.batch_size = 0
            with self.write_lock:
                self._write_all(data)


# ---- tool modules ------------------------------------------------------------------------

class _Failed(object):
    """A tool module whose source failed to load: every call on it raises the same error."""
    __slots__ = ("error",)

    def __init__(self, error):
        self.error = error


class _Tools(object):
    """The tool modules that SYNC installs, and the method that each CALL names.

    A CALL body opens with the module number and the class and method names: those bytes are
    the key of `targets`, so a repeated call decodes no names at all. Used by the reader only."""

    def __init__(self, frames):
        self.frames = frames
        self.modules = {}
        self.targets = {}
        self.logging_ready = False

    def sync(self, body):
        r = _Reader(body)
        number = r.unpack(_U32)[0]
        name = r.str()
        source = r.str()
        import types
        module = types.ModuleType("rmote_tool_%d" % number)
        module.__file__ = name
        module.Tool = Tool
        module.process = process
        module.Template = Template
        module.render_template = render_template
        sys.modules[module.__name__] = module
        if "logging" in source and not self.logging_ready:
            self.logging_ready = True
            _forward_logging(self.frames)
        try:
            exec(compile(source, name, "exec"), module.__dict__)
            self.modules[number] = module
        except BaseException as e:
            self.modules[number] = _Failed(e)

    def prepare(self, pid, body):
        """A CALL's (fn, args, kwargs, is_async); None if the call was answered with an error."""
        if len(body) < 12:
            raise ProtocolError("CALL body too short")
        n1 = _U32.unpack_from(body, 4)[0]
        n2 = _U32.unpack_from(body, 8 + n1)[0] if len(body) >= 12 + n1 else -1
        start = 12 + n1 + n2
        if n2 < 0 or start > len(body):
            raise ProtocolError("CALL body truncated")
        key = bytes(body[:start])  # a large body is a bytearray, which cannot be a key
        target = self.targets.get(key)
        if target is None:
            r = _Reader(body)
            number = r.unpack(_U32)[0]
            cls_name = r.str()
            method_name = r.str()
            module = self.modules.get(number)
            if isinstance(module, _Failed):
                self.frames.send(ERROR, pid, _error_parts(module.error))
                return None
            try:
                fn = self.lookup(module, number, cls_name, method_name)
            except BaseException as e:
                self.frames.send(ERROR, pid, _error_parts(e))
                return None
            code = getattr(getattr(fn, "__func__", fn), "__code__", None)
            target = (fn, code is not None and bool(code.co_flags & 0x80), module)
            self.targets[key] = target
        fn, is_async, module = target
        if body[start:] == _NO_ARGS:
            return fn, (), _EMPTY, is_async
        r = _Reader(body, module)
        r.pos = start
        try:
            args = r.value()
            kwargs = r.value()
        except ProtocolError:
            raise
        except BaseException as e:
            self.frames.send(ERROR, pid, _error_parts(e))
            return None
        if r.pos != len(body):
            raise ProtocolError("%d stray bytes after a CALL" % (len(body) - r.pos))
        return fn, args, kwargs, is_async

    @staticmethod
    def lookup(module, number, cls_name, method_name):
        if module is None:
            raise RuntimeError("no tool module %d was synced" % number)
        cls = getattr(module, cls_name, None)
        if not isinstance(cls, type):
            raise AttributeError("tool source %s defines no class %s" % (module.__file__, cls_name))
        for klass in cls.__mro__:
            raw = klass.__dict__.get(method_name)
            if raw is None:
                continue
            if isinstance(raw, (staticmethod, classmethod)):
                return getattr(cls, method_name)
            raise TypeError(
                "%s.%s is not a static or class method: tools have no instances" % (cls_name, method_name))
        raise AttributeError("tool %s has no method %s" % (cls_name, method_name))


# Forwarded log records: a burst of this many, then this many a second; the rest are counted
# and the count is sent as one record of the logger "rmote" (so a chatty tool cannot fill the pipe).
_LOG_BURST = 1000
_LOG_RATE = 500


def _forward_logging(frames):
    """Sends every record of the root logger to the controller as a LOG frame."""
    import logging
    import time

    class Forward(logging.Handler):
        tokens = _LOG_BURST
        last = time.monotonic()
        dropped = 0

        def flush(self):
            with self.lock:
                if self.dropped:
                    text = "%d log records dropped: more than %d a second" % (self.dropped, _LOG_RATE)
                    self.dropped = 0
                    frames.send(LOG, 0, [_str("rmote"), _I32.pack(logging.WARNING), _str(text)])

        def emit(self, record):  # under the handler's lock (Handler.handle)
            try:
                now = time.monotonic()
                self.tokens = min(_LOG_BURST, self.tokens + (now - self.last) * _LOG_RATE)
                self.last = now
                if self.tokens < 1:
                    self.dropped += 1
                    return
                self.tokens -= 1
                self.flush()
                message = record.getMessage()
                if record.exc_info:
                    import traceback
                    message += "\n" + "".join(traceback.format_exception(*record.exc_info))
                frames.send(LOG, 0, [_str(record.name), _I32.pack(record.levelno), _str(message)])
            except BaseException:
                pass

    root = logging.getLogger()
    root.addHandler(Forward())
    if root.level == logging.WARNING:
        root.setLevel(logging.INFO)


# ---- coroutines --------------------------------------------------------------------------

class _Async(object):
    """Coroutine methods, run on an event loop in a thread of its own, started on first use.
    The reader hands calls and cancellations to the loop; only the loop's thread touches `tasks`.
    Each call answers with frames.send when it ends, cancelled or not."""

    def __init__(self, frames):
        self.frames = frames
        self.loop = None
        self.tasks = {}

    def start(self, pid, fn, args, kwargs):
        loop = self.event_loop()
        tasks = self.tasks

        async def call():
            try:
                value = await fn(*args, **kwargs)
            except BaseException as e:  # CancelledError too: the controller drops that answer
                tasks.pop(pid, None)
                self.frames.send(ERROR, pid, _error_parts(e))
                return
            tasks.pop(pid, None)
            kind, parts = _result(value)
            self.frames.send(kind, pid, parts)

        def spawn():
            tasks[pid] = loop.create_task(call())

        loop.call_soon_threadsafe(spawn)

    def cancel(self, pid):
        loop = self.loop
        if loop is None:
            return

        def stop():
            task = self.tasks.get(pid)
            if task is not None:
                # Not before the task's first step, which may still be queued: a coroutine
                # cancelled before it starts never runs its handlers, nor sends an answer.
                loop.call_soon(task.cancel)

        loop.call_soon_threadsafe(stop)

    def event_loop(self):
        if self.loop is None:
            import asyncio
            import threading
            loop = asyncio.new_event_loop()
            started = threading.Event()

            def serve():
                asyncio.set_event_loop(loop)
                loop.call_soon(started.set)
                loop.run_forever()

            threading.Thread(target=serve, name="rmote-loop", daemon=True).start()
            started.wait()
            self.loop = loop
        return self.loop


# ---- threads: leader/followers -----------------------------------------------------------

_IDLE_THREADS = 4  # the most threads kept waiting to lead once a burst of slow calls is over


class _Leaders(object):
    """Threads take turns as the reader. The reader runs each sync call it reads itself, so a
    trivial call costs no thread switch, and queues the answers of such calls so that they go
    out in one write when it would block. A monitor thread that sees the reader in the same
    call on two ticks (2 to 4 ms) detaches it: another thread becomes the reader, so a slow
    call never holds up the others.

    Invariants (the counters and `current` are guarded by `state`):
    - `lead` is held by the reader, and only by it. Only the reader reads input, decodes
      calls and sets `quitting`; frames.batch is the reader's too, except while the monitor
      detaches it (below).
    - `current` is the token (from `seq`) of the call the reader is running in place, None
      while it reads. The reader sets it before the call and clears it after, unless the
      monitor cleared it first: a token that is no longer there tells the thread that it was
      detached, and another thread may be the reader by then.
    - Detaching, the monitor clears `current`, flushes the batch (the reader is inside its
      call and, once detached, never touches the batch again), then releases `lead`, so that
      a waiting thread becomes the reader; if none waits (`idle` is 0) it starts one first.
      The detached thread sends its answer itself (frames.send), then waits for `lead` again.
    - `idle` counts the threads waiting for `lead`, including one the monitor is starting
      (taken back if it cannot start: then the detached thread leads again after its call).
      A spawned thread leaves after its call when _IDLE_THREADS others already wait.
      `running` counts the sync calls under way, in place or detached; finish() after QUIT
      waits for it to reach 0, so that each of them writes its answer.
    - The monitor sleeps on `wake` after 100 ticks with no call running. `awake` turns False
      only in the monitor, which then waits on `wake`; `wake` is released only by the thread
      that turns `awake` back to True, so each release meets exactly one wait."""

    def __init__(self, frames, tools, coroutines):
        self.frames = frames
        self.tools = tools
        self.coroutines = coroutines
        self.lead = _thread.allocate_lock()
        self.state = _thread.allocate_lock()
        self.idle = 1  # the first thread, about to serve()
        self.running = 0
        self.seq = 0
        self.current = None
        self.wake = _thread.allocate_lock()
        self.wake.acquire()
        self.awake = False
        self.monitor_started = False
        self.quitting = False
        self.exit_code = None

    def serve(self, spawned=False):
        """A thread's life: wait to be the reader, then read and run calls until detached. A
        spawned thread whose slow call is over ends when enough others wait to lead, so a burst
        of slow calls leaves no crowd of idle threads behind (they count against the account's
        process limit); the main thread never ends here."""
        while True:
            self.lead.acquire()
            with self.state:
                self.idle -= 1
            self.lead_calls()
            with self.state:
                if spawned and self.idle >= _IDLE_THREADS:
                    return
                self.idle += 1

    def next_call(self):
        """Handles messages until a sync call to run here: (pid, fn, args, kwargs); None when
        the session ends."""
        frames = self.frames
        tools = self.tools
        while not self.quitting:
            message = frames.next_message()
            if message is None:
                return None
            kind, pid, body = message
            if kind == CALL:
                job = tools.prepare(pid, body)
                if job is not None:
                    fn, args, kwargs, is_async = job
                    if not is_async:
                        return pid, fn, args, kwargs
                    try:
                        self.coroutines.start(pid, fn, args, kwargs)
                    except RuntimeError as e:  # no thread to spare for the event loop
                        frames.queue(ERROR, pid, _error_parts(e))
            elif kind == SYNC:
                tools.sync(body)
            elif kind == CANCEL:
                self.coroutines.cancel(pid)
            elif kind == QUIT:
                self.quitting = True
            else:
                raise ProtocolError("unexpected frame kind %d" % kind)
        return None

    def lead_calls(self):
        while True:
            try:
                job = self.next_call()
            except ProtocolError as e:
                self.fatal(str(e))
            except BaseException as e:
                self.fatal("%s: %s" % (type(e).__name__, e))
            if job is None:
                self.finish()
            pid, fn, args, kwargs = job
            with self.state:
                self.seq += 1
                token = self.seq
                self.current = token
                self.running += 1
            if not self.awake:
                self.rouse_monitor()
            kind, parts = _outcome(fn, args, kwargs)
            with self.state:
                detached = self.current != token
                if not detached:
                    self.current = None
                    self.running -= 1
            if kind == QUIT:
                self.end(pid, parts, detached)
            if not detached:
                self.frames.queue(kind, pid, parts)
                continue
            self.frames.send(kind, pid, parts)
            with self.state:
                self.running -= 1
            return

    def rouse_monitor(self):
        with self.state:
            if self.awake:
                return
            if not self.monitor_started:
                try:
                    _thread.start_new_thread(self.monitor, ())
                except RuntimeError:
                    # No thread to spare (a process limit): calls run one after another on the
                    # reader until a later call can start the monitor.
                    return
                self.monitor_started = True
            self.awake = True
            self.wake.release()

    def monitor(self):
        import time
        seen = None
        quiet = 0
        while True:
            self.wake.acquire()
            asleep = False
            while not asleep:
                time.sleep(0.002)
                detach = spawn = False
                with self.state:
                    job = self.current
                    if job is not None and job == seen:
                        self.current = None
                        detach = True
                        spawn = self.idle == 0
                        if spawn:
                            self.idle += 1
                    seen = job
                    quiet = quiet + 1 if job is None else 0
                    if quiet > 100:
                        self.awake = False
                        asleep = True
                        quiet = 0
                if detach:
                    self.frames.flush()
                    if spawn:
                        try:
                            _thread.start_new_thread(self.serve, (True,))
                        except RuntimeError:
                            # No thread to spare: the detached thread takes the lead back
                            # when its call ends, so reading goes on, one slow call at a time.
                            with self.state:
                                self.idle -= 1
                    self.lead.release()

    def fatal(self, reason):
        try:
            self.frames.flush()
            self.frames.send(FATAL, 0, [_str(reason)])
        finally:
            os._exit(1)

    def end(self, pid, code, detached):
        """A call asked the remote to exit (exit_after_reply): no call is read any more; once
        the sync calls under way have answered, QUIT (the pid and code) then that call's answer
        go out, and the process exits with `code`. Calls not yet started, and coroutine calls,
        get no answer: the controller fails them when it reads QUIT."""
        import time
        self.quitting = True
        if detached:
            with self.state:
                self.running -= 1
        with self.state:
            first = self.exit_code is None
            if first:
                self.exit_code = code
        if not first:
            while True:  # another call is already ending the process
                time.sleep(1)
        while True:
            with self.state:
                if self.running == 0:
                    break
            time.sleep(0.01)
        try:
            self.flush_and_answer(pid, code, detached)
        finally:
            os._exit(code)

    def flush_and_answer(self, pid, code, detached):
        import time
        logging = sys.modules.get("logging")
        if logging is not None:
            for handler in logging.getLogger().handlers:
                try:
                    handler.flush()
                except BaseException:
                    pass
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:
                pass
        if detached:
            # The batch is the reader's; it writes it before it blocks on input.
            for _ in range(100):
                if not self.frames.batch:
                    break
                time.sleep(0.005)
        else:
            self.frames.flush()
        self.frames.send(QUIT, pid, [_I32.pack(code)])
        self.frames.send(RESULT, pid, _NONE_PARTS)

    def finish(self):
        if self.exit_code is not None:
            import time
            while True:  # a call is ending the process (end)
                time.sleep(1)
        if self.quitting:
            # Let the calls under way write their answers, then leave.
            import time
            while True:
                with self.state:
                    if self.running == 0:
                        break
                time.sleep(0.01)
            self.frames.flush()
        os._exit(0)


def _install_modules():
    import types
    package = types.ModuleType("rmote")
    package.__path__ = []
    protocol = types.ModuleType("rmote.protocol")
    for name in ("Tool", "process", "Template", "render_template", "exit_after_reply",
                 "resource_lock", "path_lock", "safe_path", "write_file", "unified_diff"):
        setattr(protocol, name, globals()[name])
    tools = types.ModuleType("rmote.tools")
    tools.__path__ = []
    package.protocol = protocol
    package.tools = tools
    sys.modules.setdefault("rmote", package)
    sys.modules.setdefault("rmote.protocol", protocol)
    sys.modules.setdefault("rmote.tools", tools)


def main(mark):
    # The protocol keeps private, close-on-exec copies of stdin and stdout; tool code, print()
    # and child processes only ever see /dev/null on fd 0 and stderr on fd 1.
    in_fd = os.dup(0)
    out_fd = os.dup(1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    try:
        sys.stdout.flush()
    except Exception:
        pass
    import io
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), line_buffering=True,
                                  encoding=getattr(sys.stdout, "encoding", None) or "utf-8",
                                  errors="backslashreplace")
    _install_modules()
    frames = _Frames(in_fd, out_fd)
    leaders = _Leaders(frames, _Tools(frames), _Async(frames))
    version = "%d.%d.%d" % sys.version_info[:3]
    os.write(out_fd, mark + (" ready %d %s\n" % (PROTOCOL, version)).encode())
    leaders.serve()


if __name__ == "__rmote__":
    main(MARK)  # noqa: F821 (given by the first stage)
