package io.rmote;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logger {@code io.rmote.Remote}, looked up on first use. Holding it in a static field of the
 * classes that log would run SLF4J's provider lookup when they are initialised, on every connect:
 * in a fresh JVM that lookup (a scan of the class path for providers, then the provider's own
 * configuration) took 45 to 55 ms, on the path from the spawn to the ready line, for a connect that
 * logs nothing.
 */
final class RemoteLogger {
  static final Logger LOG = LoggerFactory.getLogger(Remote.class);

  private RemoteLogger() {}
}
