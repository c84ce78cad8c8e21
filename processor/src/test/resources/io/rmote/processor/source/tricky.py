# -*- coding: utf-8 -*-
"""Forms a tool source may use, for the cross-check against Python's ast. Must parse on 3.8+."""
import collections
import enum, typing
from collections import namedtuple
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple, Union

Point = namedtuple("Point", "x y")
Pair = collections.namedtuple('Pair', ['left', 'right'], defaults=[None])
Spaced = namedtuple('Spaced', 'a, b,c')
Typed = typing.NamedTuple("Typed", [("name", str), ("size", Optional[int])])
Kw = NamedTuple("Kw", host=str, port=int)

TEMPLATE = """
class NotAClass:
    def nope(self): pass
"""


def helper(a, b=(1, 2), *c, d, **e):
    return f"{a!r:>{b}} {c['x'] if c else ''}"


class Signatures(object):
    """Every parameter form."""

    def positional_only(self, a, b=1, /, c=2, *, d, e=3):
        pass

    @staticmethod
    def defaults(a=lambda x, y=1: (x, y), b="a, b)", c={'k': [1, (2, 3)]},
                 d=r'\d+(,\d+)*', e=f'{1 + 1:>{4}}', f=b'\x00', g=-1.5e-3, h=not True,
                 i=[x for x in range(3) if x], j=0o644, k=..., l=None if True else 1):
        pass

    @classmethod
    def annotated(cls, a: int, b: "List[str]" = [], *args: Tuple[int, ...],
                  c: Callable[[int], str] = str, d: int | None = None,  # pep 604 is only text here
                  **kwargs: Dict[str, Any]) -> Optional["Signatures"]:
        return None

    async def coroutine(self, *, timeout: float = 1.5) -> None: await self.other()

    @property
    def prop(self) -> int: return 1

    @prop.setter
    def prop(self, value): pass

    def star_only(*, a): pass

    def star_args(*args, **kwargs): pass

    def trailing_comma(
        self,
        a,
        b=2,
    ): pass

    def nested_def(self):
        def inner(x=1):
            class InnerClass:
                pass
        return inner


@enum.unique
class Colour(enum.Enum):
    RED = 1; GREEN = 2
    BLUE = enum.auto()
    ALIAS = RED
    X = Y = 'same'
    _ignore_ = ['tmp']
    a, b = 1, 2
    RED.__doc__ = 'no'


class Data:
    name: str
    size: int = 0
    nested: 'Optional[Data]' = None
    table: Dict[str,
                int] = {}
    (skipped): int = 1
    self_ref: "Data.Inner"
    Inner = namedtuple('Inner', 'p q')

    class Inner2(NamedTuple):
        p: int
        q: str = (
            "implicit "
            "concatenation"
        )

    if True:
        hidden = 1
    else:
        def hidden_method(self): pass

    try:
        import json
    except ImportError:
        json = None


class Meta(type): pass
class WithMeta(Data, metaclass=Meta, extra=1): x = 1
class Empty: ...
class Tabs:
	def tab(self):
		pass
	CONSTANT = 'tab'


@dataclasses.dataclass(
    frozen=True,  # immutable
)
class Decorated(
    Data,
    # a comment between bases
    Empty,
):
    """Docstring."""
    value: int = dataclasses.field(default=0,
                                   metadata={'help': 'a (tricky) value, with commas'})

    def method(self) -> 'Decorated':
        s = '''
    def not_a_method(self):
        pass
'''
        t = (1,
  2)
        u = "x" \
            "y"
        return self


if __name__ == "__main__":
    class NotCollected:
        pass
    print(helper(1, d=2))
