package io.rmote;

import java.time.Duration;

/**
 * A call did not answer within its timeout. The remote was asked to cancel it (an async remote
 * method is cancelled; a running sync one runs to its end and its answer is dropped); the
 * connection stays usable.
 */
public final class CallTimeoutException extends RmoteException {
  private static final long serialVersionUID = 1L;

  private final Duration timeout;

  /**
   * Made by the runtime when a call got no answer in time.
   *
   * @param timeout the timeout that expired
   */
  public CallTimeoutException(Duration timeout) {
    super("no answer within " + timeout.toMillis() + " ms");
    this.timeout = timeout;
  }

  /** The timeout that expired. */
  public Duration timeout() {
    return timeout;
  }
}
