package io.rmote.internal.wire;

import java.nio.charset.StandardCharsets;

/**
 * The wire's text encoding: UTF-8 with Python's {@code surrogatepass} error handler, both ways. A
 * lone surrogate ({@code U+D800..U+DFFF} not part of a pair) is written as its three-byte form
 * {@code ED A0..BF 80..BF}, which strict UTF-8 forbids, and read back as that one {@code char}.
 *
 * <p>It matters because Python decodes file names, environment variables and command lines with
 * {@code surrogateescape}: a name holding the Latin-1 byte {@code E9} arrives as {@code
 * "caf\uDCE9.txt"}. Strict UTF-8 would turn the surrogate into {@code U+FFFD} and the name would no
 * longer name the file when handed back; this way it does. Everything else is plain UTF-8, and text
 * without surrogates takes the JDK's own (intrinsic) coder.
 */
final class SurrogatePass {

  /**
   * The text of {@code n} bytes at {@code offset}; throws on bytes that no Python str encodes to.
   */
  static String decode(byte[] buf, int offset, int n) {
    String fast = new String(buf, offset, n, StandardCharsets.UTF_8);
    // The JDK replaces each malformed sequence, encoded surrogates included, with U+FFFD: only
    // then, or for a genuine U+FFFD, is the slow path needed.
    if (fast.indexOf('\uFFFD') < 0) return fast;
    return slowDecode(buf, offset, n);
  }

  /** {@code s} as bytes: UTF-8, each lone surrogate as its three-byte form. */
  static byte[] encode(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) return slowEncode(s, i);
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String slowDecode(byte[] b, int offset, int n) {
    StringBuilder out = new StringBuilder(n);
    int i = offset;
    int end = offset + n;
    while (i < end) {
      int b0 = b[i] & 0xFF;
      if (b0 < 0x80) {
        out.append((char) b0);
        i++;
        continue;
      }
      int len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
      if (len == 0 || b0 > 0xF4 || i + len > end) throw malformed(i - offset);
      int cp = b0 & (0x7F >> len);
      for (int k = 1; k < len; k++) {
        int bk = b[i + k] & 0xFF;
        if ((bk & 0xC0) != 0x80) throw malformed(i - offset);
        cp = (cp << 6) | (bk & 0x3F);
      }
      int min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
      if (cp < min || cp > Character.MAX_CODE_POINT) throw malformed(i - offset);
      out.appendCodePoint(cp); // a surrogate code point appends as its one char
      i += len;
    }
    return out.toString();
  }

  private static byte[] slowEncode(String s, int firstSurrogate) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length() + 8);
    out.writeBytes(s.substring(0, firstSurrogate).getBytes(StandardCharsets.UTF_8));
    for (int i = firstSurrogate; i < s.length(); ) {
      int cp = s.codePointAt(i); // a lone surrogate comes back as itself
      i += Character.charCount(cp);
      if (cp < 0x80) {
        out.write(cp);
      } else if (cp < 0x800) {
        out.write(0xC0 | (cp >> 6));
        out.write(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        out.write(0xE0 | (cp >> 12));
        out.write(0x80 | ((cp >> 6) & 0x3F));
        out.write(0x80 | (cp & 0x3F));
      } else {
        out.write(0xF0 | (cp >> 18));
        out.write(0x80 | ((cp >> 12) & 0x3F));
        out.write(0x80 | ((cp >> 6) & 0x3F));
        out.write(0x80 | (cp & 0x3F));
      }
    }
    return out.toByteArray();
  }

  private static WireFormatException malformed(int at) {
    return new WireFormatException("a str holds bytes that are not UTF-8 at offset " + at);
  }

  private SurrogatePass() {}
}
