"""Calls that log and then fail or succeed, for FailedCallLogTest."""
import asyncio
import logging
import threading

from rmote.protocol import Tool

_log = logging.getLogger("diary")
_log.warning("loaded")  # at SYNC, outside any call
_events = {}
_events_lock = threading.Lock()


def _event(name):
    with _events_lock:
        return _events.setdefault(name, threading.Event())


class Diary(Tool):
    @staticmethod
    def fail_after(messages):
        for m in messages:
            _log.warning(m)
        raise ValueError("failed after %d records" % len(messages))

    @staticmethod
    def succeed_after(messages):
        for m in messages:
            _log.warning(m)
        return len(messages)

    @staticmethod
    def fail_after_many(count, size):
        """Logs `count` records of `size` characters, numbered ("00042 xxx..."), then fails."""
        for i in range(count):
            _log.warning("%05d %s", i, "x" * max(0, size - 6))
        raise ValueError("failed after %d records" % count)

    @staticmethod
    def interleave(prefix, wait_for, then_set, fail):
        """Logs `prefix` 1, sets event `then_set`, waits for event `wait_for` (the other call's
        first record), logs `prefix` 2, then fails or returns; two such calls interleave."""
        _log.warning("%s 1", prefix)
        _event(then_set).set()
        if not _event(wait_for).wait(20):
            raise RuntimeError("the other call never logged")
        _log.warning("%s 2", prefix)
        if fail:
            raise ValueError(prefix)
        return prefix

    @staticmethod
    async def interleave_async(prefix, wait_for, then_set, fail):
        """interleave(), as a coroutine on the runtime's event loop."""
        _log.warning("%s 1", prefix)
        _event(then_set).set()
        for _ in range(2000):
            if _event(wait_for).is_set():
                break
            await asyncio.sleep(0.01)
        _log.warning("%s 2", prefix)
        if fail:
            raise ValueError(prefix)
        return prefix

    @staticmethod
    def fail_after_a_thread_logs():
        """A thread the call starts logs, outside any call; then the call logs and fails."""
        t = threading.Thread(target=lambda: _log.warning("from a thread of the call"))
        t.start()
        t.join()
        _log.warning("from the call")
        raise ValueError("failed")
