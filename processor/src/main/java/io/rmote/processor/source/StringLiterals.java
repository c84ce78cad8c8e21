package io.rmote.processor.source;

import java.util.Locale;

/** The value of a Python string literal, for the few places the scanner must read one. */
final class StringLiterals {
  private StringLiterals() {}

  /**
   * The text a literal such as {@code 'x y'}, {@code r"a\b"} or {@code """doc"""} stands for, or
   * null for f-strings, t-strings and bytes, whose value is not plain text known at compile time.
   */
  static String value(String literal) {
    int q = 0;
    while (q < literal.length() && literal.charAt(q) != '"' && literal.charAt(q) != '\'') {
      q++;
    }
    String prefix = literal.substring(0, q).toLowerCase(Locale.ROOT);
    if (q == literal.length()
        || prefix.contains("f")
        || prefix.contains("t")
        || prefix.contains("b")) {
      return null;
    }
    char quote = literal.charAt(q);
    boolean triple =
        literal.startsWith(String.valueOf(quote).repeat(3), q) && literal.length() - q >= 6;
    int len = triple ? 3 : 1;
    String body = literal.substring(q + len, literal.length() - len);
    return prefix.contains("r") ? body : unescape(body);
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int n = s.length();
    int k = 0;
    while (k < n) {
      char c = s.charAt(k);
      if (c != '\\' || k + 1 >= n) {
        b.append(c);
        k++;
        continue;
      }
      char e = s.charAt(k + 1);
      k += 2;
      switch (e) {
        case '\n' -> {}
        case '\\', '\'', '"' -> b.append(e);
        case 'a' -> b.append('\u0007');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'v' -> b.append('\u000B');
        case 'x' -> k = appendCode(b, s, k, 2, e);
        case 'u' -> k = appendCode(b, s, k, 4, e);
        case 'U' -> k = appendCode(b, s, k, 8, e);
        default -> {
          if (e >= '0' && e <= '7') {
            int end = k - 1;
            while (end < n && end < k + 2 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
              end++;
            }
            b.appendCodePoint(Integer.parseInt(s.substring(k - 1, end), 8));
            k = end;
          } else {
            // Unknown escapes (and \N{...}, whose names we do not carry) stay as written.
            b.append('\\').append(e);
          }
        }
      }
    }
    return b.toString();
  }

  private static int appendCode(StringBuilder b, String s, int from, int digits, char e) {
    int end = from + digits;
    if (end <= s.length()) {
      try {
        b.appendCodePoint(Integer.parseInt(s.substring(from, end), 16));
        return end;
      } catch (IllegalArgumentException notHex) {
        // Fall through and keep the text: Python would refuse it, we only need to go on.
      }
    }
    b.append('\\').append(e);
    return from;
  }
}
