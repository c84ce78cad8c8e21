from rmote.protocol import Tool


class Broken(Tool):
    @staticmethod
    def f(:
        return 1
