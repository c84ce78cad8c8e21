package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.rmote.Become;
import io.rmote.ConnectionLostException;
import io.rmote.Remote;
import io.rmote.RmoteException;
import io.rmote.ToolDescriptor;
import io.rmote.testing.LogCapture;
import io.rmote.testing.SshServer;
import io.rmote.testing.TestHosts;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Over SSH the remote's stderr is pushed by JSch's session thread instead of drained by a thread of
 * ours: it still reaches the log, the connection's stderr tail and the failure messages.
 */
class SshStderrTest {
  static final ToolDescriptor PROBE =
      ToolDescriptor.fromResource(SshStderrTest.class, "tools/probe.py", "Probe");

  static SshServer server;

  private LogCapture logs;

  @BeforeAll
  static void startServer() {
    server = SshServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) server.close();
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

  private static List<String> stderrThreads(Remote remote) {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> n.startsWith("rmote-stderr-") && n.endsWith(remote.name()))
        .collect(Collectors.toList());
  }

  @Test
  void stderrIsLoggedWithTheHostAndNeedsNoThreadOfOurs() throws Exception {
    try (Remote remote = Remote.builder().ssh(server.client().build()).connect()) {
      assertEquals("fd2", remote.call(PROBE, "noisy", String.class, "fd2"));
      assertEquals("child", remote.call(PROBE, "noisy", String.class, "child"));
      awaitEvent(
          e ->
              e.getLoggerName().equals("rmote.remote.stderr")
                  && e.getFormattedMessage().equals("written on fd 2")
                  && remote.name().equals(e.getMDCPropertyMap().get("rmote.host")),
          "'written on fd 2' on rmote.remote.stderr with the host in the MDC");
      awaitEvent(
          e ->
              e.getLoggerName().equals("rmote.remote.stderr")
                  && e.getFormattedMessage().equals("child stderr"),
          "a child's stderr");
      assertEquals(List.of(), stderrThreads(remote));
      assertTrue(remote.isOpen());
    }
  }

  @Test
  void theLastStderrLinesAreInTheMessageOfALostConnection() {
    try (Remote remote = Remote.builder().ssh(server.client().build()).connect()) {
      remote.call(PROBE, "noisy", String.class, "fd2");
      RmoteException e =
          assertThrows(RmoteException.class, () -> remote.call(PROBE, "die", Object.class));
      assertInstanceOf(ConnectionLostException.class, e);
      assertTrue(e.getMessage().contains("last stderr: written on fd 2"), e.getMessage());
    }
  }

  /**
   * As root, sudo and su switch without a prompt: the handshake's stderr is pushed too, and so is
   * the interpreter's afterwards. (The prompt over a pushing transport: BecomePushedStderrTest.)
   */
  @Test
  void becomeOverSshPassesStderrOnWithoutAThread() {
    TestHosts.assumeSudo();
    for (Become become : List.of(Become.sudo(), Become.su())) {
      try (Remote remote =
          Remote.builder()
              .ssh(server.client().build())
              .python("/usr/bin/python3")
              .become(become)
              .connect()) {
        remote.call(PROBE, "noisy", String.class, "fd2");
        List<String> ours =
            Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(n -> n.startsWith("rmote-") && n.endsWith(remote.name()))
                .filter(n -> !n.startsWith("rmote-reader-"))
                .collect(Collectors.toList());
        assertEquals(List.of(), ours, become.toString());
        RmoteException e =
            assertThrows(RmoteException.class, () -> remote.call(PROBE, "die", Object.class));
        assertTrue(e.getMessage().contains("last stderr: written on fd 2"), e.getMessage());
      }
    }
  }

  @Test
  void aFloodOfStderrLeavesTheConnectionWorking() {
    try (Remote remote = Remote.builder().ssh(server.client().build()).connect()) {
      assertEquals(8L, remote.call(PROBE, "flood_stderr", Long.class, 8L));
      assertEquals("x", remote.call(PROBE, "echo", String.class, "x"));
    }
  }
}
