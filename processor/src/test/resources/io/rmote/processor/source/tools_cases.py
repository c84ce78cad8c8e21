"""Corner cases of tool sources, after the kinds the rmote Python library's own fixtures cover."""
import dataclasses
import enum
import os.path as osp
from dataclasses import dataclass, field
from enum import Enum, auto
from typing import Dict, List, NamedTuple, Optional

from rmote.protocol import Tool

LIMIT = 10  # module constants are not part of any class


class Colour(Enum):
    RED = "red"
    GREEN = "green"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


@dataclass
class Point:
    x: int
    y: int = 0


@dataclasses.dataclass(frozen=True)
class Segment:
    start: Point
    end: "Point"
    tags: List[str] = field(default_factory=list)


class Pair(NamedTuple):
    left: int
    right: Optional[str] = None


class AsyncTool(Tool):
    @staticmethod
    async def fetch(url: str, *, timeout: float = 1.5) -> bytes:
        return b""

    @classmethod
    async def count(cls) -> int:
        return 0


class ConstTool(Tool):
    VERSION = "1.0"
    MAX = 3
    A = B = 7

    @staticmethod
    def version() -> str:
        return ConstTool.VERSION


class EnumTool(Tool):
    class State(Enum):
        ON = auto()
        OFF = auto()

    @staticmethod
    def state(flag: bool) -> "EnumTool.State":
        return EnumTool.State.ON if flag else EnumTool.State.OFF

    @staticmethod
    def colour(name: str) -> Colour:
        return Colour(name)


class DataTool(Tool):
    @staticmethod
    def segment() -> Segment:
        return Segment(Point(0, 0), Point(1, 1))

    @staticmethod
    def by_name() -> Dict[str, List["Point"]]:
        return {}


class ImportTool(Tool):
    @staticmethod
    def join(a: str, b: str) -> str:
        return osp.join(a, b)


class Base(Tool):
    @staticmethod
    def hello(name: str = "world") -> str:
        return "hello " + name


class Derived(Base):
    @staticmethod
    def bye() -> str:
        return "bye"


if __name__ == "__main__":
    print(Derived.hello())
