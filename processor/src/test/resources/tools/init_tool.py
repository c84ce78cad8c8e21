from rmote.protocol import Tool


class Base(Tool):
    def __init__(self):
        self.x = 1


class InitTool(Base):
    @staticmethod
    def ping() -> str:
        return "pong"
