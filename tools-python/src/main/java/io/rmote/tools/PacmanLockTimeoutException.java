package io.rmote.tools;

import io.rmote.annotations.PythonName;
import io.rmote.python.PythonException;
import io.rmote.python.TimeoutError;
import java.util.List;

/**
 * pacman's database lock ({@code db.lck}, the {@code Lock File} of {@code pacman -v}) stayed for
 * the whole lock timeout ({@link Pacman.Options#lockTimeout()}, default 300 s): the Python class
 * {@code LockTimeout} of {@code tools/pacman.py}, a {@code TimeoutError}, so {@code catch
 * (TimeoutError e)} catches it too. Thrown by {@link Pacman}'s methods that install, remove,
 * upgrade or refresh. Nothing changed, and the lock was not deleted: a lock no process holds open
 * was left by a pacman that died, and only whoever knows no pacman runs may remove it (pamac #246).
 */
@PythonName("LockTimeout")
public final class PacmanLockTimeoutException extends TimeoutError {
  private static final long serialVersionUID = 1L;

  private final String lock;
  private final double timeout;
  private final List<String> holders;

  /** Made by the generated proxy of {@link Pacman} from what the remote sent. */
  public PacmanLockTimeoutException(
      PythonException.Details details, String lock, double timeout, List<String> holders) {
    super(details);
    this.lock = lock;
    this.timeout = timeout;
    this.holders = List.copyOf(holders);
  }

  /** The lock file, such as {@code /var/lib/pacman/db.lck}. */
  public String lock() {
    return lock;
  }

  /** How long the call waited, in seconds. */
  public double timeout() {
    return timeout;
  }

  /**
   * The processes that held the lock open when the wait ended, each as {@code "PID (command)"} read
   * from {@code /proc}; empty when none did (a stale lock).
   */
  public List<String> holders() {
    return holders;
  }
}
