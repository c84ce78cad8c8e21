"""A tool whose calls raise its own exception classes."""
import json
import subprocess

from rmote.protocol import Tool


class Busy(subprocess.CalledProcessError):
    """Refused: processes hold it."""

    def __init__(self, returncode, cmd, pids):
        super(Busy, self).__init__(returncode, cmd)
        self.pids = pids
        self.holder = "sleep"


class QuotaError(ValueError):
    def __init__(self, message, limit):
        super(QuotaError, self).__init__(message)
        self.limit = limit


class HardQuota(QuotaError):
    pass


class Garbled(json.JSONDecodeError):
    pass


class Failing(Tool):
    @staticmethod
    def busy() -> None:
        raise Busy(8, ["usermod", "x"], [11, 12])

    @staticmethod
    def quota(hard: bool) -> None:
        if hard:
            raise HardQuota("over the hard quota", 5)
        raise QuotaError("over the quota", 3)

    @staticmethod
    def plain() -> None:
        raise ValueError("plain")
