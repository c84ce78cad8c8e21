package io.rmote.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rmote.Remote;
import io.rmote.ToolDescriptor;
import io.rmote.testing.Pythons;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The wire's text coder agrees with Python's {@code surrogatepass} and rejects what is not text.
 */
class SurrogatePassTest {
  static final ToolDescriptor NAMES =
      ToolDescriptor.fromResource(SurrogatePassTest.class, "tools/names.py", "Names");

  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
    return out;
  }

  @Test
  void loneSurrogatesTakeTheirThreeByteFormBothWays() {
    assertArrayEquals(bytes('c', 0xED, 0xB3, 0xA9), SurrogatePass.encode("c\uDCE9"));
    assertEquals("c\uDCE9", decode(bytes('c', 0xED, 0xB3, 0xA9)));
    assertArrayEquals(bytes(0xED, 0xA0, 0xBD), SurrogatePass.encode("\uD83D")); // high, alone
    // A pair is one code point, in four bytes, as in UTF-8.
    assertArrayEquals("😀".getBytes(StandardCharsets.UTF_8), SurrogatePass.encode("😀"));
    assertEquals("a\uFFFDb", decode("a\uFFFDb".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void bytesThatNoStrEncodesToAreRejected() {
    for (byte[] bad :
        List.of(
            bytes(0xFF),
            bytes(0xC0, 0xAF), // overlong '/'
            bytes(0xE2, 0x82), // truncated
            bytes(0xF4, 0x90, 0x80, 0x80), // above U+10FFFF
            bytes(0x80),
            bytes('a', 0xC3, 'b'))) {
      WireFormatException e = assertThrows(WireFormatException.class, () -> decode(bad));
      assertEquals(true, e.getMessage().contains("not UTF-8"), e.getMessage());
    }
  }

  @Test
  void agreesWithPython() {
    Random random = new Random(7);
    List<String> cases = new ArrayList<>(List.of("", "plain", "café", "\uDC80\uDCFF", "x\uDBFFy"));
    for (int i = 0; i < 50; i++) {
      StringBuilder s = new StringBuilder();
      for (int k = random.nextInt(20); k > 0; k--) {
        int pick = random.nextInt(4);
        s.append(
            pick == 0
                ? (char) ('a' + random.nextInt(26))
                : pick == 1
                    ? (char) (0xDC80 + random.nextInt(128)) // what surrogateescape makes
                    : pick == 2 ? (char) (0x80 + random.nextInt(0xD000)) : '\u00e9');
      }
      cases.add(s.toString());
    }
    try (Remote remote = Pythons.local().connect()) {
      for (String s : cases) {
        byte[] encoded = SurrogatePass.encode(s);
        @SuppressWarnings("unchecked")
        List<Number> python = remote.call(NAMES, "code_points", List.class, (Object) encoded);
        assertEquals(s.chars().boxed().toList(), python.stream().map(Number::intValue).toList());
        assertEquals(s, decode(encoded));
        assertEquals(s, remote.call(NAMES, "echo", String.class, s));
      }
    }
  }

  private static String decode(byte[] b) {
    return SurrogatePass.decode(b, 0, b.length);
  }
}
