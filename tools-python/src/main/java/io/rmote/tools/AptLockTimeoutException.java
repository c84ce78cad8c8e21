package io.rmote.tools;

import io.rmote.annotations.PythonName;
import io.rmote.python.PythonException;
import io.rmote.python.TimeoutError;

/**
 * A dpkg or apt lock stayed held by another process for the whole lock timeout ({@link
 * Apt.Options#lockTimeout()}, default 60 s): the Python class {@code LockTimeout} of {@code
 * tools/apt.py}, a {@code TimeoutError}, so {@code catch (TimeoutError e)} catches it too. Thrown
 * by every {@link Apt} method that updates, installs or removes. Nothing changed.
 */
@PythonName("LockTimeout")
public final class AptLockTimeoutException extends TimeoutError {
  private static final long serialVersionUID = 1L;

  private final String lock;
  private final double timeout;
  private final Long pid;
  private final String holder;
  private final String output;

  /** Made by the generated proxy of {@link Apt} from what the remote sent. */
  public AptLockTimeoutException(
      PythonException.Details details,
      String lock,
      double timeout,
      Long pid,
      String holder,
      String output) {
    super(details);
    this.lock = lock;
    this.timeout = timeout;
    this.pid = pid;
    this.holder = holder;
    this.output = output;
  }

  /** The lock file, such as {@code /var/lib/dpkg/lock-frontend}. */
  public String lock() {
    return lock;
  }

  /** How long the call waited, in seconds. */
  public double timeout() {
    return timeout;
  }

  /** The process that held the lock, or {@code null} when the system did not say. */
  public Long pid() {
    return pid;
  }

  /** That process's command line, or {@code null} (or empty) when unknown. */
  public String holder() {
    return holder;
  }

  /** What apt-get printed while it waited, or {@code null}. */
  public String output() {
    return output;
  }
}
