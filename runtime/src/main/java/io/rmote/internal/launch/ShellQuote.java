package io.rmote.internal.launch;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Quoting of words for a POSIX shell ({@code sh}, {@code bash}, {@code dash}, {@code zsh}): how an
 * argument vector becomes the one string that SSH and {@code su -c} hand to a shell. Every word
 * comes out as exactly one word, whatever it holds: quotes, {@code $(…)}, backticks, {@code ;},
 * newlines. A NUL cannot travel in an argument at all and is refused.
 */
public final class ShellQuote {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellQuote() {}

  /** One word, quoted for a POSIX shell; words made only of safe characters stay as they are. */
  public static String quote(String word) {
    if (word.indexOf('\0') >= 0) throw new IllegalArgumentException("a shell word cannot hold a NUL character");
    if (word.isEmpty()) return "''";
    if (SAFE.matcher(word).matches()) return word;
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }

  /** The words quoted and joined with spaces: a command line a shell splits back into exactly {@code argv}. */
  public static String join(List<String> argv) {
    StringBuilder s = new StringBuilder();
    for (String w : argv) {
      if (s.length() > 0) s.append(' ');
      s.append(quote(w));
    }
    return s.toString();
  }
}
