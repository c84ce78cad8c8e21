package io.rmote.samples.di;

import jakarta.inject.Inject;

/**
 * The application code: it asks for a {@link HostFacts} and never sees the connection, the proxy or
 * the container. Its {@code @Inject} constructor (jakarta.inject) serves all three containers.
 */
public final class HostReport {
  private final HostFacts facts;

  /** Takes the tool the container provides (in these samples, the generated proxy). */
  @Inject
  public HostReport(HostFacts facts) {
    this.facts = facts;
  }

  /** One line: {@code "<host> runs Python <version> as process <pid>"}. */
  public String describe() {
    return facts.hostname()
        + " runs Python "
        + facts.pythonVersion()
        + " as process "
        + facts.pid();
  }
}
