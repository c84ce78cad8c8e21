package io.rmote.python;

import java.time.Duration;
import java.util.List;

/**
 * Python's {@code subprocess.TimeoutExpired}: a process outlived its timeout and was ended. The
 * output it wrote before that is kept ({@link #stdoutBytes()}, {@link #stderrBytes()}).
 */
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

  /**
   * The command that was run, as its argument list; a command given as one string is a list of one.
   */
  public List<String> command() {
    return ProcessOutput.command(attribute("cmd"));
  }

  /**
   * Standard output written before the timeout, as text (see {@link CalledProcessError#output()}),
   * or {@code null} if it was not captured.
   */
  public String output() {
    return ProcessOutput.text(attribute("output"));
  }

  /** Standard error written before the timeout, as text, or {@code null}. */
  public String stderr() {
    return ProcessOutput.text(attribute("stderr"));
  }

  /** Standard output written before the timeout, byte for byte, or {@code null}. */
  public byte[] stdoutBytes() {
    return ProcessOutput.bytes(attribute("output"));
  }

  /** Standard error written before the timeout, byte for byte, or {@code null}. */
  public byte[] stderrBytes() {
    return ProcessOutput.bytes(attribute("stderr"));
  }
}
