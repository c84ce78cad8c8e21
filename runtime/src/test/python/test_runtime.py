"""The Python side's own tests, run by PythonSuiteTest on every interpreter the machine has.

Usage: python3 test_runtime.py [RUNTIME_PY [GOLDEN_DIR [PAYLOAD_PY]]]
       python3 test_runtime.py --regenerate-golden GOLDEN_DIR [RUNTIME_PY]
Standard library only; written for every Python from 3.6 on.
"""
import collections
import datetime
import enum
import os
import pathlib
import pickle
import struct
import subprocess
import sys
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIME = os.path.join(HERE, "..", "..", "main", "resources", "io", "rmote", "remote", "runtime.py")
GOLDEN = os.path.join(HERE, "..", "resources", "golden")
SUPPORT = None  # the support modules' folder: support/ beside RUNTIME, or the resources' rmote/support
PAYLOAD = None  # the runtime as the build strips it for the bootstrap (target/classes)


def load_runtime(path):
    namespace = {"__name__": "rmote_runtime_under_test"}
    with open(path) as f:
        exec(compile(f.read(), path, "exec"), namespace)
    namespace["_install_modules"]()
    return namespace


RT = None
H = None  # the support modules' names (FileHelpers)


def sync_body(number, name, source):
    """A SYNC frame's body."""
    return struct.pack(">I", number) + _s(name) + _s(source)


def support_frames(*names):
    """The SYNC frames (module 0) of these support modules, in order."""
    frames = []
    for name in names:
        with open(os.path.join(SUPPORT, name + ".py")) as f:
            frames.append(_frame(1, 0, sync_body(0, "rmote/support/%s.py" % name, f.read())))
    return frames


def install_support(*names):
    """Installs support modules in this process as SYNC installs them; their names in one dict."""
    tools = RT["_Tools"](None)
    helpers = {}
    for frame in support_frames(*names):
        tools.sync(frame[10:])
    for name in names:
        helpers.update(vars(sys.modules["rmote.support." + name]))
    return helpers


class DiskInfo(object):
    pass


def make_types():
    """The golden vectors' Python types; dataclasses exist from 3.7 on only."""
    global DiskInfo, Outer
    try:
        import dataclasses
    except ImportError:
        return False

    @dataclasses.dataclass
    class DiskInfo:
        path: str
        free: int

    @dataclasses.dataclass
    class Outer:
        name: str
        inner: DiskInfo

    DiskInfo.__qualname__ = "DiskInfo"
    Outer.__qualname__ = "Outer"
    globals()["DiskInfo"] = DiskInfo
    globals()["Outer"] = Outer
    return True


HAVE_DATACLASSES = make_types()
Point = collections.namedtuple("Point", "x y")


class Color(enum.Enum):
    RED = "red"


class Opaque(object):
    __module__ = "tests"

    def __repr__(self):
        return "<Opaque>"


Opaque.__qualname__ = "Opaque"


def vectors():
    v = collections.OrderedDict()
    v["none"] = None
    v["true"] = True
    v["false"] = False
    v["int_small"] = 42
    v["int_neg"] = -7
    v["int_i64"] = 2 ** 40
    v["int_big"] = 2 ** 100
    v["int_big_neg"] = -(2 ** 70)
    v["float"] = 1.5
    v["str_ascii"] = "hello"
    v["str_unicode"] = "h\u00e9llo w\u00f6rld \u2713 \U0001F600"
    v["str_empty"] = ""
    v["bytes"] = b"\x00\x01\xff"
    v["list"] = [1, "a", None]
    v["tuple"] = (1, 2)
    v["dict"] = {"a": 1, "b": [True]}
    v["set"] = {3}
    if HAVE_DATACLASSES:
        v["dataclass"] = DiskInfo(path="/", free=123)
        v["dataclass_nested"] = Outer(name="x", inner=DiskInfo(path="/tmp", free=5))
    v["namedtuple"] = Point(x=1, y=2)
    v["enum"] = Color.RED
    v["datetime_naive"] = datetime.datetime(2024, 2, 29, 13, 45, 30, 123456)
    v["datetime_aware"] = datetime.datetime(
        2024, 1, 2, 3, 4, 5, 6, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    v["date"] = datetime.date(2024, 2, 29)
    v["time"] = datetime.time(23, 59, 58, 7)
    v["timedelta"] = datetime.timedelta(days=-1, seconds=5, microseconds=6)
    v["path"] = pathlib.PurePosixPath("/etc/hostname")
    v["completed"] = subprocess.CompletedProcess(args=["echo", "hi"], returncode=0, stdout=b"hi\n", stderr=None)
    v["exception"] = FileNotFoundError(2, "No such file or directory", "/nope")
    v["template"] = RT["Template"]("Hello ${name}")
    v["opaque"] = Opaque()
    return v


def encoded(value):
    return b"".join(bytes(p) for p in RT["encode"](value))


class GoldenVectors(unittest.TestCase):
    def test_encoding_matches_the_golden_files(self):
        for name, value in vectors().items():
            with open(os.path.join(GOLDEN, name + ".bin"), "rb") as f:
                self.assertEqual(f.read(), encoded(value), name)

    def test_decoding_the_golden_files_gives_the_values(self):
        module = sys.modules[__name__]
        for name, value in vectors().items():
            if name == "opaque":
                continue
            with open(os.path.join(GOLDEN, name + ".bin"), "rb") as f:
                decoded = RT["decode"](f.read(), module)
            if name == "namedtuple":
                self.assertEqual(tuple(value), decoded)
                self.assertIsInstance(decoded, Point)  # the module's class of that name
            elif name == "path":
                self.assertEqual(pathlib.Path(str(value)), decoded)
            elif name == "exception":
                self.assertIsInstance(decoded, FileNotFoundError)
                self.assertEqual(value.args, decoded.args)
            elif name == "completed":
                self.assertEqual((value.args, value.returncode, value.stdout, value.stderr),
                                 (decoded.args, decoded.returncode, decoded.stdout, decoded.stderr))
            else:
                self.assertEqual(value, decoded, name)


class Codec(unittest.TestCase):
    def round_trip(self, value):
        return RT["decode"](encoded(value))

    def test_every_kind_round_trips(self):
        for value in [None, True, False, 0, -1, 2 ** 31, -2 ** 31 - 1, 2 ** 63, -2 ** 63 - 1, 2 ** 64,
                      -(2 ** 71), 10 ** 40, 0.1, float("inf"), "", "x" * 70000, b"", bytes(range(256)),
                      [1, [2, [3]]], (), {"k": {"n": None}}, {1, 2}, frozenset([5]),
                      datetime.datetime(1, 1, 1), datetime.date(9999, 12, 31), datetime.time(0, 0),
                      datetime.timedelta(0), datetime.timedelta(days=999999999)]:
            expected = set(value) if isinstance(value, frozenset) else value
            self.assertEqual(expected, self.round_trip(value), repr(value)[:80])

    def test_subclasses_go_as_their_base(self):
        class MyInt(int):
            pass

        class MyStr(str):
            pass

        self.assertEqual(5, self.round_trip(MyInt(5)))
        self.assertEqual("s", self.round_trip(MyStr("s")))

    def test_surrogate_escaped_names_survive(self):
        name = b"caf\xe9".decode("utf-8", "surrogateescape")
        self.assertEqual(name, self.round_trip(name))

    def test_anything_else_is_opaque(self):
        data = encoded(object())
        self.assertEqual(0x18, data[0])
        self.assertIn(b"builtins.object", data)

    def test_a_failing_repr_is_still_encoded(self):
        class Bad(object):
            def __repr__(self):
                raise RuntimeError("no")

        self.assertEqual(0x18, encoded(Bad())[0])

    def test_truncated_input_is_a_protocol_error(self):
        with self.assertRaises(RT["ProtocolError"]):
            RT["decode"](b"\x07\x00\x00\x00\x09ab")
        with self.assertRaises(RT["ProtocolError"]):
            RT["decode"](b"\x7f")


class Templates(unittest.TestCase):
    """Every example of the reference page."""

    @classmethod
    def setUpClass(cls):
        install_support("template")

    def setUp(self):
        self.T = RT["Template"]

    def test_interpolation(self):
        self.assertEqual("Hello, Alice!", self.T("Hello, ${name}!").render(name="Alice"))
        self.assertEqual("a, b", self.T("${', '.join(sorted(d.keys()))}").render(d={"b": 2, "a": 1}))
        self.assertEqual("1", self.T("${ {'a': 1}['a'] }").render())

    def test_for(self):
        t = self.T("% for item in items:\n- ${item}\n% endfor")
        self.assertEqual("- alpha\n- beta\n- gamma", t.render(items=["alpha", "beta", "gamma"]))

    def test_if_elif_else(self):
        t = self.T("% if n > 0:\npositive\n% elif n == 0:\nzero\n% else:\nnegative\n% endif")
        self.assertEqual("positive", t.render(n=1))
        self.assertEqual("zero", t.render(n=0))
        self.assertEqual("negative", t.render(n=-1))

    def test_comments_and_escapes(self):
        self.assertEqual("result: 42", self.T("## ignored\nresult: ${v}").render(v=42))
        self.assertEqual("% done 7/10", self.T("%% done ${n}/10").render(n=7))
        self.assertEqual("${not_a_var}", self.T(r"\${not_a_var}").render())

    def test_render_template(self):
        result = RT["render_template"](
            "Hi ${name}, you have ${count} message${'s' if count != 1 else ''}.", name="Bob", count=3)
        self.assertEqual("Hi Bob, you have 3 messages.", result)

    def test_pickling(self):
        tmpl = self.T("server_name ${hostname}; listen ${port};")
        restored = pickle.loads(pickle.dumps(tmpl))
        self.assertEqual("server_name example.com; listen 443;", restored.render(hostname="example.com", port=443))

    def test_the_engine_is_compiled_by_the_first_render_only(self):
        fresh = load_runtime(RUNTIME)
        self.assertEqual([], fresh["_template_engine"])
        fresh["Template"]("${x}")
        self.assertEqual([], fresh["_template_engine"])
        self.assertEqual("1", fresh["Template"]("${x}").render(x=1))
        self.assertEqual(1, len(fresh["_template_engine"]))

    def test_rendering_without_the_engine_says_what_is_missing(self):
        fresh = load_runtime(RUNTIME)
        engine = sys.modules.pop("rmote.support.template")
        try:
            with self.assertRaises(RuntimeError) as e:
                fresh["Template"]("${x}").render(x=1)
            self.assertIn("rmote.support.template", str(e.exception))
        finally:
            sys.modules["rmote.support.template"] = engine

    def test_unclosed_block_is_an_error(self):
        with self.assertRaises(SyntaxError):
            self.T("% for x in y:\n${x}").render(y=[1])

    def test_the_library_output_exactly(self):
        # str.splitlines cuts the lines: one final line break is dropped, CRLF comes out LF.
        self.assertEqual("a", self.T("a\n").render())
        self.assertEqual("a\n", self.T("a\n\n").render())
        self.assertEqual("a\nb", self.T("a\r\nb\r\n").render())
        self.assertEqual("1\n2", self.T("% for x in xs:\n${x}\n%").render(xs=[1, 2]))
        self.assertEqual("1\n2", self.T("% for x in xs:\n${x}\n% end").render(xs=[1, 2]))
        self.assertEqual("no", self.T("% if x\nyes\n% else\nno\n% endif").render(x=0))

    def test_compile_gives_a_cached_render_function(self):
        fn = self.T.compile("Hello, ${name}!")
        self.assertIs(fn, self.T.compile("Hello, ${name}!"))
        self.assertEqual("Hello, Alice!", fn(name="Alice"))

    def test_errors_name_the_template_line(self):
        with self.assertRaises(NameError) as e:
            self.T("a\n% if True:\n  ${missing}\n% endif").render()
        self.assertIn("template line 3: ${missing}", str(e.exception))
        self.assertEqual(3, e.exception.template_line)
        with self.assertRaises(SyntaxError) as s:
            self.T("ok\nport ${port").render()
        self.assertEqual((2, 6), (s.exception.lineno, s.exception.offset))


class FileHelpers(unittest.TestCase):
    """The helpers the built-in tools share (rmote.support.files and .locks): atomic writes,
    diffs, locks."""

    @classmethod
    def setUpClass(cls):
        global H
        H = install_support("locks", "files")

    def test_write_file_is_atomic_keeps_the_mode_and_reports_a_diff(self):
        import shutil
        import tempfile
        d = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, d)
        p = os.path.join(d, "f")
        with open(p, "w") as f:
            f.write("old\n")
        os.chmod(p, 0o640)
        inode = os.stat(p).st_ino
        dry = H["write_file"](p, b"new\n", dry_run=True)
        self.assertTrue(dry.changed)
        with open(p) as f:
            self.assertEqual("old\n", f.read())
        w = H["write_file"](p, b"new\n")
        self.assertEqual(dry.diff, w.diff)
        self.assertEqual("--- %s\n+++ %s\n@@ -1 +1 @@\n-old\n+new\n" % (p, p), w.diff)
        self.assertNotEqual(inode, os.stat(p).st_ino)
        self.assertEqual(0o640, os.stat(p).st_mode & 0o7777)
        self.assertFalse(H["write_file"](p, b"new\n").changed)
        self.assertEqual(["f"], os.listdir(d))

    def test_a_failed_validation_leaves_the_target_as_it_was(self):
        import shutil
        import tempfile
        d = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, d)
        p = os.path.join(d, "sudoers")
        with open(p, "w") as f:
            f.write("ok\n")
        bad = ["sh", "-c", "! grep -q bad %s"]
        for dry_run in (True, False):
            with self.assertRaises(subprocess.CalledProcessError):
                H["write_file"](p, b"bad\n", validate=bad, dry_run=dry_run)
            with open(p) as f:
                self.assertEqual("ok\n", f.read())
            self.assertEqual(["sudoers"], os.listdir(d))
        self.assertTrue(H["write_file"](p, b"good\n", validate=bad).changed)
        with open(p) as f:
            self.assertEqual("good\n", f.read())

    def test_unified_diff_marks_a_missing_final_line_break(self):
        self.assertEqual("--- p\n+++ p\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n",
                         H["unified_diff"]("p", "a", "b\n"))
        self.assertEqual("", H["unified_diff"]("p", b"x", b"x"))

    def test_the_path_lock_serializes_and_is_reentrant(self):
        import threading
        seen = []
        with H["path_lock"]("/tmp/x"):
            with H["path_lock"]("/tmp/../tmp/x"):
                t = threading.Thread(target=lambda: H["path_lock"]("/tmp/x").__enter__() and seen.append(1))
                t.start()
                t.join(0.2)
                self.assertEqual([], seen)
        t.join(30)
        self.assertEqual([1], seen)


class SupportModules(unittest.TestCase):
    """SYNC with module 0: a support module that the tools sent after it import."""

    def sync_tool(self, tools, number, source):
        tools.sync(sync_body(number, "tool_%d.py" % number, source))
        return tools.modules[number]

    def test_a_support_module_is_importable_by_the_tools_sent_after_it(self):
        tools = RT["_Tools"](None)
        tools.sync(sync_body(0, "rmote/support/greeting_for_test.py", "def hello(n):\n    return 'hi ' + n\n"))
        module = self.sync_tool(tools, 1, "from rmote.support.greeting_for_test import hello\n"
                                          "import rmote.support.greeting_for_test as g\n"
                                          "import rmote.support.greeting_for_test\n"
                                          "both = (hello('a'), g.hello('b'), rmote.support.greeting_for_test.hello('c'))\n")
        self.assertEqual(("hi a", "hi b", "hi c"), module.both)
        self.assertEqual("rmote/support/greeting_for_test.py", sys.modules["rmote.support.greeting_for_test"].__file__)

    def test_a_tool_importing_a_broken_support_module_fails_with_its_exception(self):
        tools = RT["_Tools"](None)
        tools.sync(sync_body(0, "rmote/support/broken_for_test.py", "def f(:\n"))
        self.assertNotIn("rmote.support.broken_for_test", sys.modules)
        tools.sync(sync_body(0, "rmote/support/above_broken_for_test.py",
                             "from rmote.support.broken_for_test import f\n"))
        failed = self.sync_tool(tools, 1, "from rmote.support.above_broken_for_test import f\n")
        self.assertIsInstance(failed.error, SyntaxError)
        self.assertEqual("rmote/support/broken_for_test.py", failed.error.filename)

    def test_a_tool_whose_support_module_was_not_sent_fails_to_import_it(self):
        failed = self.sync_tool(RT["_Tools"](None), 1, "from rmote.support.never_sent_for_test import x\n")
        self.assertIsInstance(failed.error, ImportError)

    def test_log_records_are_forwarded_once_the_log_support_module_is_in(self):
        import logging

        class Frames(object):
            sent = []

            def send(self, kind, pid, parts):
                self.sent.append((kind, pid, b"".join(parts)))

        frames = Frames()
        tools = RT["_Tools"](frames)
        root = logging.getLogger()
        handlers = list(root.handlers)
        level = root.level
        try:
            tools.sync(sync_body(1, "tool_1.py", "import logging\n"))
            self.assertFalse(tools.logging_ready)  # no forwarder sent: nothing to install
            tools.sync(support_frames("logs")[0][10:])
            self.assertTrue(tools.logging_ready)
            self.sync_tool(tools, 2, "import logging\nlogging.getLogger('t').warning('hi %d', 1)\n")
            self.assertEqual(logging.WARNING, root.level)  # Python's default stays
            RT["_CALLS"][threading.get_ident()] = 7  # as when this thread serves call 7
            logging.getLogger("t").info("below the level")
            logging.getLogger("t").error("in a call")
            del RT["_CALLS"][threading.get_ident()]
            head = _s("t") + struct.pack(">i", 30) + _s("hi 1")
            self.assertEqual([(5, 0), (5, 7)], [sent[:2] for sent in frames.sent])
            body = frames.sent[0][2]
            self.assertEqual(head, body[:len(head)])
            created = struct.unpack_from(">d", body, len(head))[0]
            self.assertLess(abs(time.time() - created), 60)
            self.assertEqual(_s(threading.current_thread().name), body[len(head) + 8:])
        finally:
            RT["_log_handler"][:] = []
            root.handlers[:] = handlers
            root.setLevel(level)

    def test_each_call_that_lost_log_records_gets_its_own_count(self):
        import logging
        sent = []
        calls = [1]
        root = logging.getLogger()
        handlers = list(root.handlers)
        logs = install_support("logs")  # which installs a forwarder of its own, removed below
        try:
            handler = logs["forward"](lambda call, r, text: sent.append((call, r.name, text)),
                                      lambda: calls[0])
            handler.tokens = 0
            handler.last = time.monotonic() + 3600  # no token comes back while this runs
            for call in (1, 2, 2, 0):
                calls[0] = call
                root.warning("lost")
            self.assertEqual([], sent)
            handler.flush()
            self.assertEqual([(0, "rmote", "1 log records dropped: more than 500 a second"),
                              (1, "rmote", "1 log records dropped: more than 500 a second"),
                              (2, "rmote", "2 log records dropped: more than 500 a second")], sent)
        finally:
            RT["_log_handler"][:] = []
            root.handlers[:] = handlers
            del sys.modules["rmote.support.logs"]  # the next test installs it itself

    def test_a_support_module_outside_rmote_support_is_a_protocol_error(self):
        for name in ("tools/x.py", "rmote/support/a/b.py", "rmote/support/x.txt", "rmote/support/1x.py"):
            with self.assertRaises(RT["ProtocolError"]):
                RT["_Tools"](None).sync(sync_body(0, name, "x = 1\n"))

    def test_the_support_modules_parse_as_python_3_6(self):
        if sys.version_info < (3, 8):
            self.skipTest("feature_version needs Python 3.8")
        import ast
        for name in sorted(os.listdir(SUPPORT)):
            with open(os.path.join(SUPPORT, name)) as f:
                ast.parse(f.read(), filename=name, feature_version=(3, 6))


class Process(unittest.TestCase):
    def test_defaults_keep_the_pipes_away(self):
        r = RT["process"]("sh", "-c", "cat; echo out")
        self.assertEqual(0, r.returncode)
        self.assertIsNone(r.stdout)

    def test_capture_text_check_input(self):
        r = RT["process"]("sh", "-c", "cat; echo err >&2", capture_output=True, text=True, input="in")
        self.assertEqual(("in", "err\n"), (r.stdout, r.stderr))
        with self.assertRaises(subprocess.CalledProcessError) as e:
            RT["process"]("sh", "-c", "exit 3", check=True)
        self.assertEqual(3, e.exception.returncode)


class Session(unittest.TestCase):
    """The runtime as a process, spoken to in raw frames."""

    def start(self):
        boot = "exec(compile(open(%r).read(), 'runtime.py', 'exec'), {'__name__': '__rmote__', 'MARK': b'M'})"
        p = subprocess.Popen([sys.executable, "-c", boot % RUNTIME], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = p.stdout.readline()
        self.assertTrue(line.startswith(b"M ready 1 "), line)
        return p

    def read_frame(self, p):
        head = p.stdout.read(10)
        length, kind, flags, pid = struct.unpack(">IBBI", head)
        return kind, pid, p.stdout.read(length - 6)

    def test_a_malformed_frame_gets_fatal_and_exit_1(self):
        p = self.start()
        p.stdin.write(struct.pack(">IBBI", 2, 2, 0, 1))
        p.stdin.flush()
        kind, pid, body = self.read_frame(p)
        self.assertEqual(8, kind)
        self.assertIn(b"out of bounds", body)
        self.assertEqual(1, p.wait(30))
        p.stdin.close()
        p.stdout.close()
        p.stderr.close()

    def test_an_unknown_frame_kind_gets_fatal(self):
        p = self.start()
        p.stdin.write(struct.pack(">IBBI", 6, 99, 0, 1))
        p.stdin.flush()
        kind, pid, body = self.read_frame(p)
        self.assertEqual(8, kind)
        self.assertIn(b"kind 99", body)
        self.assertEqual(1, p.wait(30))
        p.stdin.close()
        p.stdout.close()
        p.stderr.close()

    def test_end_of_stdin_ends_the_process(self):
        p = self.start()
        p.stdin.close()
        self.assertEqual(0, p.wait(30))
        p.stdout.close()
        p.stderr.close()


SCHEDULER_TOOL = """
import threading
import time
from rmote.protocol import Tool

_gates = {}
_lock = threading.Lock()
_deadline = []


def _gate(key):
    with _lock:
        return _gates.setdefault(key, threading.Event())


class Sched(Tool):
    @staticmethod
    def echo(x):
        return x

    @staticmethod
    def nap(x, seconds):
        time.sleep(seconds)
        return x

    @staticmethod
    def block(key):
        # Opened only by a later call: it can run only if this one gave up the reading role.
        # One deadline for all, so that a broken hand-over fails the test in 120 s, not 40 times
        # (long: a loaded machine may take seconds to start the threads the 40 gates need).
        with _lock:
            if not _deadline:
                _deadline.append(time.time() + 120)
        if not _gate(key).wait(max(0.0, _deadline[0] - time.time())):
            raise RuntimeError("gate %s was never opened" % key)
        return key

    @staticmethod
    def greet(name):
        return Template("Hello, ${name}").render(name=name)

    @staticmethod
    def open(key):
        _gate(key).set()
        return key

    @staticmethod
    def fail(key):
        return {}[key]

    @staticmethod
    def when(year):
        import datetime
        return datetime.date(year, 1, 2)
"""


def _s(text):
    b = text.encode("utf-8")
    return struct.pack(">I", len(b)) + b


def _frame(kind, pid, body):
    return struct.pack(">IBBI", len(body) + 6, kind, 0, pid) + body


class Scheduler(unittest.TestCase):
    """The leader/followers read path under load: calls that block until a later call opens
    them, short naps that make the monitor hand the reading role over, and trivial calls that
    the reader runs in place, all in flight at once. Every call must get exactly one answer, the
    right one, and the runtime must leave after QUIT without a word on stderr."""

    def run_session(self, calls, runtime=None, boot=None):
        if boot is None:
            boot = "exec(compile(open(%r).read(), 'runtime.py', 'exec'), {'__name__': '__rmote__', 'MARK': b'M'})" \
                % (runtime or RUNTIME)
        p = subprocess.Popen([sys.executable, "-c", boot], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = p.stdout.readline()
        self.assertTrue(line.startswith(b"M ready 1 "), line)
        # As the controller does: the source mentions Template, so the engine goes first.
        data = support_frames("template")
        data.append(_frame(1, 0, struct.pack(">I", 1) + _s("sched.py") + _s(SCHEDULER_TOOL)))
        for pid, (method, args) in enumerate(calls, 1):
            body = struct.pack(">I", 1) + _s("Sched") + _s(method) + encoded(tuple(args)) + encoded({})
            data.append(_frame(2, pid, body))
        data.append(_frame(7, 0, b""))
        errors = []

        def write():
            # From a thread of its own: the runtime's answers must be read while we write.
            try:
                p.stdin.write(b"".join(data))
                p.stdin.close()
            except BaseException as e:
                errors.append(e)

        import threading
        writer = threading.Thread(target=write)
        writer.start()
        answers = {}
        while True:
            head = p.stdout.read(10)
            if not head:
                break
            length, kind, flags, pid = struct.unpack(">IBBI", head)
            body = p.stdout.read(length - 6)
            self.assertEqual(0, flags)
            self.assertNotIn(pid, answers, "a second answer for call %d" % pid)
            answers[pid] = (kind, RT["decode"](body))
        writer.join()
        stderr = p.stderr.read()
        p.stdout.close()
        p.stderr.close()
        self.assertEqual(0, p.wait(30), stderr)
        self.assertEqual([], errors)
        self.assertEqual(b"", stderr)
        return answers

    def check(self, calls, answers):
        self.assertEqual(set(range(1, len(calls) + 1)), set(answers), "calls without an answer")
        for pid, (method, args) in enumerate(calls, 1):
            self.assertEqual((3, args[0]), answers[pid], "call %d: %s%r" % (pid, method, args))

    def test_calls_blocked_until_a_later_call_all_hand_the_reading_role_over(self):
        import random
        rnd = random.Random(8)
        keys = ["k%d" % i for i in range(40)]
        calls = []
        for i, key in enumerate(keys):
            calls.append(("block", [key]))
            calls.extend(("echo", [i * 10 + j]) for j in range(5))
        opening = list(keys)
        rnd.shuffle(opening)
        for key in opening:
            calls.append(("open", [key]))
            calls.append(("echo", [key + "!"]))
        self.check(calls, self.run_session(calls))

    def test_many_slow_and_fast_calls_each_get_their_own_answer(self):
        import random
        rnd = random.Random(6)
        calls = []
        for i in range(1500):
            if rnd.random() < 0.1:
                calls.append(("nap", [i, rnd.choice((0.001, 0.003, 0.006))]))
            else:
                calls.append(("echo", ["x" * rnd.randrange(0, 200) + str(i)]))
        self.check(calls, self.run_session(calls))


def _is_str(node):
    import ast
    if sys.version_info >= (3, 8):
        return isinstance(node, ast.Constant) and isinstance(node.value, str)
    return isinstance(node, ast.Str)


def without_docstrings(tree):
    """The tree less its docstrings and other bare strings; an emptied body holds `pass`."""
    import ast
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                kept = [s for s in body if not (isinstance(s, ast.Expr) and _is_str(s.value))]
                setattr(node, field, kept or [ast.Pass()])
    return tree


def later_parts(tree):
    """The payload's _LATER table: the source of each function compiled on first use."""
    import ast
    for node in build().unwrap(tree).body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["_LATER"]:
            return ast.literal_eval(node.value)
    return {}


def build():
    """The build's own strip_runtime module (runtime/src/build/strip_runtime.py, copied beside this
    file when the suite runs in a chroot), run here by the interpreter under test."""
    folder = HERE if os.path.exists(os.path.join(HERE, "strip_runtime.py")) \
        else os.path.join(HERE, "..", "..", "build")
    sys.path.insert(0, folder)
    sys.dont_write_bytecode = True  # no __pycache__ left in the source tree
    try:
        import strip_runtime
    finally:
        sys.path.remove(folder)
    return strip_runtime


def put_back(tree):
    return build().put_back(tree)


class Syntax(unittest.TestCase):
    def test_the_runtime_parses_as_python_3_6(self):
        if sys.version_info < (3, 8):
            self.skipTest("feature_version needs Python 3.8")
        import ast
        with open(RUNTIME) as f:
            ast.parse(f.read(), filename=RUNTIME, feature_version=(3, 6))


class Payload(unittest.TestCase):
    """The runtime as the bootstrap sends it: stripped by the build, the same program."""

    def setUp(self):
        if PAYLOAD is None:
            self.skipTest("no payload given")
        with open(PAYLOAD) as f:
            self.payload = f.read()
        with open(RUNTIME) as f:
            self.source = f.read()

    def test_the_payload_is_the_runtime_less_its_comments_and_docstrings(self):
        import ast
        self.assertEqual(ast.dump(without_docstrings(ast.parse(self.source))),
                         ast.dump(put_back(ast.parse(self.payload))))

    def test_the_payload_compiles_and_runs_in_parts_and_starts_main_after_them(self):
        import ast
        tree = ast.parse(self.payload)
        start = tree.body[-1]
        self.assertEqual(3, len(tree.body))
        self.assertIsInstance(tree.body[1], ast.For)
        parts = build().parts(tree)
        self.assertGreater(len(parts), 4)
        for part in parts[1:]:  # the first holds the _LATER table, one statement
            self.assertLess(len(part), 8000)
        self.assertIsInstance(start, ast.If)
        self.assertIn("main(MARK)", self.payload.splitlines()[-1])

    def test_the_functions_marked_compiled_on_first_use_are_left_as_source(self):
        import ast
        marked = self.source.count("# compiled on first use\n")
        later = later_parts(ast.parse(self.payload))
        self.assertEqual(marked, len(later))
        self.assertGreater(marked, 0)
        # Each stub names its own part, and each part defines the function it stands for.
        for key, text in later.items():
            part = ast.parse(text).body[0]
            if "." in key:
                part = part.body[0]
            self.assertEqual(key.rpartition(".")[2], part.name)
            self.assertIn("return _first_use(%r)(*a, **k)" % key, self.payload)

    def test_a_part_is_compiled_on_its_first_call_and_then_replaces_its_stub(self):
        namespace = {"__name__": "payload_under_test"}
        exec(compile(self.payload, "payload.py", "exec"), namespace)
        stub = namespace["_dec_date"]
        self.assertNotIn("_dec_date", namespace["_COMPILED"])
        data = encoded(datetime.date(2024, 2, 29))
        self.assertEqual(datetime.date(2024, 2, 29), namespace["decode"](data))
        real = namespace["_dec_date"]
        self.assertIsNot(stub, real)
        self.assertIs(real, namespace["_COMPILED"]["_dec_date"])
        self.assertEqual(datetime.date(2024, 2, 29), stub(namespace["_Reader"](data[1:])))  # a stub kept in a table
        frames = namespace["_Frames"]
        self.assertNotIn("send_chunks", namespace["_COMPILED"])
        self.assertEqual("send_chunks", frames.send_chunks.__name__)

    def test_the_payload_answers_failures_and_rich_values_from_its_parts(self):
        calls = [("fail", ["boom"]), ("when", [2024]), ("echo", ["after"])]
        answers = Scheduler.run_session(self, calls, PAYLOAD)
        kind, error = answers[1]
        self.assertEqual(4, kind)
        self.assertIsInstance(error, KeyError)
        self.assertIn("boom", str(error))
        self.assertEqual((3, datetime.date(2024, 1, 2)), answers[2])
        self.assertEqual((3, "after"), answers[3])

    def test_the_payload_gives_its_bytecode_when_asked_and_starts_from_it(self):
        # What the first stage does with K < 0 (ask) and K > 0 (start from the bytecode sent).
        boot = "exec(compile(open(%r).read(), '<string>', 'exec'), {'__name__': '__rmote__', 'MARK': b'M', 'K': -1})"
        p = subprocess.Popen([sys.executable, "-E", "-s", "-S", "-c", boot % PAYLOAD], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = p.stdout.readline().split()
        code = None
        if line[1] == b"code":
            code = p.stdout.read(int(line[2]))
            line = p.stdout.readline().split()
        p.stdin.close()
        self.assertEqual(0, p.wait(30))
        p.stdout.close()
        self.assertEqual(b"", p.stderr.read())
        p.stderr.close()
        self.assertEqual([b"M", b"ready", b"1"], line[:3])
        if sys.version_info < (3, 7) or sys.implementation.name != "cpython":
            self.assertEqual((b"-", None), (line[4], code))  # 3.6 may start twice, from the source
            return
        import importlib.util
        import tempfile
        self.assertEqual(importlib.util.MAGIC_NUMBER.hex().encode(), line[4])
        with tempfile.NamedTemporaryFile(suffix=".bytecode") as f:
            f.write(code)
            f.flush()
            boot = ("import marshal,zlib\ng={'__name__':'__rmote__','MARK':b'M'}\n"
                    "for c in marshal.loads(zlib.decompress(open(%r,'rb').read())):exec(c,g)" % f.name)
            calls = [("fail", ["boom"]), ("when", [2024]), ("echo", ["after"])]
            answers = Scheduler.run_session(self, calls, boot=boot)
        self.assertIsInstance(answers[1][1], KeyError)
        self.assertEqual({2: (3, datetime.date(2024, 1, 2)), 3: (3, "after")},
                         {2: answers[2], 3: answers[3]})

    def test_the_payload_has_no_comments_docstrings_or_blank_lines(self):
        import ast
        import io
        import tokenize
        comments = [t for t in tokenize.generate_tokens(io.StringIO(self.payload).readline)
                    if t.type == tokenize.COMMENT]
        self.assertEqual([], comments)
        tree = ast.parse(self.payload)
        self.assertEqual(ast.dump(without_docstrings(ast.parse(self.payload))), ast.dump(tree))
        self.assertNotIn("\n\n", self.payload)
        self.assertLess(len(self.payload), len(self.source) * 0.9)

    def test_the_payload_parses_as_python_3_6(self):
        if sys.version_info < (3, 8):
            self.skipTest("feature_version needs Python 3.8")
        import ast
        ast.parse(self.payload, filename=PAYLOAD, feature_version=(3, 6))

    def test_the_payload_starts_and_answers(self):
        calls = [("echo", ["x"]), ("nap", ["y", 0.006]), ("greet", ["payload"])]
        answers = Scheduler.run_session(self, calls, PAYLOAD)
        self.assertEqual({1: (3, "x"), 2: (3, "y"), 3: (3, "Hello, payload")}, answers)


def regenerate(directory):
    os.makedirs(directory, exist_ok=True)
    for name, value in vectors().items():
        with open(os.path.join(directory, name + ".bin"), "wb") as f:
            f.write(encoded(value))
    print("wrote %d vectors to %s" % (len(vectors()), directory))


def main():
    global RUNTIME, GOLDEN, PAYLOAD, RT, SUPPORT
    args = sys.argv[1:]
    if args and args[0] == "--regenerate-golden":
        if len(args) > 2:
            RUNTIME = args[2]
        RT = load_runtime(RUNTIME)
        regenerate(args[1])
        return
    if args:
        RUNTIME = args[0]
    if len(args) > 1:
        GOLDEN = args[1]
    if len(args) > 2:
        PAYLOAD = args[2]
    here = os.path.dirname(os.path.abspath(RUNTIME))
    SUPPORT = os.path.join(here, "support")
    if not os.path.isdir(SUPPORT):
        SUPPORT = os.path.join(here, "..", "..", "..", "rmote", "support")
    RT = load_runtime(RUNTIME)
    unittest.main(argv=[sys.argv[0], "-v"])


if __name__ == "__main__":
    main()
