package io.rmote.tools;

import io.rmote.annotations.PythonName;
import io.rmote.python.FileNotFoundError;
import io.rmote.python.PythonException;

/**
 * The systemd unit does not exist for the manager asked (its {@code LoadState} is {@code
 * not-found}): the Python class {@code UnitNotFound} of {@code tools/service.py}, a {@code
 * FileNotFoundError} (errno 2, {@code filename} the unit), so {@code catch (FileNotFoundError e)}
 * catches it too. Thrown by {@link Service}'s start, restart, reload, enable and the converge to a
 * started or enabled state, and by {@link Service#waitActive}; {@code status}, {@code stop}, {@code
 * disable}, {@code mask} and {@code unmask} report a missing unit instead of throwing.
 */
@PythonName("UnitNotFound")
public final class UnitNotFoundException extends FileNotFoundError {
  private static final long serialVersionUID = 1L;

  private final String unit;

  /** Made by the generated proxy of {@link Service} from what the remote sent. */
  public UnitNotFoundException(PythonException.Details details, String unit) {
    super(details);
    this.unit = unit;
  }

  /** The unit's name as systemd resolved it, such as {@code nginx.service} for {@code nginx}. */
  public String unit() {
    return unit;
  }
}
