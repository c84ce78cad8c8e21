from rmote.protocol import Tool


class Lines(Tool):
    @staticmethod
    def first(path: str) -> str:
        with open(path) as f:
            if (line := f.readline()):
                return line
        return ""
