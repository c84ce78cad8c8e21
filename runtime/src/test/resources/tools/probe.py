"""A tool that exercises the runtime from the Java tests."""
from rmote.protocol import Tool, process


class QuotaError(ValueError):
    """Unknown to Java: must arrive as its nearest built-in ancestor, ValueError."""


class Probe(Tool):
    cancelled = []
    started = []  # async_sleep's calls that have begun: a test cancels one only after that

    @staticmethod
    def echo(value):
        return value

    @staticmethod
    def add(a, b=10, *, scale=1):
        return (a + b) * scale

    @classmethod
    def name(cls):
        return cls.__name__

    @staticmethod
    def executable():
        import sys
        return sys.executable

    @staticmethod
    def sys_path():
        import sys
        return list(sys.path)

    @staticmethod
    def site_state():
        """[started with -S, the site module imported, exit() defined (site adds it)]."""
        import builtins
        import sys
        return [bool(sys.flags.no_site), "site" in sys.modules, hasattr(builtins, "exit")]

    @staticmethod
    def imported_value(module):
        import importlib
        return importlib.import_module(module).VALUE

    @staticmethod
    def imported_name(module):
        import importlib
        return importlib.import_module(module).__name__

    @staticmethod
    def pid():
        import os
        return os.getpid()

    @staticmethod
    def sleep(seconds):
        import time
        time.sleep(seconds)
        return seconds

    @staticmethod
    def wait_for_file(path, seconds):
        """A gate a test opens by creating `path`: returns True once it exists, False after
        `seconds`. Tests that need a call to be under way while they look use this, not a sleep
        that a stalled machine can outlast."""
        import os
        import time
        until = time.monotonic() + seconds
        while not os.path.exists(path):
            if time.monotonic() > until:
                return False
            time.sleep(0.002)
        return True

    @staticmethod
    async def async_sleep(seconds):
        import asyncio
        Probe.started.append(seconds)
        try:
            await asyncio.sleep(seconds)
        except asyncio.CancelledError:
            Probe.cancelled.append(seconds)
            raise
        return seconds

    @staticmethod
    async def async_hold(data, seconds):
        """async_sleep, with an argument as large as a test needs."""
        return await Probe.async_sleep(seconds)

    @staticmethod
    def was_cancelled():
        return list(Probe.cancelled)

    @staticmethod
    def were_started():
        return list(Probe.started)

    @staticmethod
    def raise_named(kind):
        import subprocess
        if kind == "file":
            open("/nonexistent/rmote/file.txt")
        if kind == "permission":
            raise PermissionError(13, "Permission denied", "/root/secret")
        if kind == "key":
            return {}["missing"]
        if kind == "value":
            raise ValueError("bad value", 42)
        if kind == "called":
            process("sh", "-c", "echo out; echo err >&2; exit 3", capture_output=True, check=True)
        if kind == "quota":
            raise QuotaError("over quota")
        if kind == "quota_chained":
            try:
                raise QuotaError("over quota")
            except QuotaError as e:
                raise RuntimeError("could not write") from e
        if kind == "chained":
            try:
                raise KeyError("inner")
            except KeyError as e:
                raise RuntimeError("outer") from e
        if kind == "zero":
            return 1 / 0
        if kind == "exit":
            raise SystemExit(4)
        if kind == "assert":
            assert kind == "never", "asserted"
        return None

    @staticmethod
    def noisy(how):
        import os
        import subprocess
        if how == "print":
            print("printed by a tool")
        elif how == "fd1":
            os.write(1, b"written on fd 1\n")
        elif how == "fd2":
            os.write(2, b"written on fd 2\n")
        elif how == "child":
            subprocess.run(["sh", "-c", "echo child stdout; echo child stderr >&2; cat"])
        return how

    @staticmethod
    def flood_stderr(mib):
        import os
        block = b"x" * (1 << 20)
        for _ in range(mib):
            os.write(2, block)
        return mib

    @staticmethod
    def log(level, message):
        import logging
        logging.getLogger("probe").log(level, message)
        return True

    @staticmethod
    def set_log_level(level):
        import logging
        logging.getLogger().setLevel(level)
        return True

    @staticmethod
    def nested(depth):
        value = []
        for _ in range(depth):
            value = [value]
        return value

    @staticmethod
    def blob(size):
        return b"x" * size

    @staticmethod
    def size_of(data):
        return len(data)

    @staticmethod
    def checksum(data):
        import zlib
        return zlib.crc32(data)

    @staticmethod
    def die():
        import os
        import signal
        os.kill(os.getpid(), signal.SIGKILL)

    @staticmethod
    def orphan_then_die():
        """Leaves a child holding the inherited stderr (plain Popen), then the interpreter dies."""
        import os
        import signal
        import subprocess
        subprocess.Popen(["sleep", "60"])
        os.kill(os.getpid(), signal.SIGKILL)

    @staticmethod
    def opaque():
        return object()

    @staticmethod
    def run(*args):
        return process(*args, capture_output=True, text=True)

    def instance_method(self):
        return "never"


class Child(Probe):
    @staticmethod
    def own():
        return "child"
