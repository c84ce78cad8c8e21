package io.rmote;

import java.time.Instant;

/**
 * One log record that the remote's Python {@code logging} emitted while a call ran, kept with the
 * exception that call failed with: {@link RmoteException#remoteLog()} lists them, oldest first, and
 * they are that exception's {@linkplain Throwable#getSuppressed() suppressed} throwables, so {@code
 * printStackTrace} prints each as one line. It has no stack trace and is never thrown; the record
 * also reached SLF4J as it arrived (docs/tools/logger.md). Immutable.
 */
public final class RemoteLogRecord extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int level;
  private final String logger;
  private final String message;
  private final Instant time;
  private final String thread;

  RemoteLogRecord(int level, String logger, String message, Instant time, String thread) {
    super(null, null, false, false);
    this.level = level;
    this.logger = logger;
    this.message = message;
    this.time = time;
    this.thread = thread;
  }

  /** Python's level number: 10 DEBUG, 20 INFO, 30 WARNING, 40 ERROR, 50 CRITICAL. */
  public int level() {
    return level;
  }

  /**
   * Python's name of {@link #level()} ({@code "WARNING"}), {@code "Level n"} for another number.
   */
  public String levelName() {
    switch (level) {
      case 0:
        return "NOTSET";
      case 10:
        return "DEBUG";
      case 20:
        return "INFO";
      case 30:
        return "WARNING";
      case 40:
        return "ERROR";
      case 50:
        return "CRITICAL";
      default:
        return "Level " + level;
    }
  }

  /** The Python logger's name, {@code "root"} for the root logger. */
  public String logger() {
    return logger;
  }

  /**
   * The record's text as Python formats it ({@code msg % args}), followed by the traceback when the
   * record carries an exception. A text over 64 Ki characters is cut there, and says so.
   */
  public String message() {
    return message;
  }

  /** When the record was made, by the remote's clock (Python's {@code LogRecord.created}). */
  public Instant time() {
    return time;
  }

  /**
   * The name of the remote thread that emitted it (Python's {@code threadName}), empty if the
   * remote does not record thread names.
   */
  public String thread() {
    return thread;
  }

  /** One line: level, logger, thread, time, then the text. */
  @Override
  public String getMessage() {
    return levelName() + " " + logger + " [" + thread + "] " + time + ": " + message;
  }
}
