package io.rmote.internal.launch;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Quoting of words for whatever login shell runs them: how an argument vector becomes the one
 * string that SSH and {@code su -c} hand to the account's shell, which may be sh, dash, bash, zsh,
 * tcsh, csh or fish. Every word comes out as exactly one word in each of them, whatever it holds:
 * quotes, {@code $(…)}, backticks, {@code ;}, {@code !}, backslashes, newlines. A NUL cannot travel
 * in an argument at all and is refused.
 *
 * <p>The shells agree on little: csh reads {@code !} as history even inside single quotes and ends
 * a command at a newline inside quotes; fish reads {@code \\} and {@code \'} inside single quotes.
 * So a word is single-quoted except for {@code '}, {@code \} and {@code !}, which are written
 * outside the quotes with a backslash, a form all seven read alike. A newline has no such form: a
 * command line with one is handed to {@code /bin/sh -c}, where {@code "$N"} holds a newline made by
 * {@code printf}.
 */
public final class ShellQuote {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellQuote() {}

  /**
   * One word, quoted for any of the shells above; a word of safe characters stays as it is. A
   * newline stays a newline.
   */
  public static String quote(String word) {
    if (word.indexOf('\0') >= 0)
      throw new IllegalArgumentException("a shell word cannot hold a NUL character");
    if (word.isEmpty()) return "''";
    if (SAFE.matcher(word).matches()) return word;
    StringBuilder out = new StringBuilder();
    boolean open = false;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c == '\'' || c == '\\' || c == '!') {
        if (open) out.append('\'');
        open = false;
        out.append('\\').append(c);
      } else {
        if (!open) out.append('\'');
        open = true;
        out.append(c);
      }
    }
    if (open) out.append('\'');
    return out.toString();
  }

  /**
   * The words quoted and joined with spaces: a command line any of the shells above splits back
   * into exactly {@code argv}. It holds no newline: if a word does, the line is {@code /bin/sh -c
   * '…'} running {@code argv}.
   */
  public static String join(List<String> argv) {
    boolean newline = argv.stream().anyMatch(w -> w.indexOf('\n') >= 0 || w.indexOf('\r') >= 0);
    if (!newline) return joinWords(argv);
    StringBuilder script =
        new StringBuilder("N=$(printf '\\n_');N=${N%_};R=$(printf '\\r_');R=${R%_};");
    // exec replaces the shell; a command word starting with '-' would be read as an option of exec
    if (!argv.isEmpty() && !argv.get(0).startsWith("-")) script.append("exec ");
    for (int i = 0; i < argv.size(); i++) {
      if (i > 0) script.append(' ');
      script.append(posixWithNewlines(argv.get(i)));
    }
    return "/bin/sh -c " + quote(script.toString());
  }

  private static String joinWords(List<String> argv) {
    StringBuilder s = new StringBuilder();
    for (String w : argv) {
      if (s.length() > 0) s.append(' ');
      s.append(quote(w));
    }
    return s.toString();
  }

  /**
   * A word for /bin/sh: single-quoted pieces, with {@code "$N"} and {@code "$R"} for newlines and
   * carriage returns.
   */
  private static String posixWithNewlines(String w) {
    if (w.indexOf('\0') >= 0)
      throw new IllegalArgumentException("a shell word cannot hold a NUL character");
    StringBuilder out = new StringBuilder();
    StringBuilder piece = new StringBuilder();
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (c == '\n' || c == '\r') {
        if (piece.length() > 0)
          out.append('\'').append(piece.toString().replace("'", "'\"'\"'")).append('\'');
        piece.setLength(0);
        out.append(c == '\n' ? "\"$N\"" : "\"$R\"");
      } else {
        piece.append(c);
      }
    }
    if (piece.length() > 0 || out.length() == 0)
      out.append('\'').append(piece.toString().replace("'", "'\"'\"'")).append('\'');
    return out.toString();
  }
}
