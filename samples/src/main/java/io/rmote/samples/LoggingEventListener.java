package io.rmote.samples;

import io.rmote.EventListener;
import io.rmote.Remote;
import io.rmote.RmoteException;
import io.rmote.tools.BuiltinTools;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventListener} that writes a connection's events to SLF4J, logger {@code rmote.events}:
 * start-up and loss at INFO and WARN, each call with its time at INFO. The same hooks feed a
 * metrics registry or a tracer.
 */
public final class LoggingEventListener extends EventListener {
  private static final Logger LOG = LoggerFactory.getLogger("rmote.events");

  @Override
  public void connectStart(String host) {
    LOG.info("{}: connecting", host);
  }

  @Override
  public void ready(String host, String pythonVersion, Duration elapsed) {
    LOG.info("{}: Python {} ready after {} ms", host, pythonVersion, elapsed.toMillis());
  }

  @Override
  public void connectFailed(String host, RmoteException failure, Duration elapsed) {
    LOG.warn("{}: could not connect after {} ms: {}", host, elapsed.toMillis(), failure.detail());
  }

  @Override
  public void callEnd(String host, String tool, String method, Duration elapsed) {
    LOG.info("{}: {}.{} took {} µs", host, tool, method, elapsed.toNanos() / 1000);
  }

  @Override
  public void callFailed(
      String host, String tool, String method, RuntimeException failure, Duration elapsed) {
    LOG.info(
        "{}: {}.{} failed after {} µs: {}",
        host,
        tool,
        method,
        elapsed.toNanos() / 1000,
        failure.getClass().getSimpleName());
  }

  @Override
  public void connectionLost(String host, RmoteException failure) {
    LOG.warn("{}: connection lost: {}", host, failure.detail());
  }

  public static void main(String[] args) {
    // [events]
    try (Remote remote = Remote.builder().eventListener(new LoggingEventListener()).connect()) {
      remote.call(BuiltinTools.FILE_SYSTEM, "read_str", String.class, "/etc/hostname");
    }
    // [/events]
  }
}
