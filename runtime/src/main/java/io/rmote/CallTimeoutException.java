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
    this(timeout, 0);
  }

  /**
   * With how long a write to the remote had been blocked when the timeout expired: the likely
   * cause, named in the message once it is at least half the timeout or a second.
   */
  CallTimeoutException(Duration timeout, long blockedWriteNanos) {
    super(message(timeout, blockedWriteNanos));
    this.timeout = timeout;
  }

  private static String message(Duration timeout, long blockedNanos) {
    String s = "no answer within " + timeout.toMillis() + " ms";
    long blockedMillis = blockedNanos / 1_000_000;
    if (blockedMillis == 0 || blockedMillis < Math.min(timeout.toMillis() / 2, 1000)) return s;
    return s
        + "; a write to the remote has been blocked for "
        + blockedMillis
        + " ms: it is not reading its input (stopped, or its pipe stalled), so this call may not"
        + " have reached it";
  }

  /** The timeout that expired. */
  public Duration timeout() {
    return timeout;
  }
}
