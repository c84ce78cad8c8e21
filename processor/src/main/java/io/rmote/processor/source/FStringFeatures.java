package io.rmote.processor.source;

import java.util.List;
import java.util.Locale;

/**
 * Finds what an f-string (or t-string) literal uses that 3.6's f-strings did not allow: the {@code
 * =} specifier (3.8), and from 3.12 (PEP 701) quotes of the enclosing kind, backslashes, comments
 * and line breaks in a replacement field. The tokenizer has already checked that the literal is
 * well formed, so this walk only classifies.
 */
final class FStringFeatures {
  private final String s;
  private final int firstLine;
  private final List<VersionUse> out;
  private char quote;
  private boolean triple;

  private FStringFeatures(String literal, int firstLine, List<VersionUse> out) {
    this.s = literal;
    this.firstLine = firstLine;
    this.out = out;
  }

  /** Adds to {@code out} what the STRING token {@code literal}, starting on {@code line}, uses. */
  static void scan(String literal, int line, List<VersionUse> out) {
    int q = 0;
    while (q < literal.length() && literal.charAt(q) != '"' && literal.charAt(q) != '\'') q++;
    String prefix = literal.substring(0, q).toLowerCase(Locale.ROOT);
    if (prefix.indexOf('t') >= 0) {
      out.add(new VersionUse(line, VersionUse.Kind.SYNTAX, "a template string (t\"...\")", 14, 0));
    }
    if (prefix.indexOf('f') < 0 && prefix.indexOf('t') < 0) return;
    FStringFeatures f = new FStringFeatures(literal, line, out);
    f.quote = literal.charAt(q);
    f.triple = literal.startsWith(String.valueOf(f.quote).repeat(3), q);
    f.literal(q + (f.triple ? 3 : 1), literal.length() - (f.triple ? 3 : 1));
  }

  private void add(int offset, String what, int added) {
    int line = firstLine;
    for (int i = 0; i < offset; i++) if (s.charAt(i) == '\n') line++;
    for (VersionUse u : out) if (u.what().equals(what) && u.line() == line) return;
    out.add(new VersionUse(line, VersionUse.Kind.SYNTAX, what, added, 0));
  }

  private void literal(int p, int end) {
    while (p < end) {
      char c = s.charAt(p);
      if (c == '\\') {
        p += 2;
      } else if (c == '{' && p + 1 < end && s.charAt(p + 1) == '{') {
        p += 2;
      } else if (c == '{') {
        p = field(p + 1, end);
      } else {
        p++;
      }
    }
  }

  /** Walks a replacement field from just after its brace; returns just after its closing brace. */
  private int field(int p, int end) {
    int depth = 0;
    while (p < end) {
      char c = s.charAt(p);
      if (c == '"' || c == '\'') {
        p = nestedString(p, end);
      } else if (c == '\\') {
        add(p, "a backslash inside an f-string's {} field", 12);
        p++;
      } else if (c == '#') {
        add(p, "a comment inside an f-string's {} field", 12);
        while (p < end && s.charAt(p) != '\n') p++;
      } else if (c == '\n' && !triple) {
        add(p, "a line break inside a single-quoted f-string's {} field", 12);
        p++;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
        p++;
      } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
        depth--;
        p++;
      } else if (c == '}') {
        return p + 1;
      } else if (c == '!' && p + 1 < end && s.charAt(p + 1) == '=') {
        p += 2;
      } else if (c == ':' && p + 1 < end && s.charAt(p + 1) == '=' && depth > 0) {
        add(p, "the walrus operator (:=)", 8);
        p += 2;
      } else if (depth == 0 && (c == ':' || c == '!')) {
        return spec(p + 1, end);
      } else if (depth == 0 && c == '=' && selfDocumenting(p, end)) {
        add(p, "the f-string = specifier (f\"{x=}\")", 8);
        p++;
      } else {
        p++;
      }
    }
    return p;
  }

  private boolean selfDocumenting(int p, int end) {
    char before = s.charAt(p - 1);
    if ("=!<>".indexOf(before) >= 0 || (p + 1 < end && s.charAt(p + 1) == '=')) return false;
    int q = p + 1;
    while (q < end && Character.isWhitespace(s.charAt(q))) q++;
    return q < end && "}!:".indexOf(s.charAt(q)) >= 0;
  }

  /** Walks a conversion and format spec up to the field's closing brace. */
  private int spec(int p, int end) {
    while (p < end) {
      char c = s.charAt(p);
      if (c == '{') {
        p = field(p + 1, end);
      } else if (c == '}') {
        return p + 1;
      } else {
        p++;
      }
    }
    return p;
  }

  private int nestedString(int p, int end) {
    char q = s.charAt(p);
    boolean t = p + 2 < end && s.charAt(p + 1) == q && s.charAt(p + 2) == q;
    if (q == quote && (!triple || t)) {
      add(p, "the enclosing quotes again inside an f-string's {} field", 12);
    }
    int i = p + (t ? 3 : 1);
    while (i < end) {
      char c = s.charAt(i);
      if (c == '\\') {
        add(i, "a backslash inside an f-string's {} field", 12);
        i += 2;
      } else if (c == q && (!t || s.startsWith(String.valueOf(q).repeat(3), i))) {
        return i + (t ? 3 : 1);
      } else {
        i++;
      }
    }
    return i;
  }
}
