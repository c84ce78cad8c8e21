"""rmote.support.logs: the remote's log records, forwarded to the controller as LOG frames.

A support module (docs/tools.md): the controller sends it with the first tool whose source
mentions logging, and the runtime then calls forward() before loading that tool."""
import logging
import time

# A burst of this many records, then this many a second; the rest are counted, and the count is
# sent as one record of the logger "rmote" (so a chatty tool cannot fill the pipe).
BURST = 1000
RATE = 500


def forward(send):
    """Sends every record of the root logger through send(logger name, levelno, message). The
    root logger keeps its level (Python's default is WARNING)."""

    class Forward(logging.Handler):
        tokens = BURST
        last = time.monotonic()
        dropped = 0

        def flush(self):
            with self.lock:
                if self.dropped:
                    text = "%d log records dropped: more than %d a second" % (self.dropped, RATE)
                    self.dropped = 0
                    send("rmote", logging.WARNING, text)

        def emit(self, record):  # under the handler's lock (Handler.handle)
            try:
                now = time.monotonic()
                self.tokens = min(BURST, self.tokens + (now - self.last) * RATE)
                self.last = now
                if self.tokens < 1:
                    self.dropped += 1
                    return
                self.tokens -= 1
                self.flush()
                message = record.getMessage()
                if record.exc_info:
                    import traceback
                    message += "\n" + "".join(traceback.format_exception(*record.exc_info))
                send(record.name, record.levelno, message)
            except BaseException:
                pass

    logging.getLogger().addHandler(Forward())
