from rmote.protocol import Tool


class Common(Tool):
    @staticmethod
    def version() -> str:
        return "1"

    @classmethod
    def name(cls) -> str:
        return cls.__name__


class Child(Common):
    @staticmethod
    def extra(n: int) -> int:
        return n + 1
