"""Logger: the remote's log levels, and log records emitted there.

Records of the remote's `logging` reach the controller as LOG frames; the Java side logs them
through SLF4J under `rmote.remote.<logger name>`, and attaches a failed call's records to its
exception. The root logger keeps Python's default level, WARNING, until set_log_level lowers it."""
import enum
import logging
from typing import Optional, Union

from rmote.protocol import Tool


class Level(enum.Enum):
    """Python's level names; the values are logging's numbers."""
    NOTSET = logging.NOTSET
    DEBUG = logging.DEBUG
    INFO = logging.INFO
    WARNING = logging.WARNING
    ERROR = logging.ERROR
    CRITICAL = logging.CRITICAL


def _level(level):
    name = level.name if isinstance(level, Level) else str(level).upper()
    if name not in Level.__members__:
        raise ValueError("Invalid log level: %s" % (level,))
    return Level[name].value


class Logger(Tool):
    """Control logging on the remote side; records are forwarded to the controller."""

    @staticmethod
    def set_log_level(level: Union[str, Level], logger: Optional[str] = None) -> None:
        """Set the level of the root logger (or of `logger`, by name). `level` is one of NOTSET,
        DEBUG, INFO, WARNING, ERROR, CRITICAL, in any case; anything else raises ValueError."""
        logging.getLogger(logger).setLevel(_level(level))

    @staticmethod
    def get_log_level(logger: Optional[str] = None) -> Level:
        """The effective level of the root logger (or of `logger`): the named level at or below
        it."""
        number = logging.getLogger(logger).getEffectiveLevel()
        best = Level.NOTSET
        for member in Level:
            if member.value <= number:
                best = member
        return best

    @staticmethod
    def log(level: Union[str, Level], message: str, *args: str, logger: Optional[str] = None) -> None:
        """Emit a record on the root logger (or on `logger`): `message % args`, as logging does."""
        logging.getLogger(logger).log(_level(level), message, *args)
