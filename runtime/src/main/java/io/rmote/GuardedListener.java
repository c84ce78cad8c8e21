package io.rmote;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the user's {@link EventListener} so that an exception it throws is logged, never passed on
 * to rmote's threads.
 */
final class GuardedListener extends EventListener {
  private final EventListener user;

  GuardedListener(EventListener user) {
    this.user = user;
  }

  private void guard(String event, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      Log.LOG.warn("the event listener's {} threw", event, e);
    }
  }

  @Override
  public void connectStart(String host) {
    guard("connectStart", () -> user.connectStart(host));
  }

  @Override
  public void bootstrapSent(String host, int bytes) {
    guard("bootstrapSent", () -> user.bootstrapSent(host, bytes));
  }

  @Override
  public void ready(String host, String pythonVersion, Duration elapsed) {
    guard("ready", () -> user.ready(host, pythonVersion, elapsed));
  }

  @Override
  public void connectEnd(String host, Duration elapsed) {
    guard("connectEnd", () -> user.connectEnd(host, elapsed));
  }

  @Override
  public void connectFailed(String host, RmoteException failure, Duration elapsed) {
    guard("connectFailed", () -> user.connectFailed(host, failure, elapsed));
  }

  @Override
  public void callStart(String host, String tool, String method) {
    guard("callStart", () -> user.callStart(host, tool, method));
  }

  @Override
  public void callEnd(String host, String tool, String method, Duration elapsed) {
    guard("callEnd", () -> user.callEnd(host, tool, method, elapsed));
  }

  @Override
  public void callFailed(
      String host, String tool, String method, RuntimeException failure, Duration elapsed) {
    guard("callFailed", () -> user.callFailed(host, tool, method, failure, elapsed));
  }

  @Override
  public void connectionLost(String host, RmoteException failure) {
    guard("connectionLost", () -> user.connectionLost(host, failure));
  }

  @Override
  public void connectionClosed(String host) {
    guard("connectionClosed", () -> user.connectionClosed(host));
  }

  /** Looked up on first use: most listeners never throw, and the lookup costs a fresh JVM. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(EventListener.class);
  }
}
