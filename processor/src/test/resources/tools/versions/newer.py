from rmote.protocol import Tool
import dataclasses
from zoneinfo import ZoneInfo
import tomllib
import imp
try:
    import graphlib
except ImportError:
    graphlib = None


type Count = int


class Newer(Tool):
    @staticmethod
    def walrus(items: list) -> int:
        if (n := len(items)) > 1:
            return n
        return 0

    @staticmethod
    def positional(a: int, /, b: int) -> int:
        return a + b

    @staticmethod
    def matching(command: str) -> str:
        match command:
            case "go":
                return "going"
            case _:
                return "?"

    @staticmethod
    def union(x: int | None = None) -> str:
        return str(x)

    @staticmethod
    def quoted(x: "int | None" = None) -> "list[str]":
        return [str(x)]

    @staticmethod
    def generic(x: int) -> dict[str, int]:
        return {"x": x}

    @staticmethod
    def groups() -> None:
        try:
            pass
        except* ValueError:
            pass

    @staticmethod
    def debug(x: int) -> str:
        return f"{x=}"
