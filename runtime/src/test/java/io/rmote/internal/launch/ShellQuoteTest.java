package io.rmote.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every word survives a real shell as exactly one word, whatever it holds. */
class ShellQuoteTest {
  static final List<String> HOSTILE = List.of("plain", "", " ", "two words", "it's", "'", "''", "\"", "$HOME",
      "$(id)", "`id`", "a;b", "a&&b", "a|b", "a\nb", "\\", "*", "~", "-c", "${IFS}", "!", "é ✓", "a'\"'b", "#comment");

  @Test
  void hostileWordsComeBackIntact() throws Exception {
    List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
    argv.addAll(HOSTILE);
    Process p = new ProcessBuilder("sh", "-c", ShellQuote.join(argv)).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor());
    String[] words = out.split("\0", -1);
    assertEquals(HOSTILE, List.of(words).subList(0, words.length - 1));
  }

  @Test
  void safeWordsStayReadable() {
    assertEquals("python3 -c x", ShellQuote.join(List.of("python3", "-c", "x")));
    assertEquals("'a b' 'it'\"'\"'s' ''", ShellQuote.join(List.of("a b", "it's", "")));
    assertThrows(IllegalArgumentException.class, () -> ShellQuote.quote("a\0b"));
  }
}
