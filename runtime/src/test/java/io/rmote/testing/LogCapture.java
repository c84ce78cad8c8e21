package io.rmote.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Records every log event of a logger and its children while open, to check what reached the logs:
 * by default the root logger at DEBUG and above.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger target;
  private final Level before;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture() {
    this(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.DEBUG);
  }

  /** Records {@code logger}'s events (and its children's) at {@code level} and above. */
  public LogCapture(String logger, Level level) {
    target = (Logger) LoggerFactory.getLogger(logger);
    before = target.getLevel();
    appender.start();
    target.addAppender(appender);
    target.setLevel(level);
  }

  /**
   * Waits up to {@code timeout} for an event that {@code p} accepts; fails naming {@code what} and
   * the events seen otherwise.
   */
  public void await(Predicate<ILoggingEvent> p, String what, Duration timeout)
      throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < until) {
      synchronized (appender) { // the appender appends under its own lock
        if (appender.list.stream().anyMatch(p)) return;
      }
      Thread.sleep(20);
    }
    synchronized (appender) {
      throw new AssertionError("no log event " + what + " in " + appender.list);
    }
  }

  /** Every message so far, formatted, with its throwable's messages. */
  public synchronized List<String> lines() {
    List<String> l = new ArrayList<>();
    for (ILoggingEvent e : new ArrayList<>(appender.list)) {
      StringBuilder s =
          new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
      for (var t = e.getThrowableProxy(); t != null; t = t.getCause())
        s.append(" | ").append(t.getMessage());
      l.add(s.toString());
    }
    return l;
  }

  @Override
  public void close() {
    target.setLevel(before);
    target.detachAppender(appender);
  }
}
