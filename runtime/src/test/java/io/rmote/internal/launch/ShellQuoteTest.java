package io.rmote.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every word survives a real shell as exactly one word, whatever it holds. */
class ShellQuoteTest {
  static final List<String> HOSTILE =
      List.of(
          "plain",
          "",
          " ",
          "two words",
          "it's",
          "'",
          "''",
          "\"",
          "$HOME",
          "$(id)",
          "`id`",
          "a;b",
          "a&&b",
          "a|b",
          "a\nb",
          "\\",
          "*",
          "~",
          "-c",
          "${IFS}",
          "!",
          "é ✓",
          "a'\"'b",
          "#comment");

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

  /**
   * The same words through every login shell an account may have: sh, dash, bash, zsh, tcsh, csh
   * and fish, with and without a newline among them (a newline goes through /bin/sh).
   */
  @Test
  void hostileWordsComeBackIntactThroughEveryLoginShell() throws Exception {
    List<String> missing = new ArrayList<>();
    for (String shell :
        List.of(
            "/bin/sh",
            "/bin/dash",
            "/bin/bash",
            "/bin/zsh",
            "/bin/tcsh",
            "/bin/csh",
            "/usr/bin/fish")) {
      if (!java.nio.file.Files.isExecutable(java.nio.file.Path.of(shell))) {
        missing.add(shell);
        continue;
      }
      for (boolean newline : List.of(false, true)) {
        List<String> words = new ArrayList<>(HOSTILE);
        if (!newline) words.removeIf(w -> w.contains("\n"));
        List<String> argv = new ArrayList<>(List.of("/usr/bin/printf", "%s\\0"));
        argv.addAll(words);
        String line = ShellQuote.join(argv);
        assertEquals(newline, line.startsWith("/bin/sh -c "), line);
        assertEquals(-1, line.indexOf('\n'), "no newline in the command line");
        Process p = new ProcessBuilder(shell, "-c", line).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), shell + ": " + err);
        String[] back = out.split("\0", -1);
        assertEquals(words, List.of(back).subList(0, back.length - 1), shell);
      }
    }
    if (!missing.isEmpty() && io.rmote.testing.TestHosts.required()) {
      org.junit.jupiter.api.Assertions.fail(
          "RMOTE_REQUIRE_HOSTS=1 but shells are missing: "
              + missing
              + " (.ci/hosts.sh up installs them)");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(
        missing.isEmpty(), "shells not installed: " + missing);
  }

  @Test
  void safeWordsStayReadable() {
    assertEquals("python3 -c x", ShellQuote.join(List.of("python3", "-c", "x")));
    assertEquals("'a b' 'it'\\''s' ''", ShellQuote.join(List.of("a b", "it's", "")));
    assertThrows(IllegalArgumentException.class, () -> ShellQuote.quote("a\0b"));
  }
}
