# rmote remote runtime: executed from memory by the first stage (see docs/protocol.md).
# Standard library only, Python 3.6+. Imports stay cheap until a call needs more.
# One file, because the bootstrap sends one; the build strips its comments and docstrings.
# In order: the wire constants; what tools see (Tool, process, Template); the value codec;
# then one session: answers, _Frames (framing and writes), _Tools (tool and support modules, call targets),
# _Async (coroutine methods), _Leaders (which thread reads and runs calls); main().
import posix  # not os: the interpreter's own start loaded posix; os, stat, posixpath cost ms more
import sys
import struct
import _thread  # not threading: it costs a millisecond or two at start-up

_Module = type(sys)  # types.ModuleType, without importing types

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


# ---- parts compiled on first use ---------------------------------------------------------
# Compiling the whole runtime was most of a connection's start-up cost on the remote, so the
# build (runtime/src/build/strip_runtime.py) takes each function marked "compiled on first use"
# out of the payload: its source goes into _LATER, and in its place stays a stub that compiles
# it on its first call and puts it where the stub was. This file runs as it is too: then
# _LATER stays empty and no stub exists.
_LATER = {}
_COMPILED = {}


def _first_use(key):
    """The function `key` ("name" or "Class.name") compiled from its source in _LATER, once."""
    fn = _COMPILED.get(key)
    if fn is None:
        owner, _, name = key.rpartition(".")
        space = {}
        exec(compile(_LATER[key], "<rmote>", "exec"), globals(), space)
        fn = space[name]
        if owner:
            setattr(globals()[owner], name, fn)
        else:
            globals()[name] = fn
        _COMPILED[key] = fn  # a stub kept elsewhere (a table, a tool module) still works
    return fn


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


# compiled on first use
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
        return _engine().render_function(source)

    def render(self, **variables):
        if self._fn is None:
            self._fn = Template.compile(self.source)
        return self._fn(**variables)


def render_template(source, **variables):
    return Template(source).render(**variables)


# The engine is the support module rmote.support.template, which most connections never get: the
# controller sends it with the first tool whose source mentions Template or render_template.
_template_engine = []


# compiled on first use
def _engine():
    if not _template_engine:
        engine = sys.modules.get("rmote.support.template")
        if engine is None:
            raise RuntimeError(
                "no template engine on this connection: the controller sends rmote.support.template"
                " with the first tool whose source mentions Template or render_template")
        _template_engine.append(engine)
    return _template_engine[0]


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


# compiled on first use
def _enc_dataclass(v, out):
    fields = sys.modules["dataclasses"].fields(v)
    out.append(bytes([T_DATACLASS]))
    out.append(_str(_type_name(type(v))))
    out.append(_U32.pack(len(fields)))
    for f in fields:
        out.append(_str(f.name))
        _enc(getattr(v, f.name), out)


# compiled on first use
def _enc_namespace(v, out):
    fields = vars(v)
    out.append(bytes([T_DATACLASS]))
    out.append(_str(type(v).__name__))
    out.append(_U32.pack(len(fields)))
    for name, x in fields.items():
        out.append(_str(name))
        _enc(x, out)


# compiled on first use
def _enc_namedtuple(v, out):
    out.append(bytes([T_NAMEDTUPLE]))
    out.append(_str(_type_name(type(v))))
    out.append(_U32.pack(len(v._fields)))
    for name, x in zip(v._fields, v):
        out.append(_str(name))
        _enc(x, out)


# compiled on first use
def _enc_enum(v, out):
    out.append(bytes([T_ENUM]))
    out.append(_str(_type_name(type(v))))
    out.append(_str(v.name))
    _enc(v.value, out)


# compiled on first use
def _aware(t):
    off = t.utcoffset()
    if off is None:
        return 0, None
    return 1, off.days * 86400 + off.seconds


# compiled on first use
def _enc_datetime(v, out):
    aware, off = _aware(v)
    out.append(bytes([T_DATETIME]) + _DT.pack(v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond, aware))
    if aware:
        out.append(_I32.pack(off))


# compiled on first use
def _enc_date(v, out):
    out.append(bytes([T_DATE]) + _DATE.pack(v.year, v.month, v.day))


# compiled on first use
def _enc_time(v, out):
    aware, off = _aware(v)
    out.append(bytes([T_TIME]) + _TIME.pack(v.hour, v.minute, v.second, v.microsecond, aware))
    if aware:
        out.append(_I32.pack(off))


# compiled on first use
def _enc_timedelta(v, out):
    out.append(bytes([T_TIMEDELTA]) + _TD.pack(v.days, v.seconds, v.microseconds))


# compiled on first use
def _enc_path(v, out):
    out.append(bytes([T_PATH]))
    out.append(_str(str(v)))


# compiled on first use
def _enc_completed(v, out):
    out.append(bytes([T_COMPLETED_PROCESS]))
    _enc(v.args, out)
    _enc(v.returncode, out)
    _enc(v.stdout, out)
    _enc(v.stderr, out)


# compiled on first use
def _enc_template(v, out):
    out.append(bytes([T_TEMPLATE]))
    out.append(_str(v.source))


# compiled on first use
def _enc_opaque(v, out):
    try:
        text = repr(v)
    except BaseException as e:
        text = "<unrepresentable %s: %s>" % (_full_name(type(v)), type(e).__name__)
    out.append(bytes([T_OPAQUE]))
    out.append(_str(_full_name(type(v))))
    out.append(_str(text))


_EXC_ATTRS = ("errno", "strerror", "filename", "filename2", "returncode", "cmd", "output", "stderr", "timeout")


# compiled on first use
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


# compiled on first use
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


# compiled on first use
def _loaded(module, name):
    """sys.modules[module].name; None while the module is absent or not yet fully imported."""
    return getattr(sys.modules.get(module), name, None)


# compiled on first use
def _pick_encoder(t):
    # A module is looked at only once it is fully imported: a call on another thread may be
    # importing it right now, and a partly imported module lacks its classes. A value of one
    # of its classes means that class exists.
    enum = _loaded("enum", "Enum")
    if enum is not None and issubclass(t, enum):
        return _enc_enum
    if hasattr(t, "__dataclass_fields__") and "dataclasses" in sys.modules:
        return _enc_dataclass
    if issubclass(t, tuple) and hasattr(t, "_fields"):
        return _enc_namedtuple
    namespace = _loaded("types", "SimpleNamespace")
    if namespace is not None and issubclass(t, namespace):
        return _enc_namespace
    for name, encoder in (("datetime", _enc_datetime), ("date", _enc_date), ("time", _enc_time),
                          ("timedelta", _enc_timedelta)):
        cls = _loaded("datetime", name)
        if cls is not None and issubclass(t, cls):
            return encoder
    path = _loaded("pathlib", "PurePath")
    if path is not None and issubclass(t, path):
        return _enc_path
    completed = _loaded("subprocess", "CompletedProcess")
    if completed is not None and issubclass(t, completed):
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


# compiled on first use
def _resolve(r, name):
    obj = r.module
    if obj is None:
        return None
    for part in name.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


# compiled on first use
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


# compiled on first use
def _dec_object(r):
    value, fields = _dec_record(r)
    if fields is None:
        return value
    import types
    return types.SimpleNamespace(**fields)


# compiled on first use
def _dec_namedtuple(r):
    value, fields = _dec_record(r)
    return value if fields is None else tuple(fields.values())


# compiled on first use
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


# compiled on first use
def _tz(r, aware):
    if not aware:
        return None
    import datetime
    return datetime.timezone(datetime.timedelta(seconds=r.unpack(_I32)[0]))


# compiled on first use
def _dec_datetime(r):
    import datetime
    y, mo, d, h, mi, s, us, aware = r.unpack(_DT)
    return datetime.datetime(y, mo, d, h, mi, s, us, tzinfo=_tz(r, aware))


# compiled on first use
def _dec_date(r):
    import datetime
    return datetime.date(*r.unpack(_DATE))


# compiled on first use
def _dec_time(r):
    import datetime
    h, mi, s, us, aware = r.unpack(_TIME)
    return datetime.time(h, mi, s, us, tzinfo=_tz(r, aware))


# compiled on first use
def _dec_timedelta(r):
    import datetime
    d, s, us = r.unpack(_TD)
    return datetime.timedelta(days=d, seconds=s, microseconds=us)


# compiled on first use
def _dec_path(r):
    import pathlib
    return pathlib.Path(r.str())


# compiled on first use
def _dec_completed(r):
    import subprocess
    return subprocess.CompletedProcess(r.value(), r.value(), r.value(), r.value())


# compiled on first use
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


# compiled on first use
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

# compiled on first use
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
    if type(value) is str:
        # The commonest result, without the four calls of the general encoder (same bytes).
        b = value.encode("utf-8", "surrogatepass")
        return RESULT, (_B_U32.pack(T_STR, len(b)) + b,)
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
        return _failed(e)
    return _result(value)


# compiled on first use
def _failed(error):
    """A failed call's ERROR answer. The count of its dropped log records goes out first: the
    controller attaches the call's records to its exception as the ERROR arrives."""
    if _log_handler:
        _log_handler[0].flush()
    return ERROR, _error_parts(error)


# Which call each thread serves, by thread id: a sync call's id, or (for the event loop's
# thread) a function giving the id of the running task's call. A log record is tagged with it.
_CALLS = {}
_log_handler = []  # the log forwarder, once installed


def _call_id():
    """The id of the call that the running thread or task serves; 0 outside any call (a thread
    or task that a tool starts itself is outside: Python 3.6 has no contextvars to follow it)."""
    pid = _CALLS.get(_thread.get_ident(), 0)
    return pid() if callable(pid) else pid


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
                chunk = posix.read(self.in_fd, 65536)
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
            view = view[posix.write(self.out_fd, view):]

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
        self.send_chunks(kind, pid, parts, size)

    # compiled on first use
    def send_chunks(self, kind, pid, parts, size):
        """A message longer than CHUNK, a frame at a time (MORE on all but the last)."""
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
        self.broken = {}  # support modules that failed, by module name: their exceptions
        self.logging_ready = False

    def sync(self, body):
        """Module 0 is a support module: `rmote/support/x.py` becomes the importable
        `rmote.support.x`, which the tools sent after it import. A support module that fails
        leaves no module behind, and a tool importing it fails with that module's exception."""
        r = _Reader(body)
        number = r.unpack(_U32)[0]
        name = r.str()
        source = r.str()
        if number == 0:
            dotted = name[:-3].replace("/", ".")
            parent, _, leaf = dotted.rpartition(".")
            if parent != "rmote.support" or not name.endswith(".py") or not leaf.isidentifier():
                raise ProtocolError("support module %r is not rmote/support/<name>.py" % name)
            module = _Module(dotted)
        else:
            module = _Module("rmote_tool_%d" % number)
            module.Tool = Tool
            module.process = process
            module.Template = Template
            module.render_template = render_template
        module.__file__ = name
        sys.modules[module.__name__] = module
        if number:
            self.forward_logs(source)  # before the tool runs: it may log as it loads
        try:
            exec(compile(source, name, "exec"), module.__dict__)
        except BaseException as e:
            if isinstance(e, ImportError) and e.name in self.broken:
                e = self.broken[e.name]
            if number == 0:
                del sys.modules[module.__name__]
                self.broken[module.__name__] = e
            else:
                self.modules[number] = _Failed(e)
            return
        if number == 0:
            setattr(sys.modules["rmote.support"], leaf, module)
            self.forward_logs(source)
        else:
            self.modules[number] = module

    def forward_logs(self, source):
        """Log records go to the controller from the first source that mentions logging on, once
        the forwarder (rmote.support.logs, sent with such a source) is here."""
        if "logging" in source and not self.logging_ready and "rmote.support.logs" in sys.modules:
            self.logging_ready = True
            frames = self.frames
            _log_handler.append(sys.modules["rmote.support.logs"].forward(
                lambda call, r, text: frames.send(LOG, call, [
                    _str(r.name), _I32.pack(r.levelno), _str(text), _F64.pack(r.created),
                    _str(r.threadName or "")]),
                _call_id))

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


# ---- coroutines --------------------------------------------------------------------------

class _Async(object):
    """Coroutine methods, run on an event loop in a thread of its own, started on first use.
    The reader hands calls and cancellations to the loop; only the loop's thread touches `tasks`.
    Each call answers with frames.send when it ends, cancelled or not."""

    def __init__(self, frames):
        self.frames = frames
        self.loop = None
        self.tasks = {}

    # compiled on first use
    def start(self, pid, fn, args, kwargs):
        loop = self.event_loop()
        tasks = self.tasks

        async def call():
            try:
                value = await fn(*args, **kwargs)
            except BaseException as e:  # CancelledError too: the controller drops that answer
                kind, parts = _failed(e)
            else:
                kind, parts = _result(value)
            _CALLS.pop(tasks.pop(pid, None), None)
            self.frames.send(kind, pid, parts)

        def spawn():
            task = tasks[pid] = loop.create_task(call())
            _CALLS[task] = pid

        loop.call_soon_threadsafe(spawn)

    # compiled on first use
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

    # compiled on first use
    def event_loop(self):
        if self.loop is None:
            import asyncio
            import threading
            loop = asyncio.new_event_loop()
            started = threading.Event()

            current = getattr(asyncio, "current_task", None) or asyncio.Task.current_task  # 3.6

            def serve():
                _CALLS[_thread.get_ident()] = lambda: _CALLS.get(current(loop), 0)
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
        me = _thread.get_ident()
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
            _CALLS[me] = pid
            kind, parts = _outcome(fn, args, kwargs)
            del _CALLS[me]
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
            try:
                self.frames.send(kind, pid, parts)
            finally:
                # Even if the controller is gone (EPIPE): finish() waits for running to reach 0.
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

    # compiled on first use
    def fatal(self, reason):
        try:
            self.frames.flush()
            self.frames.send(FATAL, 0, [_str(reason)])
        finally:
            posix._exit(1)

    # compiled on first use
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
            posix._exit(code)

    # compiled on first use
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

    # compiled on first use
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
        posix._exit(0)


def _install_modules():
    package = _Module("rmote")
    package.__path__ = []
    protocol = _Module("rmote.protocol")
    for name in ("Tool", "process", "Template", "render_template", "exit_after_reply"):
        setattr(protocol, name, globals()[name])
    package.protocol = protocol
    sys.modules.setdefault("rmote", package)
    sys.modules.setdefault("rmote.protocol", protocol)
    for name in ("tools", "support"):  # support: the modules that SYNC installs (_Tools.sync)
        sub = _Module("rmote." + name)
        sub.__path__ = []
        setattr(package, name, sub)
        sys.modules.setdefault(sub.__name__, sub)


class _SiteOnMiss:
    # The interpreter starts with -S: the site module (site-packages on sys.path, every .pth file,
    # sitecustomize) takes 5 to 60 ms of each start, and most connections import only the standard
    # library. It runs here instead, once, at the first import no other finder can satisfy, and
    # that import is then looked up again on the completed path, as if site had run at start.
    # importlib holds its global import lock around each finder's find_spec (3.6 to 3.14), so two
    # threads never run this at once; once site has run, this finder is gone from sys.meta_path.
    @classmethod
    def find_spec(cls, name, *path_target):
        if cls in sys.meta_path:
            sys.meta_path.remove(cls)
            import site
            site.main()
            import importlib.util
            return importlib.util.find_spec(name)


def main(mark):
    # The protocol keeps private, close-on-exec copies of stdin and stdout; tool code, print()
    # and child processes only ever see /dev/null on fd 0 and stderr on fd 1.
    in_fd = posix.dup(0)
    out_fd = posix.dup(1)
    null = posix.open("/dev/null", posix.O_RDONLY)
    posix.dup2(null, 0)
    posix.close(null)
    posix.dup2(2, 1)
    try:
        sys.stdout.flush()
    except Exception:
        pass
    import io
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), line_buffering=True,
                                  encoding=getattr(sys.stdout, "encoding", None) or "utf-8",
                                  errors="backslashreplace")
    _install_modules()
    if sys.flags.no_site:
        sys.meta_path.append(_SiteOnMiss)
    frames = _Frames(in_fd, out_fd)
    leaders = _Leaders(frames, _Tools(frames), _Async(frames))
    version = "%d.%d.%d" % sys.version_info[:3]
    if globals().get("K", 0) < 0:  # the controller asks for this runtime's bytecode
        code = _bytecode()
        if code is not None:
            frames._write_all(mark + b" code %d\n" % len(code) + code)
    posix.write(out_fd, mark + (" ready %d %s %s\n" % (PROTOCOL, version, _magic())).encode())
    leaders.serve()


def _magic():
    # The magic number of this interpreter's bytecode (importlib.util.MAGIC_NUMBER, read where the
    # interpreter's own start put it), in hex: bytecode marshalled by an interpreter with the same
    # number runs here. "-" where no bytecode may be sent: Python 3.6 may start a second time, from
    # the source (_utf8_restart), and other implementations than CPython marshal code of their own.
    if sys.version_info < (3, 7) or sys.implementation.name != "cpython":
        return "-"
    return getattr(sys.modules.get("_frozen_importlib_external"), "MAGIC_NUMBER", b"").hex() or "-"


# compiled on first use
def _bytecode():
    # The code objects this runtime started from (_CODE, made by the build's parts), then the one
    # that starts main, marshalled and compressed: the controller sends them instead of the source
    # to later starts of the same interpreter, which check the magic number first (docs/protocol.md,
    # "Starting from bytecode"). None where that cannot be.
    code = globals().get("_CODE")
    if code is None or _magic() == "-":
        return None
    try:
        import marshal
        import zlib
    except ImportError:
        return None
    last = compile("main(MARK)", "<string>", "exec")
    return zlib.compress(marshal.dumps(tuple(code) + (last,)), 6)


# compiled on first use
def _utf8_restart(first_stage):
    # Python 3.6 under the C or POSIX locale (what an SSH login without LANG gets) encodes file
    # names and arguments as ASCII, so "café.txt" cannot be opened; 3.7 and later use UTF-8 there
    # (PEP 538, PEP 540). The file system encoding is fixed at start-up, so 3.6 starts once more,
    # in this same process (execve keeps the pid and the pipes), under a UTF-8 locale with this
    # runtime in its arguments: nothing was read from stdin beyond the payload yet.
    if sys.version_info >= (3, 7) or sys.getfilesystemencoding() != "ascii" or not sys.executable:
        return
    if globals().get("RESTARTED"):
        return
    import locale
    for name in ("C.UTF-8", "C.utf8", "en_US.UTF-8"):
        try:
            locale.setlocale(locale.LC_CTYPE, name)
            break
        except locale.Error:
            pass
    else:
        return  # no UTF-8 locale on this host: names stay ASCII, as for 3.6 itself
    payload, codec = first_stage["s"], first_stage["c"]
    import os
    env = dict(os.environ)
    env["LC_ALL" if env.get("LC_ALL") else "LC_CTYPE"] = name
    code = ("import sys;sys.path=[p for p in sys.path if p]\n"
            "import binascii\nfrom %s import %s as c\n"
            "exec(c().decompress(binascii.a2b_base64(sys.argv[1])),"
            "{'__name__':'__rmote__','MARK':sys.argv[2].encode(),'RESTARTED':1})"
            % (codec.__module__, codec.__name__))
    posix.execve(sys.executable, [sys.executable, "-E", "-s", "-S", "-c", code,
                                  payload.decode("ascii"), MARK.decode("ascii")], env)  # noqa: F821


if __name__ == "__rmote__":
    if sys.version_info < (3, 7):
        _utf8_restart(sys._getframe(1).f_globals)  # the frame that ran this module: the first stage
    main(MARK)  # noqa: F821 (given by the first stage)
