package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.rmote.testing.LogCapture;
import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Stray output on the remote cannot corrupt the protocol, and remote logging reaches SLF4J. */
class StdioAndLoggingTest {
  static final ToolDescriptor PROBE = RemoteCallTest.PROBE;

  private LogCapture logs;

  static List<Python> pythons() {
    return Pythons.all();
  }

  @BeforeEach
  void capture() {
    logs = new LogCapture("rmote.remote", Level.TRACE);
  }

  @AfterEach
  void release() {
    logs.close();
  }

  private void awaitEvent(Predicate<ILoggingEvent> p, String what) throws InterruptedException {
    logs.await(p, what, Duration.ofSeconds(30));
  }

  private void checkNoisyCall(Python python, String how, String expectedLine)
      throws InterruptedException {
    try (Remote remote = python.connect()) {
      assertEquals(how, remote.call(PROBE, "noisy", String.class, how));
      for (long i = 0; i < 10; i++) assertEquals(i, remote.call(PROBE, "echo", Long.class, i));
      awaitEvent(
          e ->
              e.getLoggerName().equals("rmote.remote.stderr")
                  && e.getFormattedMessage().equals(expectedLine),
          "'" + expectedLine + "' on rmote.remote.stderr");
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void printLeavesTheConnectionWorking(Python python) throws InterruptedException {
    checkNoisyCall(python, "print", "printed by a tool");
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void writingOnFd1LeavesTheConnectionWorking(Python python) throws InterruptedException {
    checkNoisyCall(python, "fd1", "written on fd 1");
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void writingOnFd2LeavesTheConnectionWorking(Python python) throws InterruptedException {
    checkNoisyCall(python, "fd2", "written on fd 2");
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aChildInheritingStdioLeavesTheConnectionWorking(Python python) throws InterruptedException {
    checkNoisyCall(python, "child", "child stdout");
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void remoteLogRecordsComeOutOfSlf4jAtTheirLevel(Python python) throws InterruptedException {
    try (Remote remote = python.connect()) {
      remote.call(PROBE, "set_log_level", Boolean.class, 20L); // Python's default is WARNING
      remote.call(PROBE, "log", Boolean.class, 40L, "an error");
      remote.call(PROBE, "log", Boolean.class, 30L, "a warning");
      remote.call(PROBE, "log", Boolean.class, 20L, "some info");
      awaitEvent(
          e ->
              e.getLoggerName().equals("rmote.remote.probe")
                  && e.getLevel() == Level.ERROR
                  && e.getFormattedMessage().equals("an error")
                  && python.label().equals(e.getMDCPropertyMap().get("rmote.host")),
          "ERROR 'an error' with the host in the MDC");
      awaitEvent(
          e -> e.getLevel() == Level.WARN && e.getFormattedMessage().equals("a warning"), "WARN");
      awaitEvent(
          e -> e.getLevel() == Level.INFO && e.getFormattedMessage().equals("some info"), "INFO");
      assertTrue(remote.isOpen());
    }
  }
}
