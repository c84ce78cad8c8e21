import dataclasses

from rmote.protocol import Tool


@dataclasses.dataclass
class Info:
    origin: str


class Helper(Tool):
    @staticmethod
    def which() -> Info:
        return Info("b")
