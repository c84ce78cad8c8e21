from rmote.protocol import Tool


class Broken(Tool):
    x = 1
        y = 2
