import dataclasses
import enum
import typing

from rmote.protocol import Tool


class Kind(enum.Enum):
    FILE = 1
    DIRECTORY = 2
    OTHER = 3


@dataclasses.dataclass
class Entry:
    name: str
    size_bytes: int
    kind: Kind


class Directory(Tool):
    @staticmethod
    def entries(path: str, *, hidden: bool = False) -> typing.List[Entry]:
        import os
        found = []
        for name in sorted(os.listdir(path)):
            if name.startswith(".") and not hidden:
                continue
            full = os.path.join(path, name)
            if os.path.isdir(full):
                kind = Kind.DIRECTORY
            elif os.path.isfile(full):
                kind = Kind.FILE
            else:
                kind = Kind.OTHER
            found.append(Entry(name, os.lstat(full).st_size, kind))
        return found

    @staticmethod
    def total_size(*paths: str) -> int:
        import os
        return sum(os.path.getsize(p) for p in paths)

    @staticmethod
    async def wait_for(path: str, timeout_seconds: float = 5.0) -> bool:
        import asyncio
        import os
        waited = 0.0
        while not os.path.exists(path):
            if waited >= timeout_seconds:
                return False
            await asyncio.sleep(0.05)
            waited += 0.05
        return True
