package io.rmote.python;

import io.rmote.CompletedProcess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Python's {@code subprocess.CalledProcessError}: a process run with {@code check=True} exited with
 * a status it did not accept. Thrown by the {@code Exec} tool, by {@code process(..., check=True)},
 * and by {@link CompletedProcess#checkReturnCode()}. Like every {@code RmoteException}, its message
 * ends with the host and the call; {@link #returncode()}, {@link #command()}, {@link
 * #stdoutBytes()} and {@link #stderrBytes()} give the rest.
 */
public class CalledProcessError extends SubprocessError {
  private static final long serialVersionUID = 1L;

  /**
   * Made by the runtime when a call fails with this Python exception; applications catch it rather
   * than construct it.
   *
   * @param details the Python class and bases, {@code args}, message, traceback and attributes
   */
  public CalledProcessError(Details details) {
    super(details);
  }

  /** Builds the exception Python's {@code check_returncode()} would raise for a process. */
  public static CalledProcessError of(CompletedProcess p) {
    String message =
        "Command '" + p.args() + "' returned non-zero exit status " + p.returnCode() + ".";
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("returncode", (long) p.returnCode());
    attrs.put("cmd", p.args());
    attrs.put("output", p.stdoutBytes());
    attrs.put("stderr", p.stderrBytes());
    attrs.values().removeIf(Objects::isNull);
    return new CalledProcessError(
        new Details(
            List.of(
                "subprocess.CalledProcessError",
                "subprocess.SubprocessError",
                "builtins.Exception",
                "builtins.BaseException"),
            List.of((long) p.returnCode(), p.args()),
            message,
            "",
            Map.copyOf(attrs),
            null));
  }

  /** The exit status; negative {@code -N} when the process was ended by signal {@code N}. */
  public int returncode() {
    Object v = attribute("returncode");
    return v instanceof Number ? ((Number) v).intValue() : -1;
  }
}
