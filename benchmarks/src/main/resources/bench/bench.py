from rmote.protocol import Tool


class Bench(Tool):
    @staticmethod
    def noop():
        return None

    @staticmethod
    def blob(size):
        return bytes(size)
