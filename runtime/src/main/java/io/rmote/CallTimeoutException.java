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
    this(timeout, false);
  }

  /**
   * Made by the runtime when a write to the remote, under way when the call was made, had not
   * returned when the timeout expired: the likely cause, which the message names.
   */
  CallTimeoutException(Duration timeout, boolean blockedWrite) {
    super(
        "no answer within "
            + timeout.toMillis()
            + " ms"
            + (blockedWrite
                ? "; a write to the remote has been blocked since before the call was made: the"
                    + " remote may not be reading its input (stopped, or its pipe stalled) or the"
                    + " link is slow, and the call may not have reached it"
                : ""));
    this.timeout = timeout;
  }

  /** The timeout that expired. */
  public Duration timeout() {
    return timeout;
  }
}
