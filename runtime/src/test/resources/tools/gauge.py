"""Counts how many of its calls run on the remote at once."""
import threading
import time

from rmote.protocol import Tool

_lock = threading.Lock()
_running = [0, 0]  # now, most seen


class Gauge(Tool):
    @staticmethod
    def hold(seconds: float) -> int:
        with _lock:
            _running[0] += 1
            _running[1] = max(_running[1], _running[0])
        try:
            time.sleep(seconds)
        finally:
            with _lock:
                _running[0] -= 1
        return _running[1]

    @staticmethod
    def most() -> int:
        return _running[1]
