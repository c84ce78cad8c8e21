package io.rmote.processor.model;

import java.util.Locale;

/** The default mapping of Java names to Python names. */
public final class Names {

  /**
   * {@code diskFree} → {@code disk_free}, {@code readURL} → {@code read_url}, {@code getHTTPStatus}
   * → {@code get_http_status}, {@code sha256Sum} → {@code sha256_sum}; a name without capitals
   * stays as it is.
   */
  public static String snakeCase(String javaName) {
    StringBuilder s = new StringBuilder(javaName.length() + 4);
    for (int i = 0; i < javaName.length(); i++) {
      char c = javaName.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        char prev = javaName.charAt(i - 1);
        boolean nextLower =
            i + 1 < javaName.length() && Character.isLowerCase(javaName.charAt(i + 1));
        if (prev != '_'
            && (Character.isLowerCase(prev)
                || Character.isDigit(prev)
                || (Character.isUpperCase(prev) && nextLower))) {
          s.append('_');
        }
      }
      s.append(Character.toLowerCase(c));
    }
    return s.toString();
  }

  /** {@code disk_free} → {@code diskFree}: the Java spelling to suggest for a Python name. */
  public static String camelCase(String pythonName) {
    StringBuilder s = new StringBuilder(pythonName.length());
    boolean up = false;
    for (int i = 0; i < pythonName.length(); i++) {
      char c = pythonName.charAt(i);
      if (c == '_' && s.length() > 0) {
        up = true;
      } else {
        s.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return s.toString();
  }

  /** {@code diskFree} → {@code DISK_FREE}, for constants in generated code. */
  public static String constantCase(String javaName) {
    return snakeCase(javaName).toUpperCase(Locale.ROOT);
  }

  private Names() {}
}
