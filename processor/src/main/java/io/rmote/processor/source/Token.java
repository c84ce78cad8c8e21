package io.rmote.processor.source;

/**
 * One token of Python source. Offsets index the normalised text the tokenizer was given, so the
 * parser can hand back expressions exactly as written.
 */
record Token(Kind kind, String text, int start, int end, int line) {

  enum Kind {
    NAME,
    NUMBER,
    STRING,
    OP,
    /** The end of a logical line. */
    NEWLINE,
    INDENT,
    DEDENT,
    END
  }

  boolean is(Kind k, String t) {
    return kind == k && text.equals(t);
  }

  boolean isOp(String t) {
    return kind == Kind.OP && text.equals(t);
  }

  boolean isName(String t) {
    return kind == Kind.NAME && text.equals(t);
  }

  @Override
  public String toString() {
    return kind + "(" + text + ")@" + line;
  }
}
