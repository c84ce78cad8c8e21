package io.rmote.python;

import io.rmote.internal.python.SurrogateEscape;
import java.util.ArrayList;
import java.util.List;

/** Reads the attributes that {@code CalledProcessError} and {@code TimeoutExpired} share. */
final class ProcessOutput {

  static String text(Object v) {
    if (v instanceof byte[]) return SurrogateEscape.decode((byte[]) v);
    return v == null ? null : v.toString();
  }

  static byte[] bytes(Object v) {
    if (v instanceof byte[]) return ((byte[]) v).clone();
    // text=True on the remote: Python wrote str; its bytes are its UTF-8 (escapes undone).
    return v == null ? null : SurrogateEscape.encode(v.toString());
  }

  static List<String> command(Object cmd) {
    List<String> out = new ArrayList<>();
    if (cmd instanceof List) {
      for (Object o : (List<?>) cmd) out.add(String.valueOf(o));
    } else if (cmd != null) {
      out.add(String.valueOf(cmd));
    }
    return List.copyOf(out);
  }

  private ProcessOutput() {}
}
