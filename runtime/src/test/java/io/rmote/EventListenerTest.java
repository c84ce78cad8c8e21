package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.python.ValueError;
import io.rmote.wire.Codecs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The events a connection reports, in order, each once. */
class EventListenerTest {
  static final ToolDescriptor PROBE = RemoteCallTest.PROBE;

  /** Writes each event as a word, checking that times are not negative. */
  static final class Recorder extends EventListener {
    final List<String> events = new ArrayList<>();

    private synchronized void add(String event, Duration elapsed) {
      if (elapsed != null) assertFalse(elapsed.isNegative(), event);
      events.add(event);
    }

    synchronized List<String> events() {
      return new ArrayList<>(events);
    }

    @Override
    public void connectStart(String host) {
      add("connectStart", null);
    }

    @Override
    public void bootstrapSent(String host, int bytes) {
      add("bootstrapSent", bytes > 0 ? null : Duration.ofNanos(-1));
    }

    @Override
    public void ready(String host, String pythonVersion, Duration elapsed) {
      add("ready " + pythonVersion.charAt(0), elapsed);
    }

    @Override
    public void connectEnd(String host, Duration elapsed) {
      add("connectEnd", elapsed);
    }

    @Override
    public void connectFailed(String host, RmoteException failure, Duration elapsed) {
      add("connectFailed", elapsed);
    }

    @Override
    public void callStart(String host, String tool, String method) {
      add("callStart " + method, null);
    }

    @Override
    public void callEnd(String host, String tool, String method, Duration elapsed) {
      add("callEnd " + method, elapsed);
    }

    @Override
    public void callFailed(
        String host, String tool, String method, RuntimeException failure, Duration elapsed) {
      add("callFailed " + method + " " + failure.getClass().getSimpleName(), elapsed);
    }

    @Override
    public void connectionLost(String host, RmoteException failure) {
      add("connectionLost", null);
    }

    @Override
    public void connectionClosed(String host) {
      add("connectionClosed", null);
    }
  }

  @Test
  void aConnectionsLifeInOrder() {
    Recorder r = new Recorder();
    try (Remote remote = Remote.builder().eventListener(r).connect()) {
      assertEquals(List.of("connectStart", "bootstrapSent", "ready 3", "connectEnd"), r.events());
      remote.call(PROBE, "echo", Codecs.STRING, "x");
      assertThrows(ValueError.class, () -> remote.call(PROBE, "raise_named", Codecs.VOID, "value"));
    }
    assertEquals(
        List.of(
            "connectStart",
            "bootstrapSent",
            "ready 3",
            "connectEnd",
            "callStart echo",
            "callEnd echo",
            "callStart raise_named",
            "callFailed raise_named ValueError",
            "connectionClosed"),
        r.events());
  }

  @Test
  void aCancelledCallAndALostConnection() throws Exception {
    Recorder r = new Recorder();
    try (Remote remote = Remote.builder().eventListenerFactory(host -> r).connect()) {
      CompletableFuture<Void> slow = remote.callAsync(PROBE, "sleep", Codecs.VOID, 300);
      slow.cancel(true);
      assertThrows(CancellationException.class, slow::join);
      assertThrows(ConnectionLostException.class, () -> remote.call(PROBE, "die", Codecs.VOID));
      List<String> events = r.events();
      assertEquals(
          List.of("callStart sleep", "callFailed sleep CancellationException", "callStart die"),
          events.subList(4, 7));
      assertTrue(events.contains("connectionLost"), events.toString());
      assertTrue(events.contains("callFailed die ConnectionLostException"), events.toString());
    }
    List<String> events = r.events();
    assertEquals("connectionClosed", events.get(events.size() - 1));
  }

  @Test
  void aFailedStartIsReported() {
    Recorder r = new Recorder();
    assertThrows(
        BootstrapException.class,
        () -> Remote.builder().command("/nonexistent/python3").eventListener(r).connect());
    List<String> events = r.events();
    assertEquals("connectStart", events.get(0));
    assertEquals("connectFailed", events.get(events.size() - 1));
    assertFalse(events.contains("connectEnd"));
  }

  @Test
  void aThrowingListenerDoesNotBreakTheConnection() {
    EventListener broken =
        new EventListener() {
          @Override
          public void callEnd(String host, String tool, String method, Duration elapsed) {
            throw new IllegalStateException("listener bug");
          }
        };
    try (Remote remote = Remote.builder().eventListener(broken).connect()) {
      assertEquals("y", remote.call(PROBE, "echo", Codecs.STRING, "y"));
      assertEquals("z", remote.call(PROBE, "echo", Codecs.STRING, "z"));
    }
  }
}
