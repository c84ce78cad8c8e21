package io.rmote;

import java.time.Duration;

/**
 * Hears what a connection does: its start-up, each call, its loss. Extend it and override what you
 * need (every method does nothing by default); this is how metrics and traces get timings without
 * parsing logs. Set one with {@link Remote.Builder#eventListener} or, for an instance per
 * connection, {@link Remote.Builder#eventListenerFactory}.
 *
 * <p>Methods run on rmote's threads or the caller's and must return quickly and not throw (an
 * exception is logged and ignored): {@link #connectStart} to {@link #connectEnd} on the thread that
 * connects, {@link #callStart} on the calling thread, {@link #callEnd} and {@link #callFailed} on
 * the thread that completes the call's future (never the connection's reader), {@link
 * #connectionLost} on the thread that noticed the loss. All times are wall-clock durations measured
 * with {@link System#nanoTime()}.
 *
 * <p>A start-up goes {@code connectStart, bootstrapSent, ready, connectEnd}, or ends with {@code
 * connectFailed}; each call goes {@code callStart}, then {@code callEnd} or {@code callFailed}.
 */
public abstract class EventListener {
  /** A listener that does nothing; the default. */
  public static final EventListener NONE = new EventListener() {};

  /** For subclasses, which override the events they want. */
  public EventListener() {}

  /** Makes the listener of each connection, given the connection's name. */
  @FunctionalInterface
  public interface Factory {
    /**
     * The listener of one connection.
     *
     * @param host the connection's name, as {@link Remote#name()} gives it
     * @return the listener; {@link EventListener#NONE} for none
     */
    EventListener create(String host);
  }

  /** The interpreter is about to be started. */
  public void connectStart(String host) {}

  /**
   * The runtime, {@code bytes} long, was written to the interpreter's stdin: compressed source, or
   * the bytecode of an earlier start of the same local interpreter (docs/protocol.md). A second
   * payload that the interpreter asks for (the source after bytecode it cannot run, or the zlib
   * form) is not reported.
   */
  public void bootstrapSent(String host, int bytes) {}

  /** The runtime wrote its ready line, {@code elapsed} after {@link #connectStart}. */
  public void ready(String host, String pythonVersion, Duration elapsed) {}

  /** The connection is open, {@code elapsed} after {@link #connectStart}. */
  public void connectEnd(String host, Duration elapsed) {}

  /** Opening the connection failed with {@code failure}, thrown next to the caller. */
  public void connectFailed(String host, RmoteException failure, Duration elapsed) {}

  /** A call of {@code tool.method} is about to be encoded and sent. */
  public void callStart(String host, String tool, String method) {}

  /** The call returned a value, {@code elapsed} after {@link #callStart}. */
  public void callEnd(String host, String tool, String method, Duration elapsed) {}

  /**
   * The call failed ({@link RmoteException}: raised remotely, timed out, connection lost) or was
   * cancelled ({@link java.util.concurrent.CancellationException}).
   */
  public void callFailed(
      String host, String tool, String method, RuntimeException failure, Duration elapsed) {}

  /**
   * The connection broke without {@link Remote#close()}: every pending call fails with {@code
   * failure}.
   */
  public void connectionLost(String host, RmoteException failure) {}

  /** {@link Remote#close()} finished: the remote has exited or was stopped. */
  public void connectionClosed(String host) {}
}
