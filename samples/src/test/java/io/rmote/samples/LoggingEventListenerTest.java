package io.rmote.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The sample listener's lines reach SLF4J (slf4j-simple here, which writes to {@code System.err}).
 */
class LoggingEventListenerTest {

  @Test
  void startUpAndCallsAreLogged() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      LoggingEventListener.main(new String[0]);
    } finally {
      System.setErr(err);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("rmote.events - ") && log.contains(": connecting"), log);
    assertTrue(log.matches("(?s).*Python 3\\.\\d+\\.\\d+.* ready after \\d+ ms.*"), log);
    assertTrue(log.contains("FileSystem.read_str took"), log);
  }
}
