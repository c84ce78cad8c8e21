package io.rmote.processor.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an annotation expression into a {@link PyType}. The grammar is the part of Python's
 * expressions that annotations use: dotted names, subscripts, {@code |}, string forward references,
 * {@code None}, {@code ...}, and the bracketed argument list of {@code Callable}.
 */
final class TypeParser extends TokenCursor {
  private TypeParser(String text, List<Token> toks) {
    super(text, toks);
  }

  static PyType parse(String annotation, int line) throws PythonSyntaxException {
    String text = Tokenizer.normalize(annotation);
    List<Token> toks = Tokenizer.expression(text, line);
    TypeParser p = new TypeParser(text, toks);
    if (p.peek().kind() == Token.Kind.END) {
      throw new PythonSyntaxException(line, "empty annotation");
    }
    PyType type = p.union();
    Token rest = p.peek();
    if (rest.kind() != Token.Kind.END) {
      throw new PythonSyntaxException(
          rest.line(),
          "unexpected '" + rest.text() + "' in annotation '" + annotation.strip() + "'");
    }
    return type;
  }

  private PyType union() throws PythonSyntaxException {
    List<PyType> parts = new ArrayList<>();
    addFlat(parts, primary());
    while (peek().isOp("|")) {
      i++;
      addFlat(parts, primary());
    }
    return parts.size() == 1 ? parts.get(0) : new PyType("Union", parts);
  }

  private static void addFlat(List<PyType> parts, PyType t) {
    // A | (B | C) and Union[A, B] | C mean one union of three, as typing itself flattens them.
    if (t.name().equals("Union") && !t.args().isEmpty()) {
      parts.addAll(t.args());
    } else {
      parts.add(t);
    }
  }

  private PyType primary() throws PythonSyntaxException {
    Token t = next();
    switch (t.kind()) {
      case STRING -> {
        StringBuilder value = new StringBuilder(stringValue(t));
        while (peek().kind() == Token.Kind.STRING) {
          value.append(stringValue(next()));
        }
        return parse(value.toString(), t.line());
      }
      case NAME -> {
        String name = t.text();
        while (peek().isOp(".") && peek(1).kind() == Token.Kind.NAME) {
          i++;
          name = next().text();
        }
        if (!peek().isOp("[")) {
          return new PyType(name, List.of());
        }
        i++;
        return new PyType(name, subscript(name));
      }
      case OP -> {
        if (t.isOp("...")) {
          return new PyType("...", List.of());
        }
        if (t.isOp("[")) {
          return new PyType("[]", items("]"));
        }
        if (t.isOp("(")) {
          if (peek().isOp(")")) {
            i++;
            return new PyType("()", List.of());
          }
          PyType inner = union();
          expect(")");
          return inner;
        }
        throw unexpected(t);
      }
      default -> throw unexpected(t);
    }
  }

  /** The arguments after {@code name[}, up to and including the closing bracket. */
  private List<PyType> subscript(String name) throws PythonSyntaxException {
    if (name.equals("Literal")) {
      return verbatim();
    }
    if (name.equals("Annotated")) {
      // Only the first argument is a type; the rest is metadata of any shape.
      List<PyType> args = new ArrayList<>();
      args.add(union());
      if (peek().isOp(",")) {
        i++;
        args.addAll(verbatim());
      } else {
        expect("]");
      }
      return args;
    }
    return items("]");
  }

  private List<PyType> items(String close) throws PythonSyntaxException {
    List<PyType> args = new ArrayList<>();
    while (!peek().isOp(close)) {
      args.add(union());
      if (peek().isOp(",")) {
        i++;
      } else if (!peek().isOp(close)) {
        throw unexpected(peek());
      }
    }
    i++;
    return args;
  }

  /** Arguments kept as written (Literal values, Annotated metadata), each a PyType of that text. */
  private List<PyType> verbatim() throws PythonSyntaxException {
    List<PyType> args = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.isOp("]")) {
        i++;
        return args;
      }
      int start = i;
      int depth = 0;
      while (true) {
        Token u = peek();
        if (u.kind() == Token.Kind.END) {
          throw unexpected(u);
        }
        if (depth == 0 && (u.isOp(",") || u.isOp("]"))) {
          break;
        }
        if (u.isOp("(") || u.isOp("[") || u.isOp("{")) {
          depth++;
        } else if (u.isOp(")") || u.isOp("]") || u.isOp("}")) {
          depth--;
        }
        i++;
      }
      args.add(
          new PyType(text.substring(toks.get(start).start(), toks.get(i - 1).end()), List.of()));
      if (peek().isOp(",")) {
        i++;
      }
    }
  }

  private static String stringValue(Token t) throws PythonSyntaxException {
    String value = StringLiterals.value(t.text());
    if (value == null) {
      throw new PythonSyntaxException(
          t.line(), "an annotation cannot be the f-string or bytes " + t.text());
    }
    return value;
  }

  private void expect(String op) throws PythonSyntaxException {
    Token t = next();
    if (!t.isOp(op)) {
      throw unexpected(t);
    }
  }

  private PythonSyntaxException unexpected(Token t) {
    String what = t.kind() == Token.Kind.END ? "end of annotation" : "'" + t.text() + "'";
    return new PythonSyntaxException(
        t.line(), "unexpected " + what + " in annotation '" + text.strip() + "'");
  }
}
