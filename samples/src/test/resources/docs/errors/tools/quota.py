"""A tool whose calls raise exception classes of its own (the tool-exception examples)."""
import json

from rmote.protocol import Tool


# [quota]
class QuotaExceeded(ValueError):
    def __init__(self, message, limit):
        super(QuotaExceeded, self).__init__(message)
        self.limit = limit


class Garbled(json.JSONDecodeError):
    pass


class Quota(Tool):
    @staticmethod
    def reserve(size: int) -> None:
        raise QuotaExceeded("over the quota", size)
# [/quota]
