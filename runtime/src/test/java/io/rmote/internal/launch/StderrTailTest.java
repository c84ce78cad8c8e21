package io.rmote.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stderr tail reads in bounded pieces, whatever the remote writes. */
class StderrTailTest {

  private static List<String> lines(InputStream in) {
    StderrTail tail = new StderrTail(in, "test");
    tail.run();
    return List.of(tail.text().split("\n", -1));
  }

  @Test
  void linesAreKeptAsWrittenWithoutTheirLineEnds() {
    byte[] text = "one\r\ntwo\nthree".getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of("one", "two", "three"), lines(new ByteArrayInputStream(text)));
  }

  @Test
  void aLineWithoutEndIsCutIntoPiecesAtCharacterBoundaries() {
    // 100 KiB of a two-byte character with an odd byte in front: no piece may split a character.
    StringBuilder s = new StringBuilder("a");
    for (int i = 0; i < 50 * 1024; i++) s.append('é');
    s.append("\nlast");
    List<String> got =
        lines(new ByteArrayInputStream(s.toString().getBytes(StandardCharsets.UTF_8)));
    assertEquals("last", got.get(got.size() - 1));
    StringBuilder joined = new StringBuilder();
    for (String piece : got.subList(0, got.size() - 1)) {
      assertTrue(piece.getBytes(StandardCharsets.UTF_8).length <= StderrTail.MAX_LINE);
      assertFalse(piece.contains("\uFFFD"), "a character was split");
      joined.append(piece);
    }
    // only the last 40 pieces are kept: they are the end of the long line
    assertTrue(s.toString().startsWith(joined.toString(), s.indexOf("\n") - joined.length()));
  }

  @Test
  void twoHundredMebibytesWithoutANewlineAreReadInBoundedMemory() {
    long size = 200L << 20;
    InputStream endless =
        new InputStream() {
          long left = size;

          @Override
          public int read() {
            return left-- > 0 ? 'x' : -1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (left <= 0) return -1;
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 'x');
            left -= n;
            return n;
          }
        };
    List<String> got = lines(endless);
    assertEquals(40, got.size());
    for (String piece : got) assertTrue(piece.length() <= StderrTail.MAX_LINE, "" + piece.length());
  }
}
