import imp

from rmote.protocol import Tool


class Loader(Tool):
    @staticmethod
    def suffixes() -> list:
        return [s for s, _, _ in imp.get_suffixes()]
