import dataclasses
import enum
import os.path  # a module-level import: the scanner skips it
from typing import Dict, List, Optional

from rmote.protocol import Tool


@dataclasses.dataclass
class DiskInfo:
    path: str
    free: int


@dataclasses.dataclass
class Other:
    name: str


@dataclasses.dataclass(frozen=True)
class Report:
    """A dataclass nesting another and an enum."""
    disk: DiskInfo
    history: List[DiskInfo]
    color: "Color"
    note: Optional[str] = None


class Color(enum.Enum):
    RED = 1
    GREEN = 2


class SystemTool(Tool):
    VERSION = "1.0"  # a class-level constant
    LIMITS = {"a": 1}

    class State(enum.Enum):
        UP = "up"
        DOWN = "down"

    @staticmethod
    def hostname() -> str:
        import socket
        return socket.gethostname()

    @staticmethod
    def disk_free(path: str = "/") -> "DiskInfo":
        import shutil
        _, _, free = shutil.disk_usage(path)
        return DiskInfo(path=path, free=free)

    @staticmethod
    def disks() -> List[DiskInfo]:
        return [SystemTool.disk_free("/")]

    @staticmethod
    def report() -> Report:
        d = SystemTool.disk_free("/")
        return Report(d, [d], Color.RED)

    @staticmethod
    async def read(path: str) -> str:
        with open(path) as f:
            return f.read()

    @staticmethod
    def maybe(n: int) -> Optional[int]:
        return n or None

    @staticmethod
    def state() -> "SystemTool.State":
        return SystemTool.State.UP

    @classmethod
    def color(cls, c: Color) -> Color:
        return c

    @staticmethod
    def plain(x):
        return x

    @staticmethod
    def spread(*names: str) -> int:
        return len(names)

    @staticmethod
    def options(
        path: str,
        *,
        recursive: bool = False,
        depth: int,  # keyword-only and required
    ) -> Dict[str, int]:
        return {path: depth}

    def instance(self) -> str:
        return "no"

    @staticmethod
    def tagged(name: str, **tags: str) -> Dict[str, str]:
        return dict(tags, name=name)

    @staticmethod
    def counts(words: "List[str]") -> "Counter[str]":
        return collections.Counter(words)

    @staticmethod
    def recent(n: int) -> "Deque[DiskInfo]":
        return collections.deque([], n)
