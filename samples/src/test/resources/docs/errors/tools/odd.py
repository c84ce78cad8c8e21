from rmote.protocol import Tool


# [stateful]
class Stateful(Tool):
    def __init__(self):
        self.calls = 0
# [/stateful]


# [counter]
class Counter(Tool):
    def increment(self) -> int:
        return 1
# [/counter]


# [joiner]
class Joiner(Tool):
    @staticmethod
    def join(sep: str = ",", *parts: str) -> str:
        return sep.join(parts)
# [/joiner]


# [untyped]
class Untyped(Tool):
    @staticmethod
    def echo(x) -> str:
        return str(x)

    @staticmethod
    def ping(x: str):
        return x
# [/untyped]


# [garbled]
class Garbled(Tool):
    @staticmethod
    def size(path: "str +") -> int:
        return 0
# [/garbled]
