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

  /*
   * A try per event, not one guard taking a lambda: a lambda would be allocated on every call's
   * path, and in a fresh JVM each of the ten would be a class spun at its first event.
   */
  private static void threw(String event, RuntimeException e) {
    Log.LOG.warn("the event listener's {} threw", event, e);
  }

  @Override
  public void connectStart(String host) {
    try {
      user.connectStart(host);
    } catch (RuntimeException e) {
      threw("connectStart", e);
    }
  }

  @Override
  public void bootstrapSent(String host, int bytes) {
    try {
      user.bootstrapSent(host, bytes);
    } catch (RuntimeException e) {
      threw("bootstrapSent", e);
    }
  }

  @Override
  public void ready(String host, String pythonVersion, Duration elapsed) {
    try {
      user.ready(host, pythonVersion, elapsed);
    } catch (RuntimeException e) {
      threw("ready", e);
    }
  }

  @Override
  public void connectEnd(String host, Duration elapsed) {
    try {
      user.connectEnd(host, elapsed);
    } catch (RuntimeException e) {
      threw("connectEnd", e);
    }
  }

  @Override
  public void connectFailed(String host, RmoteException failure, Duration elapsed) {
    try {
      user.connectFailed(host, failure, elapsed);
    } catch (RuntimeException e) {
      threw("connectFailed", e);
    }
  }

  @Override
  public void callStart(String host, String tool, String method) {
    try {
      user.callStart(host, tool, method);
    } catch (RuntimeException e) {
      threw("callStart", e);
    }
  }

  @Override
  public void callEnd(String host, String tool, String method, Duration elapsed) {
    try {
      user.callEnd(host, tool, method, elapsed);
    } catch (RuntimeException e) {
      threw("callEnd", e);
    }
  }

  @Override
  public void callFailed(
      String host, String tool, String method, RuntimeException failure, Duration elapsed) {
    try {
      user.callFailed(host, tool, method, failure, elapsed);
    } catch (RuntimeException e) {
      threw("callFailed", e);
    }
  }

  @Override
  public void connectionLost(String host, RmoteException failure) {
    try {
      user.connectionLost(host, failure);
    } catch (RuntimeException e) {
      threw("connectionLost", e);
    }
  }

  @Override
  public void connectionClosed(String host) {
    try {
      user.connectionClosed(host);
    } catch (RuntimeException e) {
      threw("connectionClosed", e);
    }
  }

  /** Looked up on first use: most listeners never throw, and the lookup costs a fresh JVM. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(EventListener.class);
  }
}
