"""Quit: end the remote process cleanly, with an answer."""
from rmote.protocol import Tool, exit_after_reply


class Quit(Tool):
    """Ends the remote process.

    The Python library's `Quit.exit` calls sys.exit inside its event loop: the loop dies before
    it answers, and the caller sees a lost connection. Ours answers first."""

    @staticmethod
    def exit(code: int = 0) -> None:
        """Exit the remote with `code` once this call is answered and the calls under way have
        finished; log records are flushed first."""
        exit_after_reply(code)
