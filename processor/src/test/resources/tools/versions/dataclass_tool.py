import dataclasses

from rmote.protocol import Tool


@dataclasses.dataclass
class Point:
    x: int
    y: int


class Points(Tool):
    @staticmethod
    def origin() -> Point:
        return Point(0, 0)
