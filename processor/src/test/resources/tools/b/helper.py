from rmote.protocol import Tool


class Helper(Tool):
    @staticmethod
    def which() -> str:
        return "b"

    @staticmethod
    def only_in_b(n: int) -> int:
        return n
