package io.rmote.python;

import java.time.Duration;

/** Python's {@code subprocess.TimeoutExpired}. */
public class TimeoutExpired extends SubprocessError {
  private static final long serialVersionUID = 1L;

  public TimeoutExpired(Details details) {
    super(details);
  }

  /** The timeout that expired, or {@code null} if the remote sent none. */
  public Duration timeout() {
    Object v = attribute("timeout");
    return v instanceof Number
        ? Duration.ofNanos(Math.round(((Number) v).doubleValue() * 1e9))
        : null;
  }

  /** The command that was run. */
  public Object cmd() {
    return attribute("cmd");
  }
}
