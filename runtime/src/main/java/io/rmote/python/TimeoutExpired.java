package io.rmote.python;

/** Python's {@code subprocess.TimeoutExpired}. */
public class TimeoutExpired extends SubprocessError {
  private static final long serialVersionUID = 1L;

  public TimeoutExpired(Details details) {
    super(details);
  }
}
