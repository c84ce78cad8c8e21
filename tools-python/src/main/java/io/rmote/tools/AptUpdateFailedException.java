package io.rmote.tools;

import io.rmote.annotations.PythonName;
import io.rmote.python.PythonException;
import io.rmote.python.RuntimeError;

/**
 * {@code apt-get update} could not fetch every index (run with {@code --error-on=any}, since it
 * exits 0 on many fetch failures): the Python class {@code UpdateFailed} of {@code tools/apt.py}, a
 * {@code RuntimeError}, so {@code catch (RuntimeError e)} catches it too. Thrown by {@link
 * Apt#update()} and its overloads, and by a converge that updates first. The update stamp is not
 * touched, so the lists do not count as fresh.
 */
@PythonName("UpdateFailed")
public final class AptUpdateFailedException extends RuntimeError {
  private static final long serialVersionUID = 1L;

  private final String output;

  /** Made by the generated proxy of {@link Apt} from what the remote sent. */
  public AptUpdateFailedException(PythonException.Details details, String output) {
    super(details);
    this.output = output;
  }

  /** apt-get's output (standard output and error together), naming each index that failed. */
  public String output() {
    return output;
  }
}
