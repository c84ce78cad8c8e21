package io.rmote.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records every log event at DEBUG and above while open, to check what reached the logs. */
public final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Level before = root.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture() {
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.DEBUG);
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
    root.setLevel(before);
    root.detachAppender(appender);
  }
}
