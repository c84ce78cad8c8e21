from rmote.protocol import Tool


class WithInit(Tool):
    def __init__(self):
        self.x = 1

    @staticmethod
    def f():
        return 1
