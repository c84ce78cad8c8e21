package io.rmote.tools;

import io.rmote.annotations.PythonName;
import io.rmote.python.CalledProcessError;
import io.rmote.python.PythonException;

/**
 * A pacman command failed: the Python class {@code PacmanError} of {@code tools/pacman.py}, a
 * {@code subprocess.CalledProcessError} whose message ends with pacman's own standard error
 * ("target not found", "unable to lock database", a signature it refused), so {@code catch
 * (CalledProcessError e)} catches it too; {@link #returncode()}, {@link #stderrBytes()} and the
 * rest are those of the pacman run. Thrown by {@link Pacman}'s methods that install, remove,
 * upgrade or refresh.
 */
@PythonName("PacmanError")
public final class PacmanException extends CalledProcessError {
  private static final long serialVersionUID = 1L;

  /** Made by the generated proxy of {@link Pacman} from what the remote sent. */
  public PacmanException(PythonException.Details details) {
    super(details);
  }
}
