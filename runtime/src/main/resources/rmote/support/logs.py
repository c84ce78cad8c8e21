"""rmote.support.logs: the remote's log records, forwarded to the controller as LOG frames.

A support module (docs/tools.md): the controller sends it with the first tool whose source
mentions logging, and the runtime then calls forward() before loading that tool."""
import logging
import time

# A burst of this many records, then this many a second; the rest are counted, and the count is
# sent as one record of the logger "rmote" (so a chatty tool cannot fill the pipe).
BURST = 1000
RATE = 500


def forward(send, call_id):
    """Sends every record of the root logger through send(call, record, message): `call` is
    call_id() in the emitting thread, the id of the call it serves (0 outside any call). The
    root logger keeps its level (Python's default is WARNING). Returns the handler: its flush()
    sends the counts of dropped records, one record per call that lost some."""

    class Forward(logging.Handler):
        tokens = BURST
        last = time.monotonic()
        dropped = {}  # call id: records dropped

        def flush(self):
            with self.lock:
                dropped, self.dropped = self.dropped, {}
                for call, count in sorted(dropped.items()):
                    text = "%d log records dropped: more than %d a second" % (count, RATE)
                    send(call, logging.makeLogRecord(
                        {"name": "rmote", "levelno": logging.WARNING, "levelname": "WARNING"}), text)

        def emit(self, record):  # under the handler's lock (Handler.handle)
            try:
                call = call_id()
                now = time.monotonic()
                self.tokens = min(BURST, self.tokens + (now - self.last) * RATE)
                self.last = now
                if self.tokens < 1:
                    self.dropped[call] = self.dropped.get(call, 0) + 1
                    return
                self.tokens -= 1
                if self.dropped:
                    self.flush()
                message = record.getMessage()
                if record.exc_info:
                    import traceback
                    message += "\n" + "".join(traceback.format_exception(*record.exc_info))
                send(call, record, message)
            except BaseException:
                pass

    handler = Forward()
    logging.getLogger().addHandler(handler)
    return handler
