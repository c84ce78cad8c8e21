package io.rmote.python;

import io.rmote.CompletedProcess;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code subprocess.CalledProcessError}: a process run with {@code check=True} exited with
 * a non-zero status. Also thrown by {@link CompletedProcess#checkReturnCode()}.
 */
public class CalledProcessError extends SubprocessError {
  private static final long serialVersionUID = 1L;

  public CalledProcessError(Details details) {
    super(details);
  }

  /** Builds the exception Python's {@code check_returncode()} would raise for a process. */
  public static CalledProcessError of(CompletedProcess p) {
    String message =
        "Command '" + p.args() + "' returned non-zero exit status " + p.returnCode() + ".";
    java.util.Map<String, Object> attrs = new java.util.LinkedHashMap<>();
    attrs.put("returncode", (long) p.returnCode());
    attrs.put("cmd", p.args());
    attrs.put("output", p.stdoutBytes());
    attrs.put("stderr", p.stderrBytes());
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
            Map.copyOf(filterNulls(attrs)),
            null));
  }

  private static Map<String, Object> filterNulls(Map<String, Object> m) {
    m.values().removeIf(java.util.Objects::isNull);
    return m;
  }

  /** The exit status. */
  public int returncode() {
    Object v = attribute("returncode");
    return v instanceof Number ? ((Number) v).intValue() : -1;
  }

  /** The command that was run. */
  public Object cmd() {
    return attribute("cmd");
  }

  /** Captured standard output as text, or {@code null}. */
  public String output() {
    return text(attribute("output"));
  }

  /** Captured standard error as text, or {@code null}. */
  public String stderr() {
    return text(attribute("stderr"));
  }

  private static String text(Object v) {
    if (v instanceof byte[]) return new String((byte[]) v, StandardCharsets.UTF_8);
    return v == null ? null : v.toString();
  }
}
