package io.rmote.python;

import io.rmote.internal.python.SurrogateEscape;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code subprocess.SubprocessError}, and what its two standard subclasses, {@link
 * CalledProcessError} and {@link TimeoutExpired}, both carry: the command and the output it wrote.
 * A bare {@code SubprocessError} carries none of them, and each accessor then returns {@code null}
 * (an empty list for {@link #command()}).
 */
public class SubprocessError extends PythonException {
  private static final long serialVersionUID = 1L;

  /**
   * Made by the runtime when a call fails with this Python exception; applications catch it rather
   * than construct it.
   *
   * @param details the Python class and bases, {@code args}, message, traceback and attributes
   */
  public SubprocessError(Details details) {
    super(details);
  }

  /** The command that was run, as the remote sent it (usually a list of strings). */
  public Object cmd() {
    return attribute("cmd");
  }

  /**
   * The command that was run, as its argument list; a command given as one string is a list of one.
   */
  public List<String> command() {
    List<String> out = new ArrayList<>();
    Object cmd = attribute("cmd");
    if (cmd instanceof List) {
      for (Object o : (List<?>) cmd) out.add(String.valueOf(o));
    } else if (cmd != null) {
      out.add(String.valueOf(cmd));
    }
    return List.copyOf(out);
  }

  /**
   * Standard output as text (UTF-8, bytes that are not UTF-8 kept as Python's {@code
   * surrogateescape} does), or {@code null} if it was not captured.
   */
  public String output() {
    return text(attribute("output"));
  }

  /** Standard error as text, decoded as {@link #output()} is; or {@code null}. */
  public String stderr() {
    return text(attribute("stderr"));
  }

  /** Standard output, byte for byte, or {@code null} if it was not captured. */
  public byte[] stdoutBytes() {
    return bytes(attribute("output"));
  }

  /** Standard error, byte for byte, or {@code null} if it was not captured. */
  public byte[] stderrBytes() {
    return bytes(attribute("stderr"));
  }

  private static String text(Object v) {
    if (v instanceof byte[]) return SurrogateEscape.decode((byte[]) v);
    return v == null ? null : v.toString();
  }

  private static byte[] bytes(Object v) {
    if (v instanceof byte[]) return ((byte[]) v).clone();
    // text=True on the remote: Python wrote str; its bytes are its UTF-8 (escapes undone).
    return v == null ? null : SurrogateEscape.encode(v.toString());
  }
}
