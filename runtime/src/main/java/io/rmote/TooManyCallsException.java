package io.rmote;

import java.time.Duration;

/**
 * A call found the connection's bound on calls in flight reached ({@link
 * Remote.Builder#maxCallsInFlight}) and no slot came free within the configured wait, or the
 * calling thread was interrupted while it waited (its interrupt flag is kept). The call was not
 * sent; the connection stays usable.
 */
public final class TooManyCallsException extends RmoteException {
  private static final long serialVersionUID = 1L;

  private final int limit;

  TooManyCallsException(int limit, Duration wait, boolean interrupted) {
    super(
        limit
            + " calls already in flight (Remote.Builder.maxCallsInFlight) and "
            + (interrupted
                ? "the thread was interrupted while waiting for one to end"
                : wait.isZero()
                    ? "this call may not wait"
                    : "none ended within " + wait.toMillis() + " ms"));
    this.limit = limit;
  }

  /** The bound that was reached: the most calls this connection has in flight at once. */
  public int limit() {
    return limit;
  }
}
