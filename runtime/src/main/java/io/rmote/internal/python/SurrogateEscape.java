package io.rmote.internal.python;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 with Python's {@code surrogateescape} error handler, both ways: a byte that is not part of
 * valid UTF-8 decodes to the lone surrogate {@code U+DC80..U+DCFF} carrying it, and encodes back to
 * that byte. So text decoded from any bytes encodes back to exactly those bytes, and equals what
 * Python's {@code bytes.decode("utf-8", "surrogateescape")} gives for them.
 */
public final class SurrogateEscape {

  /** {@code bytes} as text; {@code null} for {@code null}. */
  public static String decode(byte[] bytes) {
    if (bytes == null) return null;
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    while (true) {
      CoderResult r = d.decode(in, out, true);
      if (r.isUnderflow()) break;
      // Malformed: each byte of the bad sequence becomes its own escape, as in Python.
      for (int i = 0; i < r.length(); i++) out.put((char) (0xDC00 | (in.get() & 0xFF)));
    }
    d.flush(out);
    out.flip();
    return out.toString();
  }

  /** {@code text} as bytes, each escape {@code U+DC80..U+DCFF} back to its byte. */
  public static byte[] encode(String text) {
    if (text == null) return null;
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0xDC80 && c <= 0xDCFF && !(i > 0 && Character.isHighSurrogate(text.charAt(i - 1)))) {
        out.writeBytes(text.substring(start, i).getBytes(StandardCharsets.UTF_8));
        out.write(c & 0xFF);
        start = i + 1;
      }
    }
    out.writeBytes(text.substring(start).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private SurrogateEscape() {}
}
