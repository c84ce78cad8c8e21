"""A tool for the typed end-to-end test: nested dataclasses, a namedtuple, enums inside and
outside the class, Optional, dict, datetime, keyword-only parameters, *args, inheritance, a
CompletedProcess and a Template."""
import dataclasses
import datetime
import enum
import subprocess
import time
import typing
from typing import Dict, List, Optional

from rmote.protocol import Template, Tool, process


class Kind(enum.Enum):
    DISK = "disk"
    NETWORK = "net"


@dataclasses.dataclass
class Mount:
    path: str
    kind: Kind
    options: List[str]


class Size(typing.NamedTuple):
    used: int
    total: int


@dataclasses.dataclass
class Host:
    name: str
    state: "Inventory.State"
    mounts: List[Mount]
    size: Size
    seen: datetime.datetime
    labels: Dict[str, str]
    owner: Optional[str] = None


class Base(Tool):
    @staticmethod
    def version() -> str:
        return "inventory 1.0"


class Inventory(Base):
    LIMIT = 10  # a class-level constant: not a method, nothing to map

    class State(enum.Enum):
        UP = 1
        DOWN = 2

    @staticmethod
    def hosts(prefix: str, *, count: int = 2, state: "Inventory.State" = None) -> List[Host]:
        state = state or Inventory.State.UP
        return [
            Host(
                name="%s-%d" % (prefix, i),
                state=state,
                mounts=[Mount("/", Kind.DISK, ["rw"]), Mount("/srv", Kind.NETWORK, ["ro", "noexec"])],
                size=Size(used=i, total=100),
                seen=datetime.datetime(2024, 5, 17, 12, 30, i),
                labels={"index": str(i)},
                owner="ops" if i % 2 else None,
            )
            for i in range(count)
        ]

    @staticmethod
    async def find(name: str) -> Optional[Host]:
        for h in Inventory.hosts("web", count=3):
            if h.name == name:
                return h
        return None

    @classmethod
    def labels(cls, host: Host) -> Dict[str, str]:
        # The argument arrives as a real Host with real Mounts, Size and State.
        assert isinstance(host, Host) and isinstance(host.mounts[0], Mount), type(host)
        assert isinstance(host.size, Size) and isinstance(host.state, Inventory.State)
        return dict(host.labels, name=host.name, state=host.state.name, kind=host.mounts[1].kind.value)

    @staticmethod
    def fail(key: str) -> int:
        raise KeyError(key)

    @staticmethod
    def total(*sizes: int) -> int:
        return sum(sizes)

    @staticmethod
    def later(when: datetime.datetime, delta: datetime.timedelta) -> datetime.datetime:
        return when + delta

    @staticmethod
    def broken_size() -> Size:
        return Size(used=None, total=1)  # breaks its own annotation: Java must say so clearly

    @staticmethod
    def run(argv: List[str]) -> subprocess.CompletedProcess:
        return process(*argv, capture_output=True)

    @staticmethod
    def render(template: Template, name: str) -> str:
        return template.render(name=name)

    @staticmethod
    def nap(seconds: float) -> None:
        time.sleep(seconds)
