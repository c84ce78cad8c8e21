package io.rmote.python;

import java.time.Duration;

/**
 * Python's {@code subprocess.TimeoutExpired}: a process outlived its timeout and was ended. The
 * output it wrote before that is kept ({@link #stdoutBytes()}, {@link #stderrBytes()}).
 */
public class TimeoutExpired extends SubprocessError {
  private static final long serialVersionUID = 1L;

  /**
   * Made by the runtime when a call fails with this Python exception; applications catch it rather
   * than construct it.
   *
   * @param details the Python class and bases, {@code args}, message, traceback and attributes
   */
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
}
