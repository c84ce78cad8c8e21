package io.rmote.tools;

/**
 * Unix permission bits, written the way chmod reads them: {@code FileMode.parse("0644")}, {@code
 * "644"}, {@code "0o644"} (octal, always) or {@code "rw-r--r--"} (symbolic, with {@code s}/{@code
 * S} and {@code t}/{@code T} for setuid, setgid and sticky). There is no constructor from an {@code
 * int}, so Ansible's {@code mode: 644} (decimal 644, which is {@code 0o1204}) cannot be written;
 * where bits are at hand, {@link #ofBits} names what it takes.
 *
 * <p>On the wire it is the tools' {@code FileMode} namedtuple, whose one field is the normalized
 * four-digit octal text ({@code "0644"}); the Python side also takes a plain int.
 *
 * @param octal the bits as four octal digits, such as {@code "0644"}: what {@link #parse} gives
 */
public record FileMode(String octal) {

  /**
   * Normalizes {@code octal} (any form {@link #parse} takes) to four octal digits.
   *
   * @throws IllegalArgumentException if it is neither octal digits nor a symbolic mode
   */
  public FileMode {
    octal = String.format("%04o", bitsOf(octal));
  }

  /**
   * The mode written as {@code "0644"}, {@code "644"}, {@code "0o644"} or {@code "rw-r--r--"}.
   *
   * @throws IllegalArgumentException if {@code text} is none of these, or above {@code 07777}
   */
  public static FileMode parse(String text) {
    return new FileMode(text);
  }

  /**
   * The mode of the permission bits {@code bits}, such as {@code 0644} written as a Java octal
   * literal (with its leading zero) or {@code stat}'s {@code st_mode & 07777}.
   *
   * @throws IllegalArgumentException if {@code bits} is negative or above {@code 07777}
   */
  public static FileMode ofBits(int bits) {
    if (bits < 0 || bits > 07777)
      throw new IllegalArgumentException("mode bits out of range: " + Integer.toOctalString(bits));
    return new FileMode(Integer.toOctalString(bits));
  }

  /** The permission bits, {@code 0} to {@code 07777}. */
  public int bits() {
    return Integer.parseInt(octal, 8);
  }

  /** The mode as {@code ls -l} shows it, without the type: {@code "rw-r--r--"}. */
  public String symbolic() {
    int b = bits();
    StringBuilder s = new StringBuilder(9);
    for (int shift = 6; shift >= 0; shift -= 3) {
      int rwx = (b >> shift) & 7;
      s.append((rwx & 4) != 0 ? 'r' : '-').append((rwx & 2) != 0 ? 'w' : '-');
      int special = shift == 6 ? 04000 : shift == 3 ? 02000 : 01000;
      char set = shift == 0 ? 't' : 's';
      boolean x = (rwx & 1) != 0;
      if ((b & special) != 0) s.append(x ? set : Character.toUpperCase(set));
      else s.append(x ? 'x' : '-');
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return octal;
  }

  private static int bitsOf(String text) {
    if (text == null) throw new IllegalArgumentException("mode is null");
    String t = text.strip();
    if (t.startsWith("0o") || t.startsWith("0O")) t = t.substring(2);
    if (!t.isEmpty() && t.length() <= 5 && t.chars().allMatch(c -> c >= '0' && c <= '7')) {
      int bits = Integer.parseInt(t, 8);
      if (bits <= 07777) return bits;
    }
    if (t.length() == 9) return symbolicBits(t, text);
    throw new IllegalArgumentException(
        "not a file mode: \"" + text + "\" (octal such as 0644, or rw-r--r--)");
  }

  private static int symbolicBits(String t, String text) {
    int bits = 0;
    for (int i = 0; i < 9; i++) {
      char c = t.charAt(i);
      int shift = 6 - (i / 3) * 3;
      int special = shift == 6 ? 04000 : shift == 3 ? 02000 : 01000;
      char expected = "rwx".charAt(i % 3);
      if (c == expected) bits |= (4 >> (i % 3)) << shift;
      else if (i % 3 == 2 && (c == 's' || c == 't') && (c == 't') == (shift == 0))
        bits |= (1 << shift) | special;
      else if (i % 3 == 2 && (c == 'S' || c == 'T') && (c == 'T') == (shift == 0)) bits |= special;
      else if (c != '-')
        throw new IllegalArgumentException(
            "not a file mode: \"" + text + "\" (octal such as 0644, or rw-r--r--)");
    }
    return bits;
  }
}
