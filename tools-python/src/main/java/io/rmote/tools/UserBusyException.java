package io.rmote.tools;

import io.rmote.annotations.PythonName;
import io.rmote.python.CalledProcessError;
import io.rmote.python.PythonException;
import java.util.List;

/**
 * {@code usermod} or {@code userdel} refused to change or remove a user because processes run as it
 * (exit status 8, "user ... is currently used by process N"): the Python class {@code UserBusy} of
 * {@code tools/user.py}, a {@code subprocess.CalledProcessError}, so {@code catch
 * (CalledProcessError e)} catches it too. Thrown by {@link User#present(User.UserSpec)} when a uid,
 * home or primary group must change, and by {@link User#absent} and {@link User#removeUser}.
 * Nothing changed.
 */
@PythonName("UserBusy")
public final class UserBusyException extends CalledProcessError {
  private static final long serialVersionUID = 1L;

  private final String user;
  private final List<Long> pids;

  /** Made by the generated proxy of {@link User} from what the remote sent. */
  public UserBusyException(PythonException.Details details, String user, List<Long> pids) {
    super(details);
    this.user = user;
    this.pids = List.copyOf(pids);
  }

  /** The account that was being changed or removed. */
  public String user() {
    return user;
  }

  /**
   * The processes running as the user (real or effective uid) when the command refused, read from
   * {@code /proc}, sorted, with the one the command named; some may have ended since.
   */
  public List<Long> pids() {
    return pids;
  }
}
