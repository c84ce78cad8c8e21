from rmote.protocol import Tool


class Bench(Tool):
    @staticmethod
    def noop():
        return None

    @staticmethod
    def blob(size):
        return bytes(size)

    @staticmethod
    def read(path):
        with open(path, "rb") as f:
            return f.read()

    @staticmethod
    def pid():
        import os
        return os.getpid()
