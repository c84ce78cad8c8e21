package io.rmote.processor.source;

import io.rmote.processor.source.Token.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what a Python source uses that not every Python 3 from 3.6 on has: syntax added later
 * (walrus, positional-only parameters, {@code match}, annotations that need 3.9 or 3.10 when
 * evaluated, {@code except*}, type parameters, the newer f-strings, ...) and imports of standard
 * modules that {@link StdlibTable} says some version lacks. Unlike {@link PythonScanner} it reads
 * every statement, function bodies included, as a list of logical lines with their nesting, which
 * is enough to tell a guarded import ({@code try}/{@code except ImportError}, or {@code if
 * sys.version_info >= (3, N)}) from an unguarded one. Stateless from the outside; linear in the
 * source but for the handlers of each {@code try}, looked up once.
 */
public final class VersionScanner {
  private static final Set<String> COMPOUND =
      Set.of(
          "if", "elif", "else", "try", "except", "finally", "for", "while", "with", "def", "class");
  private static final Set<String> BUILTIN_GENERICS =
      Set.of("list", "dict", "tuple", "set", "frozenset", "type");
  private static final Set<String> IMPORT_HANDLERS =
      Set.of("ImportError", "ModuleNotFoundError", "Exception", "BaseException");

  /** A logical line, or one simple statement of it, and how deep it is nested. */
  private record Stmt(List<Token> toks, int depth) {
    Token first() {
      return toks.get(0);
    }

    /** The first token after an {@code async} prefix. */
    Token keyword() {
      return toks.size() > 1 && first().isName("async") ? toks.get(1) : first();
    }

    boolean starts(String name) {
      return keyword().isName(name);
    }

    int line() {
      return first().line();
    }
  }

  /**
   * What a block's header grants the statements in it: guarded by a handler of ImportError, and the
   * versions of Python that can reach it ({@code lo <= minor < hi}).
   */
  private record Guard(boolean importGuarded, int lo, int hi, boolean inDef) {
    static final Guard NONE = new Guard(false, 0, Integer.MAX_VALUE, false);

    Guard and(Guard g) {
      return new Guard(
          importGuarded || g.importGuarded,
          Math.max(lo, g.lo),
          Math.min(hi, g.hi),
          inDef || g.inDef);
    }
  }

  private final String text;
  private final List<Token> toks;
  private final List<Stmt> stmts = new ArrayList<>();
  private final List<VersionUse> uses = new ArrayList<>();
  private final Map<Integer, Guard> headerGuards = new HashMap<>();
  private boolean futureAnnotations;

  private VersionScanner(String text, List<Token> toks) {
    this.text = text;
    this.toks = toks;
  }

  /** Every use in {@code text} of syntax newer than 3.6 or of a module in {@link StdlibTable}. */
  public static List<VersionUse> scan(String text) throws PythonSyntaxException {
    String normalized = Tokenizer.normalize(text);
    VersionScanner s = new VersionScanner(normalized, Tokenizer.module(normalized));
    s.split();
    s.tokens();
    s.statements();
    return List.copyOf(s.uses);
  }

  private void syntax(int line, String what, int added) {
    uses.add(new VersionUse(line, VersionUse.Kind.SYNTAX, what, added, 0));
  }

  // ---- logical lines into statements ---------------------------------------------------------

  private void split() {
    int depth = 0;
    List<Token> line = new ArrayList<>();
    for (Token t : toks) {
      switch (t.kind()) {
        case INDENT -> depth++;
        case DEDENT -> depth--;
        case NEWLINE -> {
          if (!line.isEmpty()) statements(line, depth);
          line = new ArrayList<>();
        }
        case END -> {
          if (!line.isEmpty()) statements(line, depth);
        }
        default -> line.add(t);
      }
    }
  }

  /** Splits a logical line into a compound header and the simple statements after it. */
  private void statements(List<Token> line, int depth) {
    Token k = line.size() > 1 && line.get(0).isName("async") ? line.get(1) : line.get(0);
    if (k.kind() == Kind.NAME && COMPOUND.contains(k.text())) {
      int colon = topLevelColon(line, 0);
      if (colon >= 0) {
        stmts.add(new Stmt(line.subList(0, colon + 1), depth));
        if (colon + 1 < line.size()) simple(line.subList(colon + 1, line.size()), depth + 1);
        return;
      }
    }
    simple(line, depth);
  }

  private void simple(List<Token> line, int depth) {
    int depthB = 0;
    int start = 0;
    for (int i = 0; i < line.size(); i++) {
      Token t = line.get(i);
      depthB += bracket(t);
      if (depthB == 0 && t.isOp(";")) {
        if (i > start) stmts.add(new Stmt(line.subList(start, i), depth));
        start = i + 1;
      }
    }
    if (start < line.size()) stmts.add(new Stmt(line.subList(start, line.size()), depth));
  }

  private static int bracket(Token t) {
    if (t.kind() != Kind.OP) return 0;
    return switch (t.text()) {
      case "(", "[", "{" -> 1;
      case ")", "]", "}" -> -1;
      default -> 0;
    };
  }

  /** The index of the first {@code :} outside brackets and lambdas, from {@code from}; or -1. */
  private static int topLevelColon(List<Token> line, int from) {
    int depth = 0;
    int lambdas = 0;
    for (int i = from; i < line.size(); i++) {
      Token t = line.get(i);
      depth += bracket(t);
      if (depth != 0) continue;
      if (t.isName("lambda")) {
        lambdas++;
      } else if (t.isOp(":")) {
        if (lambdas == 0) return i;
        lambdas--;
      }
    }
    return -1;
  }

  private static int matching(List<Token> l, int open) {
    int depth = 0;
    for (int i = open; i < l.size(); i++) {
      depth += bracket(l.get(i));
      if (depth == 0) return i;
    }
    return l.size() - 1;
  }

  // ---- what single tokens show ---------------------------------------------------------------

  private void tokens() {
    for (int i = 0; i < toks.size(); i++) {
      Token t = toks.get(i);
      Token next = toks.get(Math.min(i + 1, toks.size() - 1));
      if (t.isOp(":=")) {
        syntax(t.line(), "the walrus operator (:=)", 8);
      } else if (t.isName("except") && next.isOp("*")) {
        syntax(t.line(), "except* (exception groups)", 11);
      } else if ((t.isName("def") || t.isName("class"))
          && next.kind() == Kind.NAME
          && toks.get(Math.min(i + 2, toks.size() - 1)).isOp("[")) {
        syntax(t.line(), "a type parameter list (" + t.text() + " " + next.text() + "[...])", 12);
      } else if (t.isName("lambda")) {
        lambdaParameters(i + 1);
      } else if (t.kind() == Kind.STRING) {
        FStringFeatures.scan(t.text(), t.line(), uses);
      }
    }
  }

  private void lambdaParameters(int i) {
    Token prev = toks.get(i - 1);
    for (int depth = 0; i < toks.size(); i++) {
      Token t = toks.get(i);
      depth += bracket(t);
      if (depth < 0 || (depth == 0 && t.isOp(":")) || t.kind() == Kind.NEWLINE) return;
      if (depth == 0 && t.isOp("/") && prev.isOp(",")) {
        syntax(t.line(), "a positional-only parameter marker (/)", 8);
      }
      prev = t;
    }
  }

  // ---- what statements show ------------------------------------------------------------------

  private void statements() {
    for (Stmt s : stmts) {
      if (s.depth() == 0
          && fromImport(s).equals("__future__")
          && names(s).contains("annotations")) {
        futureAnnotations = true;
        syntax(s.line(), "from __future__ import annotations", 7);
      }
    }
    List<Integer> open = new ArrayList<>(); // the header at each depth, for the current statement
    for (int i = 0; i < stmts.size(); i++) {
      Stmt s = stmts.get(i);
      while (open.size() > s.depth() + 1) open.remove(open.size() - 1);
      Integer sibling = open.size() == s.depth() + 1 ? open.get(s.depth()) : null;
      if (open.size() < s.depth()) {
        continue; // an indented line with no header above it, which Python rejects: skipped
      }
      Guard g = Guard.NONE;
      for (int d = 0; d < s.depth(); d++) {
        Guard h = headerGuards.get(open.get(d));
        if (h != null) g = g.and(h);
      }
      header(i, s, sibling);
      if (open.size() == s.depth() + 1) open.set(s.depth(), i);
      else open.add(i);
      statement(i, s, g);
    }
  }

  /** Records what the block of the header at {@code i} grants the statements in it. */
  private void header(int i, Stmt s, Integer sibling) {
    if (s.starts("def")) {
      headerGuards.put(i, new Guard(false, 0, Integer.MAX_VALUE, true));
    } else if (s.starts("try")) {
      if (handlesImportError(i)) headerGuards.put(i, new Guard(true, 0, Integer.MAX_VALUE, false));
    } else if (s.starts("if") && isTypeChecking(s)) {
      // a block that only type checkers read never runs
      headerGuards.put(i, new Guard(true, 0, Integer.MAX_VALUE, false));
    } else if (s.starts("if") || s.starts("elif")) {
      int[] range = versionCondition(s);
      if (range != null) headerGuards.put(i, new Guard(false, range[0], range[1], false));
    } else if (s.starts("else") && sibling != null && stmts.get(sibling).starts("if")) {
      int[] range = versionCondition(stmts.get(sibling));
      if (range != null) {
        headerGuards.put(
            i,
            range[0] > 0
                ? new Guard(false, 0, range[0], false)
                : new Guard(false, range[1], Integer.MAX_VALUE, false));
      }
    }
  }

  private static boolean isTypeChecking(Stmt s) {
    List<Token> t = s.toks();
    return (t.size() == 3 && t.get(1).isName("TYPE_CHECKING"))
        || (t.size() == 5 && t.get(1).isName("typing") && t.get(3).isName("TYPE_CHECKING"));
  }

  /** Whether one of the handlers after the {@code try} at {@code i} catches ImportError. */
  private boolean handlesImportError(int i) {
    int depth = stmts.get(i).depth();
    for (int j = i + 1; j < stmts.size(); j++) {
      Stmt s = stmts.get(j);
      if (s.depth() > depth) continue;
      if (s.depth() < depth || !s.starts("except")) return false;
      if (s.toks().size() <= 2) return true; // a bare except:
      for (Token t : s.toks()) {
        if (t.isName("as")) break;
        if (t.kind() == Kind.NAME && IMPORT_HANDLERS.contains(t.text())) return true;
      }
    }
    return false;
  }

  /**
   * The versions {@code [lo, hi)} for which {@code if sys.version_info OP (3, N):} is true, or
   * {@code null} if the condition is not of that form.
   */
  private static int[] versionCondition(Stmt s) {
    List<Token> t = s.toks();
    int i = 1;
    if (i + 1 < t.size() && t.get(i).isName("sys") && t.get(i + 1).isOp(".")) i += 2;
    if (i >= t.size() || !t.get(i).isName("version_info")) return null;
    i++;
    if (i + 3 < t.size()
        && t.get(i).isOp("[")
        && t.get(i + 1).isOp(":")
        && t.get(i + 2).kind() == Kind.NUMBER
        && t.get(i + 3).isOp("]")) i += 4;
    if (i + 6 != t.size() - 1 && i + 7 != t.size() - 1) return null;
    String op = t.get(i).text();
    if (!t.get(i + 1).isOp("(") || !t.get(i + 2).text().equals("3") || !t.get(i + 3).isOp(",")) {
      return null;
    }
    int n;
    try {
      n = Integer.parseInt(t.get(i + 4).text());
    } catch (NumberFormatException e) {
      return null;
    }
    return switch (op) {
      case ">=", ">" -> new int[] {n, Integer.MAX_VALUE};
      case "<" -> new int[] {0, n};
      case "<=" -> new int[] {0, n + 1};
      default -> null;
    };
  }

  private void statement(int i, Stmt s, Guard g) {
    Token k = s.keyword();
    List<Token> t = s.toks();
    if (k.isName("import") || (k.isName("from") && !fromImport(s).isEmpty())) {
      imports(s, g);
    } else if (k.isName("def")) {
      def(s);
    } else if (k.isName("with")) {
      with(s);
    } else if (k.isName("except")) {
      except(s);
    } else if (k.isName("return") || k.isName("yield")) {
      starAfter(s);
    } else if (k.isOp("@")) {
      decorator(s);
    } else if (k.isName("type")
        && t.size() > 2
        && t.get(1).kind() == Kind.NAME
        && (t.get(2).isOp("=") || t.get(2).isOp("["))) {
      syntax(s.line(), "a type alias statement (type " + t.get(1).text() + " = ...)", 12);
    } else if (k.isName("match") && isMatch(i, s)) {
      syntax(s.line(), "the match statement", 10);
    } else if (!g.inDef() && k.kind() == Kind.NAME && !COMPOUND.contains(k.text())) {
      variableAnnotation(s);
    }
  }

  private boolean isMatch(int i, Stmt s) {
    List<Token> t = s.toks();
    if (t.size() < 3 || !t.get(t.size() - 1).isOp(":") || i + 1 >= stmts.size()) return false;
    Stmt body = stmts.get(i + 1);
    return body.depth() == s.depth() + 1 && body.first().isName("case");
  }

  // ---- imports -------------------------------------------------------------------------------

  /** The module of {@code from M import ...}, or "" for anything else (a relative import too). */
  private static String fromImport(Stmt s) {
    List<Token> t = s.toks();
    if (!t.get(0).isName("from")) return "";
    StringBuilder m = new StringBuilder();
    for (int i = 1; i < t.size() && !t.get(i).isName("import"); i++) {
      if (t.get(i).isOp(".") && m.length() == 0) return "";
      m.append(t.get(i).text());
    }
    return m.toString();
  }

  /** The names imported by a {@code from} import: after {@code import}, before any {@code as}. */
  private static List<String> names(Stmt s) {
    List<Token> t = s.toks();
    List<String> names = new ArrayList<>();
    int i = 0;
    while (i < t.size() && !t.get(i).isName("import")) i++;
    Token prev = null;
    for (i++; i < t.size(); i++) {
      Token x = t.get(i);
      if (x.kind() == Kind.NAME && !x.isName("as") && (prev == null || !prev.isName("as")))
        names.add(x.text());
      prev = x;
    }
    return names;
  }

  private void imports(Stmt s, Guard g) {
    List<String> modules = new ArrayList<>();
    String from = fromImport(s);
    if (!from.isEmpty()) {
      if (from.equals("__future__")) return;
      modules.add(from);
      for (String n : names(s)) modules.add(from + "." + n);
    } else {
      StringBuilder m = new StringBuilder();
      List<Token> t = s.toks();
      for (int i = 1; i <= t.size(); i++) {
        Token x = i < t.size() ? t.get(i) : null;
        if (x == null || x.isOp(",") || x.isName("as")) {
          if (m.length() > 0) modules.add(m.toString());
          m.setLength(0);
          if (x != null && x.isName("as")) i++; // the alias is no module
        } else {
          m.append(x.text());
        }
      }
    }
    Set<String> needed = new LinkedHashSet<>();
    for (String module : modules) {
      // import a.b.c needs a, a.b and a.b.c
      String[] parts = module.split("\\.");
      StringBuilder prefix = new StringBuilder();
      for (String p : parts) {
        if (prefix.length() > 0) prefix.append('.');
        prefix.append(p);
        needed.add(prefix.toString());
      }
    }
    if (g.importGuarded()) return;
    for (String name : needed) {
      StdlibTable.Row row = StdlibTable.row(name);
      if (row == null) continue;
      boolean tooNew = row.added() > Math.max(6, g.lo());
      boolean removed = row.removed() > 0 && g.hi() > row.removed();
      if (tooNew || removed) {
        uses.add(
            new VersionUse(
                s.line(),
                VersionUse.Kind.IMPORT,
                row.name(),
                tooNew ? row.added() : 0,
                removed ? row.removed() : 0));
      }
    }
  }

  // ---- definitions and annotations -----------------------------------------------------------

  private void def(Stmt s) {
    List<Token> t = s.toks();
    int open = 0;
    while (open < t.size() && !t.get(open).isOp("(")) open++;
    if (open >= t.size()) return;
    int close = matching(t, open);
    int depth = 0;
    for (int i = open; i < close; i++) {
      Token x = t.get(i);
      depth += bracket(x);
      if (depth != 1) continue;
      Token prev = t.get(i - 1);
      if (x.isName("lambda")) {
        // a default that is a lambda: its parameters are no parameters of the def
        for (int d = 0; i + 1 < close && !(d == 0 && t.get(i + 1).isOp(":")); i++) {
          d += bracket(t.get(i + 1));
        }
        i++;
      } else if (x.isOp("/") && prev.isOp(",")) {
        syntax(x.line(), "a positional-only parameter marker (/)", 8);
      } else if (x.isOp(":") && prev.kind() == Kind.NAME && startsParameter(t.get(i - 2))) {
        int end = i + 1;
        for (int d = 0; end < close; end++) {
          d += bracket(t.get(end));
          if (d == 0 && (t.get(end).isOp(",") || t.get(end).isOp("="))) break;
        }
        annotation(t, i + 1, end, "the def runs");
      }
    }
    for (int i = close + 1; i < t.size(); i++) {
      if (t.get(i).isOp("->")) annotation(t, i + 1, t.size() - 1, "the def runs");
    }
  }

  private static boolean startsParameter(Token before) {
    return before.isOp("(") || before.isOp(",") || before.isOp("*") || before.isOp("**");
  }

  private void variableAnnotation(Stmt s) {
    List<Token> t = s.toks();
    int colon = topLevelColon(t, 0);
    if (colon <= 0) return;
    int depth = 0;
    for (int i = 0; i < colon; i++) {
      depth += bracket(t.get(i));
      if (depth == 0 && t.get(i).kind() == Kind.OP && t.get(i).text().endsWith("=")) return;
    }
    int end = colon + 1;
    for (depth = 0; end < t.size(); end++) {
      depth += bracket(t.get(end));
      if (depth == 0 && t.get(end).isOp("=")) break;
    }
    annotation(t, colon + 1, end, "the class or module body runs");
  }

  /** Checks the annotation {@code t[from, to)}, which Python evaluates when {@code when}. */
  private void annotation(List<Token> t, int from, int to, String when) {
    if (futureAnnotations || from >= to) return;
    String written = text.substring(t.get(from).start(), t.get(to - 1).end());
    for (int i = from; i < to; i++) {
      Token x = t.get(i);
      if (x.isOp("|")) {
        syntax(
            x.line(),
            "X | Y in the annotation '"
                + written
                + "', evaluated when "
                + when
                + " (quote it, or add from __future__ import annotations)",
            10);
        return;
      }
    }
    for (int i = from; i + 1 < to; i++) {
      Token x = t.get(i);
      if (x.kind() == Kind.NAME
          && BUILTIN_GENERICS.contains(x.text())
          && t.get(i + 1).isOp("[")
          && (i == from || !t.get(i - 1).isOp("."))) {
        syntax(
            x.line(),
            x.text()
                + "[...] in the annotation '"
                + written
                + "', evaluated when "
                + when
                + " (quote it, use typing."
                + Character.toUpperCase(x.text().charAt(0))
                + x.text().substring(1)
                + ", or add from __future__ import annotations)",
            9);
        return;
      }
    }
  }

  // ---- other statements ----------------------------------------------------------------------

  private void with(Stmt s) {
    List<Token> t = s.toks();
    int open = t.get(0).isName("async") ? 2 : 1;
    if (open >= t.size() || !t.get(open).isOp("(")) return;
    int close = matching(t, open);
    if (close != t.size() - 2) return;
    int depth = 0;
    for (int i = open; i < close; i++) {
      depth += bracket(t.get(i));
      if (depth == 1 && t.get(i).isName("as")) {
        syntax(s.line(), "parenthesized context managers (with (a as x, b as y):)", 9);
        return;
      }
    }
  }

  private void except(Stmt s) {
    List<Token> t = s.toks();
    int depth = 0;
    for (int i = 1; i < t.size(); i++) {
      depth += bracket(t.get(i));
      if (depth == 0 && t.get(i).isName("as")) return;
      if (depth == 0 && t.get(i).isOp(",")) {
        syntax(s.line(), "several exceptions without parentheses (except A, B:)", 14);
        return;
      }
    }
  }

  private void starAfter(Stmt s) {
    List<Token> t = s.toks();
    int depth = 0;
    for (int i = 1; i < t.size(); i++) {
      depth += bracket(t.get(i));
      Token prev = t.get(i - 1);
      if (depth == 0
          && t.get(i).isOp("*")
          && (prev.isOp(",") || prev.isName("return") || prev.isName("yield"))) {
        syntax(
            s.line(),
            "an unparenthesized starred expression after " + t.get(0).text() + " (*a, b)",
            8);
        return;
      }
    }
  }

  /** Before 3.9 (PEP 614) a decorator was a dotted name, optionally called. */
  private void decorator(Stmt s) {
    List<Token> t = s.toks();
    int i = 1;
    boolean ok = i < t.size() && t.get(i).kind() == Kind.NAME;
    i++;
    while (ok && i + 1 < t.size() && t.get(i).isOp(".") && t.get(i + 1).kind() == Kind.NAME) {
      i += 2;
    }
    if (ok && i < t.size()) {
      ok = t.get(i).isOp("(") && matching(t, i) == t.size() - 1;
    }
    if (!ok) syntax(s.line(), "a decorator that is not a dotted name or a call of one", 9);
  }
}
