package io.rmote;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Set;

/**
 * A template in the remote runtime's Mako-like language, to pass as an argument to a tool that
 * renders it on the remote with host-specific values (the built-in {@code Templates} tool's {@code
 * renderCompiled}, or any tool taking a {@code Template}): {@code ${expr}} interpolates any Python
 * expression, lines starting with {@code %} are control flow ({@code % for x in xs:} … {@code %
 * endfor}, or a bare {@code %}), {@code ##} lines are comments, {@code %%} emits a literal {@code
 * %} and <code>\${</code> escapes interpolation. On the remote it arrives as {@code
 * rmote.protocol.Template}; the output is the Python library's (one final line break is dropped).
 *
 * <p>{@link #of} checks the structure the remote engine checks, so a broken template fails here, on
 * the caller's thread, rather than on every host: a block left open, an end or {@code else} without
 * a block, an unterminated <code>${</code>. Python expressions themselves are checked by the
 * remote's compiler when the template first renders there.
 */
public final class Template {
  private static final Set<String> OPEN =
      Set.of("for", "if", "while", "with", "try", "def", "class");
  private static final Set<String> CONTINUE = Set.of("elif", "else", "except", "finally");
  private static final Set<String> END =
      Set.of("endfor", "endif", "endwhile", "endwith", "endtry", "end");

  private final String source;

  private Template(String source) {
    this.source = source;
  }

  /**
   * The template of {@code source}.
   *
   * @throws NullPointerException if {@code source} is null
   * @throws SyntaxException if the structure is broken, with the line and column (both from 1)
   */
  public static Template of(String source) {
    check(Objects.requireNonNull(source, "source"));
    return new Template(source);
  }

  /** The template's text, as given. */
  public String source() {
    return source;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Template && ((Template) o).source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return "Template[" + source + "]";
  }

  /** A template whose structure is broken: {@link #line()} and {@link #column()} count from 1. */
  public static final class SyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    SyntaxException(String problem, int line, int column, String text) {
      super(problem + " (template line " + line + ", column " + column + "): " + text.strip());
      this.line = line;
      this.column = column;
    }

    /** The template line, from 1. */
    public int line() {
      return line;
    }

    /** The column in that line, from 1. */
    public int column() {
      return column;
    }
  }

  // The rules of the remote engine (runtime.py, _TEMPLATE_ENGINE), line for line: lines as
  // Python's str.splitlines cuts them, a block opened by a % line naming a compound statement
  // (or ending with a colon) and closed by % end... or a bare %.
  private static void check(String source) {
    Deque<int[]> blocks = new ArrayDeque<>();
    Deque<String> texts = new ArrayDeque<>();
    int number = 0;
    int start = 0;
    int n = source.length();
    while (start < n) {
      int end = start;
      while (end < n && !isBreak(source.charAt(end))) end++;
      String line = source.substring(start, end);
      number++;
      checkLine(line, number, blocks, texts);
      start =
          end
              + (end + 1 < n && source.charAt(end) == '\r' && source.charAt(end + 1) == '\n'
                  ? 2
                  : 1);
    }
    if (!blocks.isEmpty()) {
      int[] open = blocks.peek();
      throw new SyntaxException(
          "block not closed (no end line for it)", open[0], open[1], texts.peek());
    }
  }

  private static void checkLine(String line, int number, Deque<int[]> blocks, Deque<String> texts) {
    String stripped = line.strip();
    if (stripped.startsWith("##")) return;
    if (stripped.startsWith("%") && !stripped.startsWith("%%")) {
      String stmt = stripped.substring(1).strip();
      String word = stmt.isEmpty() ? "end" : firstWord(stmt);
      int column = line.indexOf('%') + 1;
      if (END.contains(word)) {
        if (blocks.isEmpty())
          throw new SyntaxException(
              "'" + stripped + "' closes no open block", number, column, line);
        blocks.pop();
        texts.pop();
      } else if (CONTINUE.contains(word)) {
        if (blocks.isEmpty())
          throw new SyntaxException("'" + word + "' outside a block", number, column, line);
      } else if (OPEN.contains(word) || stmt.endsWith(":")) {
        blocks.push(new int[] {number, column});
        texts.push(line);
      }
      return;
    }
    checkInterpolations(line, number);
  }

  private static String firstWord(String stmt) {
    int i = 0;
    while (i < stmt.length() && !Character.isWhitespace(stmt.charAt(i))) i++;
    String word = stmt.substring(0, i);
    int j = word.length();
    while (j > 0 && (word.charAt(j - 1) == ':' || word.charAt(j - 1) == '(')) j--;
    return word.substring(0, j);
  }

  private static void checkInterpolations(String line, int number) {
    int n = line.length();
    int i = 0;
    while (i < n) {
      char c = line.charAt(i);
      if (c == '\\' && line.startsWith("${", i + 1)) {
        i += 3;
      } else if (c == '$' && i + 1 < n && line.charAt(i + 1) == '{') {
        int j = closing(line, i + 2);
        if (j >= n) throw new SyntaxException("unterminated ${", number, i + 1, line);
        i = j + 1;
      } else {
        i++;
      }
    }
  }

  /** The index of the brace that closes an expression starting at {@code j}, or past the end. */
  private static int closing(String line, int j) {
    int n = line.length();
    int depth = 1;
    String quote = null;
    while (j < n) {
      char ch = line.charAt(j);
      if (quote != null) {
        if (ch == '\\') {
          j++;
        } else if (line.startsWith(quote, j)) {
          j += quote.length() - 1;
          quote = null;
        }
      } else if (ch == '"' || ch == '\'') {
        String triple = String.valueOf(ch).repeat(3);
        quote = line.startsWith(triple, j) ? triple : String.valueOf(ch);
        j += quote.length() - 1;
      } else if (ch == '(' || ch == '[' || ch == '{') {
        depth++;
      } else if (ch == ')' || ch == ']' || ch == '}') {
        depth--;
        if (depth == 0) return j;
      }
      j++;
    }
    return j;
  }

  /** Python's str.splitlines boundaries. */
  private static boolean isBreak(char c) {
    return c == '\n'
        || c == '\r'
        || c == '\u000b'
        || c == '\u000c'
        || c == '\u001c'
        || c == '\u001d'
        || c == '\u001e'
        || c == '\u0085'
        || c == '\u2028'
        || c == '\u2029';
  }
}
