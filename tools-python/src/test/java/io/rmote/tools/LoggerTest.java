package io.rmote.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.rmote.Call;
import io.rmote.Remote;
import io.rmote.python.ValueError;
import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import io.rmote.tools.RemoteLogger.Level;
import io.rmote.wire.Codecs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** The built-in Logger tool on every Python the tests have; records reach SLF4J with the host. */
class LoggerTest {
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private final Logger remoteLoggers = (Logger) LoggerFactory.getLogger("rmote.remote");

  static List<Python> pythons() {
    return Pythons.all();
  }

  @BeforeEach
  void capture() {
    events.start();
    remoteLoggers.addAppender(events);
    remoteLoggers.setLevel(ch.qos.logback.classic.Level.TRACE);
  }

  @AfterEach
  void release() {
    remoteLoggers.detachAppender(events);
    remoteLoggers.setLevel(null);
  }

  private List<ILoggingEvent> seen() {
    synchronized (events) {
      return new ArrayList<>(events.list);
    }
  }

  /** Waits for an event: LOG frames are read on the connection's reader thread. */
  private ILoggingEvent await(Predicate<ILoggingEvent> p, String what) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      for (ILoggingEvent e : seen()) if (p.test(e)) return e;
      Thread.sleep(10);
    }
    throw new AssertionError("no log event " + what + " in " + seen());
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void recordsReachSlf4jWithTheHostInTheMdc(Python python) throws Exception {
    try (Remote remote = python.connect()) {
      RemoteLogger logger = remote.tool(RemoteLogger.class);
      logger.setLogLevel(Level.DEBUG);
      assertEquals(Level.DEBUG, logger.getLogLevel());
      logger.log(Level.DEBUG, "hello %s from %s", "world", "python");
      ILoggingEvent e = await(x -> x.getFormattedMessage().equals("hello world from python"), "");
      assertEquals("rmote.remote.root", e.getLoggerName());
      assertEquals(ch.qos.logback.classic.Level.DEBUG, e.getLevel());
      assertEquals(remote.name(), e.getMDCPropertyMap().get("rmote.host"));

      logger.log(Level.CRITICAL, "critical");
      assertEquals(
          ch.qos.logback.classic.Level.ERROR,
          await(x -> x.getFormattedMessage().equals("critical"), "critical").getLevel());
    }
  }

  /** A record below the remote's level never crosses; levels are per logger name. */
  @ParameterizedTest
  @MethodSource("pythons")
  void theRemoteLevelFiltersAtTheSource(Python python) throws Exception {
    try (Remote remote = python.connect()) {
      RemoteLogger logger = remote.tool(RemoteLogger.class);
      logger.setLogLevel(Level.ERROR);
      assertEquals(Level.ERROR, logger.getLogLevel());
      logger.log(Level.WARNING, "dropped");
      logger.log(Level.ERROR, "kept");
      await(x -> x.getFormattedMessage().equals("kept"), "kept");
      // Frames arrive in order: "dropped" would have come before "kept".
      assertFalse(seen().stream().anyMatch(x -> x.getFormattedMessage().equals("dropped")));

      logger.setLogLevel(Level.INFO, "app.db");
      assertEquals(Level.INFO, logger.getLogLevel("app.db"));
      assertEquals(Level.INFO, logger.getLogLevel("app.db.pool"));
      assertEquals(Level.ERROR, logger.getLogLevel("app"));
    }
  }

  /**
   * The Python library's calls by name: a level name in any case; an unknown name raises ValueError
   * (its own test). A record on a named logger comes out under that name.
   */
  @ParameterizedTest
  @MethodSource("pythons")
  void answersThePythonLibrarysCallsByName(Python python) throws Exception {
    try (Remote remote = python.connect()) {
      remote.call(BuiltinTools.LOGGER, "set_log_level", Void.class, "info");
      remote.call(
          Call.of(BuiltinTools.LOGGER, "log", Codecs.ANY)
              .args("Warning", "%d%% done", 50)
              .kwarg("logger", "app.jobs"));
      ILoggingEvent e = await(x -> x.getFormattedMessage().equals("50% done"), "50% done");
      assertEquals("rmote.remote.app.jobs", e.getLoggerName());
      ValueError bad =
          assertThrows(
              ValueError.class,
              () -> remote.call(BuiltinTools.LOGGER, "set_log_level", Void.class, "LOUD"));
      assertTrue(bad.getMessage().contains("LOUD"), bad.getMessage());
    }
  }
}
