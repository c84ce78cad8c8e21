import dataclasses

from rmote.protocol import Tool


@dataclasses.dataclass
class Point:
    x: int
    label: str


class TypedBench(Tool):
    @staticmethod
    def noop() -> None:
        return None

    @staticmethod
    def point(x: int, label: str) -> Point:
        return Point(x, label)

    @staticmethod
    def echo(point: Point) -> Point:
        return point
