"""Calls that end the remote (exit_after_reply) and feed children (process with stdin data)."""
import time

from rmote.protocol import Tool, exit_after_reply, process


class Ending(Tool):
    @staticmethod
    def exit_now(code: int) -> None:
        exit_after_reply(code)

    @staticmethod
    def exit_late(code: int) -> None:
        # Long enough for the monitor to detach this call: the exit then runs off the reader.
        time.sleep(0.1)
        exit_after_reply(code)

    @staticmethod
    def slow(seconds: float, value: str) -> str:
        time.sleep(seconds)
        return value

    @staticmethod
    async def forever() -> None:
        import asyncio
        await asyncio.sleep(3600)

    @staticmethod
    def feed(data, text: bool = False):
        return process("cat", stdin=data, capture_output=True, text=text).stdout

    @staticmethod
    def feed_and_input(data: bytes):
        return process("cat", stdin=data, input=data, capture_output=True).stdout

    @staticmethod
    def escaped(data: bytes) -> bytes:
        """Python's surrogateescape text of data, as UTF-16BE code units (the wire's str would
        turn lone surrogates into U+FFFD on the Java side)."""
        return data.decode("utf-8", "surrogateescape").encode("utf-16-be", "surrogatepass")

    @staticmethod
    def chatter(count: int) -> None:
        """Logs `count` records as fast as it can, then exits (flushing the drop count)."""
        import logging
        log = logging.getLogger("chatter")
        for i in range(count):
            log.warning("record %d", i)
        exit_after_reply(0)
