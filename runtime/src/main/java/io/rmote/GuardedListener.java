package io.rmote;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the user's {@link EventListener} so that an exception it throws is logged, never passed on
 * to rmote's threads.
 */
final class GuardedListener extends EventListener {
  private static final Logger LOG = LoggerFactory.getLogger(EventListener.class);

  private final EventListener user;

  GuardedListener(EventListener user) {
    this.user = user;
  }

  // A try in each method rather than one helper taking a lambda: each lambda is a class the JVM
  // spins on first use, seven of them on a fresh JVM's first connect and call.
  private static void warn(String event, RuntimeException e) {
    LOG.warn("the event listener's {} threw", event, e);
  }

  @Override
  public void connectStart(String host) {
    try {
      user.connectStart(host);
    } catch (RuntimeException e) {
      warn("connectStart", e);
    }
  }

  @Override
  public void bootstrapSent(String host, int bytes) {
    try {
      user.bootstrapSent(host, bytes);
    } catch (RuntimeException e) {
      warn("bootstrapSent", e);
    }
  }

  @Override
  public void ready(String host, String pythonVersion, Duration elapsed) {
    try {
      user.ready(host, pythonVersion, elapsed);
    } catch (RuntimeException e) {
      warn("ready", e);
    }
  }

  @Override
  public void connectEnd(String host, Duration elapsed) {
    try {
      user.connectEnd(host, elapsed);
    } catch (RuntimeException e) {
      warn("connectEnd", e);
    }
  }

  @Override
  public void connectFailed(String host, RmoteException failure, Duration elapsed) {
    try {
      user.connectFailed(host, failure, elapsed);
    } catch (RuntimeException e) {
      warn("connectFailed", e);
    }
  }

  @Override
  public void callStart(String host, String tool, String method) {
    try {
      user.callStart(host, tool, method);
    } catch (RuntimeException e) {
      warn("callStart", e);
    }
  }

  @Override
  public void callEnd(String host, String tool, String method, Duration elapsed) {
    try {
      user.callEnd(host, tool, method, elapsed);
    } catch (RuntimeException e) {
      warn("callEnd", e);
    }
  }

  @Override
  public void callFailed(
      String host, String tool, String method, RuntimeException failure, Duration elapsed) {
    try {
      user.callFailed(host, tool, method, failure, elapsed);
    } catch (RuntimeException e) {
      warn("callFailed", e);
    }
  }

  @Override
  public void connectionLost(String host, RmoteException failure) {
    try {
      user.connectionLost(host, failure);
    } catch (RuntimeException e) {
      warn("connectionLost", e);
    }
  }

  @Override
  public void connectionClosed(String host) {
    try {
      user.connectionClosed(host);
    } catch (RuntimeException e) {
      warn("connectionClosed", e);
    }
  }
}
