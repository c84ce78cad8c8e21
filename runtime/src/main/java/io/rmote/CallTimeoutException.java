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

  public CallTimeoutException(Duration timeout) {
    super("no answer within " + timeout.toMillis() + " ms");
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }
}
