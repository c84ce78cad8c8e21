import collections
import typing

from rmote.protocol import Tool

Point = collections.namedtuple("Point", ["x", "y"])


class Pair(typing.NamedTuple):
    left: int
    right: int = 0


class Points(Tool):
    @staticmethod
    def origin() -> Point:
        return Point(0, 0)

    @staticmethod
    def pair(p: Pair) -> Pair:
        return p
