package io.rmote.internal.python;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rmote.Remote;
import io.rmote.ToolDescriptor;
import io.rmote.testing.Pythons;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SurrogateEscape agrees with Python's own surrogateescape, and gives back every byte. */
class SurrogateEscapeTest {
  static final ToolDescriptor ENDING =
      ToolDescriptor.fromResource(SurrogateEscapeTest.class, "tools/ending.py", "Ending");

  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
    return out;
  }

  @Test
  void agreesWithPythonAndRoundTrips() {
    List<byte[]> cases = new ArrayList<>();
    cases.add(bytes('o', 'k'));
    cases.add(bytes(0xFF, 0xFE, 'a'));
    cases.add(bytes(0xC3, 0xA9)); // é
    cases.add(bytes(0xE2, 0x82)); // a truncated euro sign
    cases.add(bytes(0xE2, 0x82, 'x', 0xAC));
    cases.add(bytes(0xED, 0xB2, 0x80)); // an encoded surrogate: not UTF-8
    cases.add(bytes(0xC0, 0xAF)); // an overlong '/'
    cases.add(bytes(0xF0, 0x9F, 0x98, 0x80, 0xF0, 0x9F)); // an emoji, then half of one
    cases.add(bytes(0xF4, 0x90, 0x80, 0x80)); // above U+10FFFF
    Random random = new Random(11);
    for (int i = 0; i < 20; i++) {
      byte[] b = new byte[64];
      random.nextBytes(b);
      cases.add(b);
    }
    try (Remote remote = Pythons.local().connect()) {
      for (byte[] b : cases) {
        String text = SurrogateEscape.decode(b);
        byte[] python = remote.call(ENDING, "escaped", byte[].class, (Object) b);
        assertArrayEquals(python, utf16be(text), () -> java.util.Arrays.toString(b));
        assertArrayEquals(b, SurrogateEscape.encode(text));
      }
    }
    assertEquals("a\uDCFFb", SurrogateEscape.decode(bytes('a', 0xFF, 'b')));
  }

  private static byte[] utf16be(String s) {
    byte[] out = new byte[s.length() * 2];
    for (int i = 0; i < s.length(); i++) {
      out[2 * i] = (byte) (s.charAt(i) >>> 8);
      out[2 * i + 1] = (byte) s.charAt(i);
    }
    return out;
  }
}
