package io.rmote.tools;

import io.rmote.annotations.RemoteTool;

/**
 * The built-in {@code Logger} tool ({@code tools/logger.py}), typed: {@code
 * remote.tool(RemoteLogger.class)} sets the remote's log levels and emits records there. (Named
 * {@code RemoteLogger} in Java so that it never hides SLF4J's {@code Logger} in a file that uses
 * both; the Python class is {@code Logger}.)
 *
 * <p>Records of the remote's {@code logging} module, from this tool or from any tool's code, come
 * out of SLF4J on this side: logger {@code rmote.remote.} plus the Python logger's name ({@code
 * rmote.remote.root} for the root logger), the level mapped from Python's number ({@code CRITICAL}
 * and {@code ERROR} to error, {@code WARNING} to warn, {@code INFO} to info, {@code DEBUG} to
 * debug, below that trace), the message formatted on the remote with its traceback if any, and the
 * connection's name ({@link io.rmote.Remote#name()}) in the MDC under the key {@code rmote.host}.
 * Forwarding starts when a tool whose source uses {@code logging} is first loaded. The remote's
 * root logger keeps Python's default level, {@code WARNING}, so a chatty remote sends little unless
 * asked: {@link #setLogLevel(Level)} lowers it ({@code INFO}, {@code DEBUG}), for the root or for
 * one logger. The remote sends a burst of 1000 records, then 500 a second; it counts the others and
 * sends the count as one {@code WARNING} record of {@code rmote.remote.rmote}.
 *
 * <p>A call that fails carries the records it emitted on the remote (the last 50, at most 64 KiB of
 * text), never another call's: {@link io.rmote.RmoteException#remoteLog()}, also printed by {@code
 * printStackTrace} as suppressed {@link io.rmote.RemoteLogRecord}s.
 *
 * <p>How it differs from the Python library's {@code Logger}: the same two methods with the same
 * names and parameters, plus a {@code logger} keyword on both (a logger name instead of the root
 * logger) and {@link #getLogLevel()}. The level is typed here ({@link Level}); Python also takes a
 * level name in any case, as the library does.
 */
@RemoteTool(source = "tools/logger.py", name = "Logger", requiresPython = "3.6")
public interface RemoteLogger {

  /** Python's named log levels; each constant is the Python member of the same name. */
  enum Level {
    /** {@code logging.NOTSET} (0). */
    NOTSET,
    /** {@code logging.DEBUG} (10). */
    DEBUG,
    /** {@code logging.INFO} (20). */
    INFO,
    /** {@code logging.WARNING} (30). */
    WARNING,
    /** {@code logging.ERROR} (40). */
    ERROR,
    /** {@code logging.CRITICAL} (50). */
    CRITICAL
  }

  /**
   * Sets the remote's root logger to {@code level}: Python {@code Logger.set_log_level(level)}.
   * Records below it are dropped on the remote and never cross the connection. The level starts at
   * {@code WARNING}, Python's default.
   */
  void setLogLevel(Level level);

  /**
   * Sets the remote logger named {@code logger} ({@code null}: the root logger) to {@code level}:
   * Python {@code Logger.set_log_level(level, logger=logger)}.
   */
  void setLogLevel(Level level, String logger);

  /** The root logger's effective level on the remote: Python {@code Logger.get_log_level()}. */
  Level getLogLevel();

  /**
   * The effective level of the remote logger named {@code logger} ({@code null}: the root logger);
   * a level between two named ones reads as the lower one.
   */
  Level getLogLevel(String logger);

  /**
   * Emits a record on the remote's root logger: Python {@code Logger.log(level, message, *args)},
   * the message formatted there as {@code message % args}. It reaches SLF4J as {@code
   * rmote.remote.root} if the remote's level lets it through.
   *
   * @throws io.rmote.python.TypeError if {@code args} do not fit the {@code %} placeholders
   */
  void log(Level level, String message, String... args);
}
