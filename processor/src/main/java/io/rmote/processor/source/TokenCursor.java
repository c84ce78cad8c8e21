package io.rmote.processor.source;

import java.util.List;

/** A position in a token list, shared by the statement parser and the annotation parser. */
abstract class TokenCursor {
  final String text;
  final List<Token> toks;
  int i;

  TokenCursor(String text, List<Token> toks) {
    this.text = text;
    this.toks = toks;
  }

  final Token peek() {
    return toks.get(i);
  }

  final Token peek(int ahead) {
    return toks.get(Math.min(i + ahead, toks.size() - 1));
  }

  /** The current token, moving past it; the END token is never passed, so reading stops there. */
  final Token next() {
    Token t = toks.get(i);
    if (t.kind() != Token.Kind.END) {
      i++;
    }
    return t;
  }
}
