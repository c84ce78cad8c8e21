package io.rmote.processor.source;

import io.rmote.processor.source.Token.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits Python source into tokens the way CPython's tokenizer does for what the scanner needs:
 * logical lines, INDENT/DEDENT, strings of every form (f-strings with nested quotes included, so a
 * quote inside a replacement field does not end the string), comments dropped. Every loop moves
 * forward by at least one character, so time is linear in the input.
 */
final class Tokenizer {
  private static final Set<String> STRING_PREFIXES =
      Set.of("r", "u", "b", "f", "t", "br", "rb", "fr", "rf", "tr", "rt");
  private static final String[] OPS3 = {"**=", "//=", ">>=", "<<=", "..."};
  private static final String[] OPS2 = {
    "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
    "^=", "@=", ":="
  };
  private static final String OPS1 = "()[]{}:,;.+-*/%&|^~<>=@!";
  // Python's tab stops are every eight columns; that is what decides INDENT and DEDENT.
  private static final int TAB_SIZE = 8;

  private final String text;
  private final int n;
  private final int[] lineStarts;
  private final boolean expression;
  private final int firstLine;
  private final List<Token> tokens = new ArrayList<>();
  // Open brackets as {offset}; their characters are read back from the text.
  private final Deque<Integer> brackets = new ArrayDeque<>();
  private int pos;

  private Tokenizer(String text, boolean expression, int firstLine) {
    this.text = text;
    this.n = text.length();
    this.expression = expression;
    this.firstLine = firstLine;
    this.lineStarts = lineStarts(text);
  }

  /**
   * Makes line ends uniform ({@code \n}) and drops a byte-order mark, as Python does on reading.
   */
  static String normalize(String source) {
    String s = source.startsWith("\uFEFF") ? source.substring(1) : source;
    if (s.indexOf('\r') < 0) {
      return s;
    }
    return s.replace("\r\n", "\n").replace('\r', '\n');
  }

  /** Tokenizes a whole module: NEWLINE, INDENT and DEDENT included, END last. */
  static List<Token> module(String normalized) throws PythonSyntaxException {
    return new Tokenizer(normalized, false, 1).run();
  }

  /**
   * Tokenizes one expression as if it stood inside brackets: line breaks and comments are
   * whitespace, and no NEWLINE or INDENT is produced. {@code firstLine} numbers its first line.
   */
  static List<Token> expression(String normalized, int firstLine) throws PythonSyntaxException {
    return new Tokenizer(normalized, true, firstLine).run();
  }

  int lineOf(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    return (i >= 0 ? i : -i - 2) + firstLine;
  }

  private static int[] lineStarts(String text) {
    int count = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    int[] starts = new int[count];
    int k = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts[k++] = i + 1;
      }
    }
    return starts;
  }

  private PythonSyntaxException error(int offset, String message) {
    return new PythonSyntaxException(lineOf(offset), message);
  }

  private void add(Kind kind, int start, int end) {
    tokens.add(new Token(kind, text.substring(start, end), start, end, lineOf(start)));
  }

  private List<Token> run() throws PythonSyntaxException {
    Deque<Integer> indents = new ArrayDeque<>();
    indents.push(0);
    boolean lineStart = !expression;
    boolean lineHasTokens = false;
    while (true) {
      if (lineStart) {
        int col = 0;
        while (pos < n) {
          char c = text.charAt(pos);
          if (c == ' ') {
            col++;
          } else if (c == '\t') {
            col = (col / TAB_SIZE + 1) * TAB_SIZE;
          } else if (c == '\f') {
            col = 0;
          } else {
            break;
          }
          pos++;
        }
        if (pos >= n) {
          break;
        }
        char c = text.charAt(pos);
        // Blank and comment-only lines do not take part in indentation.
        if (c == '\n') {
          pos++;
          continue;
        }
        if (c == '#') {
          skipComment();
          continue;
        }
        if (col > indents.peek()) {
          indents.push(col);
          add(Kind.INDENT, pos, pos);
        } else {
          while (col < indents.peek()) {
            indents.pop();
            add(Kind.DEDENT, pos, pos);
          }
          if (col != indents.peek()) {
            throw error(pos, "unindent does not match any outer indentation level");
          }
        }
        lineStart = false;
      }
      if (pos >= n) {
        break;
      }
      char c = text.charAt(pos);
      switch (c) {
        case ' ', '\t', '\f' -> pos++;
        case '#' -> skipComment();
        case '\n' -> {
          pos++;
          if (brackets.isEmpty() && !expression) {
            if (lineHasTokens) {
              add(Kind.NEWLINE, pos - 1, pos - 1);
            }
            lineHasTokens = false;
            lineStart = true;
          }
        }
        case '\\' -> {
          if (pos + 1 < n && text.charAt(pos + 1) == '\n') {
            pos += 2;
          } else if (pos + 1 >= n) {
            throw error(pos, "unexpected end of file after line continuation character");
          } else {
            throw error(pos, "unexpected character after line continuation character");
          }
        }
        default -> {
          scanToken();
          lineHasTokens = true;
        }
      }
    }
    if (!brackets.isEmpty()) {
      int open = brackets.peek();
      throw error(open, "'" + text.charAt(open) + "' was never closed");
    }
    if (lineHasTokens && !expression) {
      add(Kind.NEWLINE, n, n);
    }
    while (indents.size() > 1) {
      indents.pop();
      add(Kind.DEDENT, n, n);
    }
    add(Kind.END, n, n);
    return tokens;
  }

  private void skipComment() {
    while (pos < n && text.charAt(pos) != '\n') {
      pos++;
    }
  }

  private void scanToken() throws PythonSyntaxException {
    int start = pos;
    int cp = text.codePointAt(pos);
    char c = text.charAt(pos);
    if (isIdentifierStart(cp)) {
      pos = identifierEnd(pos);
      String word = text.substring(start, pos);
      if (pos < n && isQuote(text.charAt(pos)) && isStringPrefix(word)) {
        scanString(start, word);
      } else {
        add(Kind.NAME, start, pos);
      }
    } else if (isQuote(c)) {
      scanString(start, "");
    } else if (isDigit(c) || (c == '.' && pos + 1 < n && isDigit(text.charAt(pos + 1)))) {
      scanNumber();
    } else {
      scanOperator();
    }
  }

  private static boolean isIdentifierStart(int cp) {
    return cp == '_' || Character.isUnicodeIdentifierStart(cp);
  }

  private int identifierEnd(int p) {
    while (p < n) {
      int cp = text.codePointAt(p);
      if (!(cp == '_' || Character.isUnicodeIdentifierPart(cp))) {
        break;
      }
      p += Character.charCount(cp);
    }
    return p;
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isStringPrefix(String word) {
    return word.length() <= 2 && STRING_PREFIXES.contains(word.toLowerCase(Locale.ROOT));
  }

  private void scanString(int start, String prefix) throws PythonSyntaxException {
    String p = prefix.toLowerCase(Locale.ROOT);
    boolean raw = p.indexOf('r') >= 0;
    boolean formatted = p.indexOf('f') >= 0 || p.indexOf('t') >= 0;
    pos = endOfString(pos, raw, formatted, start);
    add(Kind.STRING, start, pos);
  }

  /** Returns the offset just after the string whose opening quote is at {@code q}. */
  private int endOfString(int q, boolean raw, boolean formatted, int start)
      throws PythonSyntaxException {
    char quote = text.charAt(q);
    boolean triple = q + 2 < n && text.charAt(q + 1) == quote && text.charAt(q + 2) == quote;
    int p = q + (triple ? 3 : 1);
    while (true) {
      if (p >= n) {
        throw unterminated(start, triple);
      }
      char c = text.charAt(p);
      if (c == '\\') {
        // Even in raw strings a backslash keeps the next character (a quote, a newline) inside.
        if (formatted && p + 1 < n && (text.charAt(p + 1) == '{' || text.charAt(p + 1) == '}')) {
          // A backslash does not escape a brace: in f'\{x}' the brace still opens a field.
          p++;
        } else if (!raw
            && formatted
            && p + 2 < n
            && text.charAt(p + 1) == 'N'
            && text.charAt(p + 2) == '{') {
          int close = text.indexOf('}', p + 3);
          if (close < 0) {
            throw unterminated(start, triple);
          }
          p = close + 1;
        } else {
          p += 2;
        }
      } else if (c == quote) {
        if (!triple) {
          return p + 1;
        }
        if (p + 2 < n && text.charAt(p + 1) == quote && text.charAt(p + 2) == quote) {
          return p + 3;
        }
        p++;
      } else if (c == '\n' && !triple) {
        throw unterminated(start, false);
      } else if (formatted && c == '{') {
        if (p + 1 < n && text.charAt(p + 1) == '{') {
          p += 2;
        } else {
          p = endOfField(p + 1, triple, start);
        }
      } else {
        p++;
      }
    }
  }

  /**
   * Skips an f-string replacement field from just after its <code>{</code>; returns after its
   * <code>}</code>.
   */
  private int endOfField(int p, boolean triple, int start) throws PythonSyntaxException {
    int depth = 0;
    while (true) {
      if (p >= n) {
        throw unterminated(start, triple);
      }
      char c = text.charAt(p);
      int cp = text.codePointAt(p);
      if (isQuote(c)) {
        p = endOfString(p, false, false, start);
      } else if (isIdentifierStart(cp)) {
        int end = identifierEnd(p);
        String word = text.substring(p, end);
        if (end < n && isQuote(text.charAt(end)) && isStringPrefix(word)) {
          String w = word.toLowerCase(Locale.ROOT);
          p =
              endOfString(
                  end, w.indexOf('r') >= 0, w.indexOf('f') >= 0 || w.indexOf('t') >= 0, start);
        } else {
          p = end;
        }
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
        p++;
      } else if (c == ')' || c == ']') {
        depth--;
        p++;
      } else if (c == '}') {
        if (depth == 0) {
          return p + 1;
        }
        depth--;
        p++;
      } else if (c == ':' && depth == 0) {
        return endOfFormatSpec(p + 1, triple, start);
      } else if (c == '#') {
        // Python 3.12 allows comments in a field of a triple-quoted f-string; before, '#' was an
        // error.
        while (p < n && text.charAt(p) != '\n') {
          p++;
        }
      } else if (c == '!' && depth == 0 && p + 1 < n && text.charAt(p + 1) == '=') {
        // "!=" is a comparison, not the start of a conversion such as !r.
        p += 2;
      } else {
        p++;
      }
    }
  }

  private int endOfFormatSpec(int p, boolean triple, int start) throws PythonSyntaxException {
    while (true) {
      if (p >= n) {
        throw unterminated(start, triple);
      }
      char c = text.charAt(p);
      if (c == '{') {
        p = endOfField(p + 1, triple, start);
      } else if (c == '}') {
        return p + 1;
      } else if (c == '\n' && !triple) {
        throw unterminated(start, false);
      } else {
        p++;
      }
    }
  }

  private PythonSyntaxException unterminated(int start, boolean triple) {
    return error(
        start,
        triple
            ? "unterminated triple-quoted string literal (starting on line " + lineOf(start) + ")"
            : "unterminated string literal (starting on line " + lineOf(start) + ")");
  }

  private void scanNumber() {
    int start = pos;
    boolean prefixed =
        text.charAt(pos) == '0' && pos + 1 < n && "xXoObB".indexOf(text.charAt(pos + 1)) >= 0;
    while (pos < n) {
      char c = text.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
        pos++;
      } else if ((c == '+' || c == '-')
          && !prefixed
          && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')) {
        pos++;
      } else {
        break;
      }
    }
    add(Kind.NUMBER, start, pos);
  }

  private void scanOperator() throws PythonSyntaxException {
    int start = pos;
    for (String op : OPS3) {
      if (text.startsWith(op, pos)) {
        pos += 3;
        add(Kind.OP, start, pos);
        return;
      }
    }
    for (String op : OPS2) {
      if (text.startsWith(op, pos)) {
        pos += 2;
        add(Kind.OP, start, pos);
        return;
      }
    }
    char c = text.charAt(pos);
    if (OPS1.indexOf(c) < 0) {
      int cp = text.codePointAt(pos);
      throw error(
          pos,
          String.format("invalid character '%s' (U+%04X)", new String(Character.toChars(cp)), cp));
    }
    if (c == '(' || c == '[' || c == '{') {
      brackets.push(pos);
    } else if (c == ')' || c == ']' || c == '}') {
      if (brackets.isEmpty()) {
        throw error(pos, "unmatched '" + c + "'");
      }
      char open = text.charAt(brackets.peek());
      char expected = open == '(' ? ')' : open == '[' ? ']' : '}';
      if (c != expected) {
        throw error(
            pos,
            "closing parenthesis '"
                + c
                + "' does not match opening parenthesis '"
                + open
                + "' on line "
                + lineOf(brackets.peek()));
      }
      brackets.pop();
    }
    pos++;
    add(Kind.OP, start, pos);
  }
}
