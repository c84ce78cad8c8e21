package io.rmote.processor.source;

import io.rmote.processor.source.PyParam.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the statements of a module from its tokens. It understands class and function headers,
 * decorators and the simple statements of a class body, and skips every other statement whole: a
 * statement ends at its NEWLINE, and a block it opens is the INDENT...DEDENT run that follows.
 */
final class Parser extends TokenCursor {
  private static final Set<String> KEYWORDS =
      Set.of(
          "False",
          "None",
          "True",
          "and",
          "as",
          "assert",
          "async",
          "await",
          "break",
          "class",
          "continue",
          "def",
          "del",
          "elif",
          "else",
          "except",
          "finally",
          "for",
          "from",
          "global",
          "if",
          "import",
          "in",
          "is",
          "lambda",
          "nonlocal",
          "not",
          "or",
          "pass",
          "raise",
          "return",
          "try",
          "while",
          "with",
          "yield");

  /** What a body collects; the module keeps only its classes. */
  private static final class Scope {
    final boolean isClass;
    final String prefix;
    final List<PyFunction> methods = new ArrayList<>();
    final List<PyField> fields = new ArrayList<>();
    final List<PyAssignment> assignments = new ArrayList<>();
    final List<PyClass> classes = new ArrayList<>();
    final java.util.Set<String> attributes = new java.util.LinkedHashSet<>();

    Scope(boolean isClass, String prefix) {
      this.isClass = isClass;
      this.prefix = prefix;
    }
  }

  Parser(String text, List<Token> toks) {
    super(text, toks);
  }

  List<PyClass> module() throws PythonSyntaxException {
    Scope scope = new Scope(false, "");
    while (peek().kind() != Token.Kind.END) {
      if (peek().kind() == Token.Kind.DEDENT) {
        // The tokenizer only closes blocks it opened; a stray DEDENT here means a bug upstream.
        throw error(peek(), "unexpected dedent");
      }
      statement(scope);
    }
    return scope.classes;
  }

  // ---- statements

  private void statement(Scope scope) throws PythonSyntaxException {
    Token t = peek();
    if (t.kind() == Token.Kind.INDENT) {
      throw error(t, "unexpected indent");
    }
    if (t.kind() == Token.Kind.NEWLINE) {
      i++;
      return;
    }
    List<String> decorators = new ArrayList<>();
    while (peek().isOp("@")) {
      i++;
      int end = endOfLine(i);
      if (end == i) {
        throw error(peek(), "expected an expression after '@'");
      }
      decorators.add(raw(i, end));
      i = end + 1;
    }
    t = peek();
    if (t.isName("class")) {
      classDef(scope, decorators);
    } else if (t.isName("def")) {
      functionDef(scope, decorators, false);
    } else if (t.isName("async") && peek(1).isName("def")) {
      i++;
      functionDef(scope, decorators, true);
    } else if (t.kind() == Token.Kind.NAME && KEYWORDS.contains(t.text()) && !t.isName("pass")) {
      // if/for/while/try/with/import/return...: nothing in them describes the tool's shape.
      skipStatement();
    } else {
      simpleStatements(scope);
    }
  }

  private void skipStatement() throws PythonSyntaxException {
    i = endOfLine(i) + 1;
    skipOpenedBlock();
  }

  /**
   * After a line we did not read: a block follows only a header ending in a colon (if, try, match
   * and whatever newer statement); after any other line an indent is Python's "unexpected indent".
   */
  private void skipOpenedBlock() throws PythonSyntaxException {
    if (peek().kind() != Token.Kind.INDENT) {
      return;
    }
    Token last = i >= 2 ? toks.get(i - 2) : null;
    if (last == null || !last.isOp(":")) {
      throw error(peek(), "unexpected indent");
    }
    skipBlock();
  }

  /** Skips from an INDENT to just after its matching DEDENT. */
  private void skipBlock() {
    int depth = 0;
    while (true) {
      Token t = toks.get(i);
      if (t.kind() == Token.Kind.END) {
        return;
      }
      i++;
      if (t.kind() == Token.Kind.INDENT) {
        depth++;
      } else if (t.kind() == Token.Kind.DEDENT && --depth == 0) {
        return;
      }
    }
  }

  /** The body after a header's colon: an indented block, or simple statements on the same line. */
  private void suite(Scope scope, Token header) throws PythonSyntaxException {
    if (peek().kind() == Token.Kind.NEWLINE) {
      i++;
      if (peek().kind() != Token.Kind.INDENT) {
        throw error(
            peek(),
            "expected an indented block after '" + header.text() + "' on line " + header.line());
      }
      i++;
      while (peek().kind() != Token.Kind.DEDENT && peek().kind() != Token.Kind.END) {
        statement(scope);
      }
      if (peek().kind() == Token.Kind.DEDENT) {
        i++;
      }
    } else {
      simpleStatements(scope);
    }
  }

  private void skipSuite(Token header) throws PythonSyntaxException {
    if (peek().kind() == Token.Kind.NEWLINE) {
      i++;
      if (peek().kind() != Token.Kind.INDENT) {
        throw error(
            peek(),
            "expected an indented block after '" + header.text() + "' on line " + header.line());
      }
      skipBlock();
    } else {
      i = endOfLine(i) + 1;
    }
  }

  private void simpleStatements(Scope scope) throws PythonSyntaxException {
    while (true) {
      int start = i;
      int end = endOfSimple(start);
      simple(scope, start, end);
      i = end;
      Token t = peek();
      if (t.isOp(";")) {
        i++;
        if (peek().kind() == Token.Kind.NEWLINE) {
          i++;
          break;
        }
      } else {
        if (t.kind() == Token.Kind.NEWLINE) {
          i++;
        }
        break;
      }
    }
    skipOpenedBlock();
  }

  private void simple(Scope scope, int s, int e) throws PythonSyntaxException {
    if (e - s < 2) {
      return;
    }
    Token first = toks.get(s);
    if (first.kind() != Token.Kind.NAME || KEYWORDS.contains(first.text())) {
      return;
    }
    if (toks.get(s + 1).isOp(":")) {
      if (scope.isClass) {
        int eq = find(s + 2, e, "=");
        int annEnd = eq < 0 ? e : eq;
        if (annEnd == s + 2) {
          throw error(toks.get(s + 1), "expected an annotation after '" + first.text() + ":'");
        }
        String defaultValue = null;
        if (eq >= 0) {
          if (eq + 1 >= e) {
            throw error(toks.get(eq), "expected a value after '='");
          }
          defaultValue = raw(eq + 1, e);
        }
        scope.fields.add(new PyField(first.text(), raw(s + 2, annEnd), defaultValue, first.line()));
      }
      return;
    }
    if (!toks.get(s + 1).isOp("=")) {
      return;
    }
    List<Token> targets = new ArrayList<>();
    targets.add(first);
    int k = s + 2;
    while (k + 1 < e
        && toks.get(k).kind() == Token.Kind.NAME
        && !KEYWORDS.contains(toks.get(k).text())
        && toks.get(k + 1).isOp("=")) {
      targets.add(toks.get(k));
      k += 2;
    }
    // "A = x[0] = 1" assigns to something other than names: not a member or constant.
    if (k >= e || find(k, e, "=") >= 0) {
      return;
    }
    if (targets.size() == 1) {
      PyClass tuple = namedTuple(scope, first, k, e);
      if (tuple != null) {
        scope.classes.add(tuple);
        return;
      }
    }
    if (scope.isClass) {
      String value = raw(k, e);
      for (Token target : targets) {
        scope.assignments.add(new PyAssignment(target.text(), value, target.line()));
      }
    }
  }

  // ---- class and def

  private void classDef(Scope scope, List<String> decorators) throws PythonSyntaxException {
    Token keyword = next();
    Token name = expectName(keyword);
    skipTypeParameters();
    List<String> bases = new ArrayList<>();
    if (peek().isOp("(")) {
      i++;
      for (int[] arg : arguments()) {
        if (isKeywordArgument(arg[0]) || toks.get(arg[0]).isOp("**")) {
          continue;
        }
        bases.add(raw(arg[0], arg[1]));
      }
    }
    expectOp(":", "after the header of class " + name.text());
    Scope inner = new Scope(true, scope.prefix + name.text() + ".");
    suite(inner, keyword);
    scope.classes.add(
        new PyClass(
            name.text(),
            scope.prefix + name.text(),
            bases,
            decorators,
            keyword.line(),
            inner.methods,
            inner.fields,
            inner.assignments,
            inner.classes,
            List.copyOf(inner.attributes)));
  }

  /**
   * Records {@code self.name = ...} (and {@code self.a = self.b = ...}) in the body just skipped,
   * {@code self} being the method's first parameter: the instance fields an exception class sets.
   */
  private void selfAssignments(Scope scope, String self, int from) {
    for (int k = from; k + 3 < i; k++) {
      if (toks.get(k).isName(self)
          && toks.get(k + 1).isOp(".")
          && toks.get(k + 2).kind() == Token.Kind.NAME
          && toks.get(k + 3).isOp("=")
          && (k == from || !toks.get(k - 1).isOp("."))) {
        scope.attributes.add(toks.get(k + 2).text());
      }
    }
  }

  private void functionDef(Scope scope, List<String> decorators, boolean async)
      throws PythonSyntaxException {
    Token keyword = next();
    Token name = expectName(keyword);
    skipTypeParameters();
    expectOp("(", "after 'def " + name.text() + "'");
    List<PyParam> params = parameters(name.text());
    String returns = null;
    if (peek().isOp("->")) {
      Token arrow = next();
      int end = expressionEnd(i, ":");
      if (end == i) {
        throw error(arrow, "expected a return annotation after '->'");
      }
      returns = raw(i, end);
      i = end;
    }
    expectOp(":", "after the signature of " + name.text());
    int bodyStart = i;
    skipSuite(keyword);
    if (scope.isClass && !params.isEmpty()) selfAssignments(scope, params.get(0).name(), bodyStart);
    if (scope.isClass) {
      scope.methods.add(
          new PyFunction(name.text(), keyword.line(), async, decorators, params, returns));
    }
  }

  /**
   * Python 3.12's {@code class C[T]:} and {@code def f[T](x: T)}: the checks have no use for them.
   */
  private void skipTypeParameters() {
    if (peek().isOp("[")) {
      i = matching(i) + 1;
    }
  }

  private List<PyParam> parameters(String function) throws PythonSyntaxException {
    List<PyParam> params = new ArrayList<>();
    boolean keywordOnly = false;
    while (true) {
      Token t = next();
      if (t.isOp(")")) {
        return params;
      }
      if (t.isOp("/")) {
        for (int k = 0; k < params.size(); k++) {
          PyParam p = params.get(k);
          params.set(
              k, new PyParam(p.name(), Kind.POSITIONAL_ONLY, p.annotation(), p.defaultValue()));
        }
      } else if (t.isOp("*")) {
        keywordOnly = true;
        if (peek().kind() == Token.Kind.NAME) {
          params.add(parameter(next(), Kind.VAR_POSITIONAL, function));
        }
      } else if (t.isOp("**")) {
        Token name = next();
        if (name.kind() != Token.Kind.NAME) {
          throw error(name, "expected a parameter name after '**' in " + function);
        }
        params.add(parameter(name, Kind.VAR_KEYWORD, function));
      } else if (t.kind() == Token.Kind.NAME && !KEYWORDS.contains(t.text())) {
        params.add(
            parameter(t, keywordOnly ? Kind.KEYWORD_ONLY : Kind.POSITIONAL_OR_KEYWORD, function));
      } else {
        throw error(t, "unexpected '" + t.text() + "' in the parameters of " + function);
      }
      Token sep = peek();
      if (sep.isOp(",")) {
        i++;
      } else if (!sep.isOp(")")) {
        throw error(
            sep,
            "expected ',' or ')' in the parameters of "
                + function
                + ", found '"
                + sep.text()
                + "'");
      }
    }
  }

  private PyParam parameter(Token name, Kind kind, String function) throws PythonSyntaxException {
    String annotation = null;
    String defaultValue = null;
    if (peek().isOp(":")) {
      Token colon = next();
      int end = expressionEnd(i, ",", "=");
      if (end == i) {
        throw error(
            colon, "expected an annotation for parameter " + name.text() + " of " + function);
      }
      annotation = raw(i, end);
      i = end;
    }
    if (peek().isOp("=")) {
      Token eq = next();
      int end = expressionEnd(i, ",");
      if (end == i) {
        throw error(eq, "expected a default for parameter " + name.text() + " of " + function);
      }
      defaultValue = raw(i, end);
      i = end;
    }
    return new PyParam(name.text(), kind, annotation, defaultValue);
  }

  // ---- namedtuple assignments

  /**
   * {@code P = [collections.]namedtuple(...)} or {@code P = [typing.]NamedTuple(...)}, else null.
   */
  private PyClass namedTuple(Scope scope, Token target, int s, int e) throws PythonSyntaxException {
    int k = s;
    if (toks.get(k).kind() != Token.Kind.NAME) {
      return null;
    }
    String head = toks.get(k).text();
    k++;
    while (k + 1 < e && toks.get(k).isOp(".") && toks.get(k + 1).kind() == Token.Kind.NAME) {
      head = toks.get(k + 1).text();
      k += 2;
    }
    boolean typed = head.equals("NamedTuple");
    if (!(typed || head.equals("namedtuple")) || k >= e || !toks.get(k).isOp("(")) {
      return null;
    }
    if (matching(k) != e - 1) {
      return null;
    }
    int saved = i;
    i = k + 1;
    List<int[]> args = arguments();
    i = saved;
    List<int[]> positional = new ArrayList<>();
    Map<String, int[]> keywords = new LinkedHashMap<>();
    for (int[] arg : args) {
      if (isKeywordArgument(arg[0])) {
        keywords.put(toks.get(arg[0]).text(), new int[] {arg[0] + 2, arg[1]});
      } else {
        positional.add(arg);
      }
    }
    int[] spec =
        positional.size() > 1 ? positional.get(1) : keywords.get(typed ? "fields" : "field_names");
    List<PyField> fields = new ArrayList<>();
    int line = target.line();
    if (typed) {
      if (spec != null) {
        for (int[] element : elements(spec)) {
          // ("x", int): the name's string and the type's expression.
          if (toks.get(element[0]).isOp("(") && matching(element[0]) == element[1] - 1) {
            List<int[]> pair = elements(element);
            String name = pair.size() == 2 ? stringValue(pair.get(0)) : null;
            if (name != null) {
              fields.add(new PyField(name, raw(pair.get(1)[0], pair.get(1)[1]), null, line));
            }
          }
        }
      } else {
        for (Map.Entry<String, int[]> kw : keywords.entrySet()) {
          if (!kw.getKey().equals("typename")) {
            fields.add(
                new PyField(kw.getKey(), raw(kw.getValue()[0], kw.getValue()[1]), null, line));
          }
        }
      }
    } else if (spec != null) {
      List<String> names = new ArrayList<>();
      String joined = stringValue(spec);
      if (joined != null) {
        for (String name : joined.replace(',', ' ').trim().split("\\s+")) {
          if (!name.isEmpty()) {
            names.add(name);
          }
        }
      } else {
        for (int[] element : elements(spec)) {
          String name = stringValue(element);
          if (name != null) {
            names.add(name.trim());
          }
        }
      }
      List<String> defaults = new ArrayList<>();
      int[] given = keywords.get("defaults");
      if (given != null) {
        for (int[] element : elements(given)) {
          defaults.add(raw(element[0], element[1]));
        }
      }
      // namedtuple's defaults apply to the rightmost fields.
      int firstDefault = names.size() - defaults.size();
      for (int f = 0; f < names.size(); f++) {
        String d = f >= firstDefault ? defaults.get(f - firstDefault) : null;
        fields.add(new PyField(names.get(f), null, d, line));
      }
    }
    return new PyClass(
        target.text(),
        scope.prefix + target.text(),
        List.of("namedtuple"),
        List.of(),
        line,
        List.of(),
        fields,
        List.of(),
        List.of(),
        List.of());
  }

  /**
   * The items of a list or tuple display spanning exactly {@code range}; empty for anything else.
   */
  private List<int[]> elements(int[] range) throws PythonSyntaxException {
    Token open = toks.get(range[0]);
    if (!(open.isOp("[") || open.isOp("(")) || matching(range[0]) != range[1] - 1) {
      return List.of();
    }
    int saved = i;
    i = range[0] + 1;
    List<int[]> items = arguments();
    i = saved;
    return items;
  }

  /**
   * The value of one string literal or of adjacent ones, or null if the range holds anything else.
   */
  private String stringValue(int[] range) {
    StringBuilder b = new StringBuilder();
    for (int k = range[0]; k < range[1]; k++) {
      Token t = toks.get(k);
      if (t.kind() != Token.Kind.STRING) {
        return null;
      }
      String v = StringLiterals.value(t.text());
      if (v == null) {
        return null;
      }
      b.append(v);
    }
    return range[1] > range[0] ? b.toString() : null;
  }

  // ---- token helpers

  /**
   * Comma-separated items from the current position (just after an opening bracket) to its closing
   * bracket, which is consumed. Each item is {@code {start, end}} in token indexes.
   */
  private List<int[]> arguments() throws PythonSyntaxException {
    List<int[]> items = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.isOp(")") || t.isOp("]") || t.isOp("}")) {
        i++;
        return items;
      }
      int end = expressionEnd(i, ",");
      if (end == i) {
        throw error(t, "unexpected '" + t.text() + "'");
      }
      items.add(new int[] {i, end});
      i = end;
      if (peek().isOp(",")) {
        i++;
      }
    }
  }

  private boolean isKeywordArgument(int k) {
    return toks.get(k).kind() == Token.Kind.NAME && toks.get(k + 1).isOp("=");
  }

  /**
   * The index of the first token from {@code from} that ends an expression: one of {@code stops}
   * outside brackets, a closing bracket that was not opened here, or the end of the line. A
   * lambda's own commas, defaults and colon do not count.
   */
  private int expressionEnd(int from, String... stops) {
    int depth = 0;
    int lambdas = 0;
    for (int k = from; ; k++) {
      Token t = toks.get(k);
      switch (t.kind()) {
        case NEWLINE, INDENT, DEDENT, END -> {
          return k;
        }
        case NAME -> {
          if (depth == 0 && t.text().equals("lambda")) {
            lambdas++;
          }
        }
        case OP -> {
          String op = t.text();
          if (op.equals("(") || op.equals("[") || op.equals("{")) {
            depth++;
          } else if (op.equals(")") || op.equals("]") || op.equals("}")) {
            if (depth == 0) {
              return k;
            }
            depth--;
          } else if (depth == 0) {
            if (lambdas > 0) {
              if (op.equals(":")) {
                lambdas--;
              }
            } else {
              for (String stop : stops) {
                if (op.equals(stop)) {
                  return k;
                }
              }
            }
          }
        }
        default -> {}
      }
    }
  }

  /** The first {@code op} in {@code [from, to)} outside brackets and lambdas, or -1. */
  private int find(int from, int to, String op) {
    int end = expressionEnd(from, op);
    return end < to && toks.get(end).isOp(op) ? end : -1;
  }

  /** The index of the bracket closing the one at {@code open}. */
  private int matching(int open) {
    int depth = 0;
    for (int k = open; ; k++) {
      Token t = toks.get(k);
      if (t.kind() == Token.Kind.END) {
        return k;
      }
      if (t.isOp("(") || t.isOp("[") || t.isOp("{")) {
        depth++;
      } else if ((t.isOp(")") || t.isOp("]") || t.isOp("}")) && --depth == 0) {
        return k;
      }
    }
  }

  private int endOfLine(int from) {
    int k = from;
    while (toks.get(k).kind() != Token.Kind.NEWLINE && toks.get(k).kind() != Token.Kind.END) {
      k++;
    }
    return k;
  }

  private int endOfSimple(int from) {
    int depth = 0;
    for (int k = from; ; k++) {
      Token t = toks.get(k);
      if (t.kind() == Token.Kind.NEWLINE
          || t.kind() == Token.Kind.END
          || t.kind() == Token.Kind.INDENT
          || t.kind() == Token.Kind.DEDENT) {
        return k;
      }
      if (t.isOp("(") || t.isOp("[") || t.isOp("{")) {
        depth++;
      } else if (t.isOp(")") || t.isOp("]") || t.isOp("}")) {
        depth--;
      } else if (depth == 0 && t.isOp(";")) {
        return k;
      }
    }
  }

  private String raw(int from, int to) {
    return text.substring(toks.get(from).start(), toks.get(to - 1).end());
  }

  private Token expectName(Token keyword) throws PythonSyntaxException {
    Token t = next();
    if (t.kind() != Token.Kind.NAME || KEYWORDS.contains(t.text())) {
      throw error(t, "expected a name after '" + keyword.text() + "', found " + describe(t));
    }
    return t;
  }

  private void expectOp(String op, String where) throws PythonSyntaxException {
    Token t = next();
    if (!t.isOp(op)) {
      throw error(t, "expected '" + op + "' " + where + ", found " + describe(t));
    }
  }

  private static String describe(Token t) {
    return switch (t.kind()) {
      case NEWLINE -> "the end of the line";
      case END -> "the end of the file";
      case INDENT -> "an indent";
      case DEDENT -> "a dedent";
      default -> "'" + t.text() + "'";
    };
  }

  private static PythonSyntaxException error(Token t, String message) {
    return new PythonSyntaxException(t.line(), message);
  }
}
