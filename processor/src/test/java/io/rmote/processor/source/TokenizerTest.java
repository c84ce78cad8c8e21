package io.rmote.processor.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

  private static List<Token> tokens(String source) {
    try {
      return Tokenizer.module(Tokenizer.normalize(source));
    } catch (PythonSyntaxException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** Tokens as "KIND:text", structure tokens as their kind only. */
  private static List<String> shape(String source) {
    return tokens(source).stream()
        .map(
            t ->
                switch (t.kind()) {
                  case NEWLINE, INDENT, DEDENT, END -> t.kind().name();
                  default -> t.kind().name() + ":" + t.text();
                })
        .toList();
  }

  private static List<String> strings(String source) {
    return tokens(source).stream()
        .filter(t -> t.kind() == Token.Kind.STRING)
        .map(Token::text)
        .toList();
  }

  private static PythonSyntaxException failure(String source) {
    return assertThrows(
        PythonSyntaxException.class, () -> Tokenizer.module(Tokenizer.normalize(source)));
  }

  @Test
  void indentationMakesIndentAndDedent() {
    assertEquals(
        List.of(
            "NAME:if", "NAME:x", "OP::", "NEWLINE", "INDENT", "NAME:y", "NEWLINE", "DEDENT",
            "NAME:z", "NEWLINE", "END"),
        shape("if x:\n    y\n\n  # a comment at another indent\nz\n"));
  }

  @Test
  void tabsStopEveryEightColumns() {
    // A tab and eight spaces are the same indent; a second tab is deeper.
    assertEquals(
        List.of(
            "NAME:a", "NEWLINE", "INDENT", "NAME:b", "NEWLINE", "NAME:c", "NEWLINE", "INDENT",
            "NAME:d", "NEWLINE", "DEDENT", "DEDENT", "END"),
        shape("a\n\tb\n        c\n\t\td"));
  }

  @Test
  void bracketsJoinLinesAndBackslashContinues() {
    assertEquals(
        List.of(
            "NAME:x",
            "OP:=",
            "OP:(",
            "NUMBER:1",
            "OP:,",
            "NUMBER:2",
            "OP:)",
            "OP:+",
            "NUMBER:3",
            "NEWLINE",
            "END"),
        shape("x = (1,\n# comment\n        2) \\\n  + 3\n"));
  }

  @Test
  void crlfAndBomAreNormalised() {
    List<Token> toks = tokens("\uFEFFa = 1\r\nb = 2\rc = 3\r\n");
    assertEquals(
        List.of(1, 2, 3),
        toks.stream().filter(t -> t.kind() == Token.Kind.NAME).map(Token::line).toList());
  }

  @Test
  void everyStringForm() {
    String source =
        """
        a = 'x' "y" '''t'x''' \"""d"q\"""
        b = r'\\\\' R"\\"" b'\\x00' rb'raw' Br"x" u'u' F'f' fr'{x}' rB'''z'''
        c = 'it\\'s' "say \\"hi\\""
        d = f"{x!r:>{w}} {y['k']} {{literal}} {z:%Y-%m}"
        e = f'{"nested " + f"{deep}"}'
        g = f"{x["same quotes, Python 3.12"]}"
        h = f"\\N{BULLET} {a}"
        i = "continued \\
        line"
        """;
    assertEquals(
        List.of(
            "'x'",
            "\"y\"",
            "'''t'x'''",
            "\"\"\"d\"q\"\"\"",
            "r'\\\\'",
            "R\"\\\"\"",
            "b'\\x00'",
            "rb'raw'",
            "Br\"x\"",
            "u'u'",
            "F'f'",
            "fr'{x}'",
            "rB'''z'''",
            "'it\\'s'",
            "\"say \\\"hi\\\"\"",
            "f\"{x!r:>{w}} {y['k']} {{literal}} {z:%Y-%m}\"",
            "f'{\"nested \" + f\"{deep}\"}'",
            "f\"{x[\"same quotes, Python 3.12\"]}\"",
            "f\"\\N{BULLET} {a}\"",
            "\"continued \\\nline\""),
        strings(source));
  }

  @Test
  void commentsInsideFStringFieldsOfPython312() {
    String literal = "f'''{ # it's a comment\n  1 + 2  # \"so is this\n}'''";
    assertEquals(List.of(literal), strings("x = " + literal + "\ny = 1\n"));
  }

  @Test
  void backslashBeforeABraceInAnFString() {
    assertEquals(
        List.of("fr'\\{{\\}}'", "'\\\\{\\\\}'", "fr'\\{{{1+1}'", "f'\\{6}'", "f'\\N{DASH}{x}'"),
        strings(
            "a(fr'\\{{\\}}', '\\\\{\\\\}')\nb = fr'\\{{{1+1}'\nc = f'\\{6}'\nd = f'\\N{DASH}{x}'\n"));
  }

  @Test
  void stringsSpanningLinesKeepLineNumbers() {
    List<Token> toks = tokens("x = '''a\nb\nc'''\ny = 1\n");
    Token y = toks.stream().filter(t -> t.text().equals("y")).findFirst().orElseThrow();
    assertEquals(4, y.line());
  }

  @Test
  void prefixLikeNamesAreNames() {
    assertEquals(
        List.of("NAME:rb", "OP:=", "NAME:f", "OP:(", "NAME:u", "OP:)", "NEWLINE", "END"),
        shape("rb = f(u)\n"));
  }

  @Test
  void numbersAndOperators() {
    assertEquals(
        List.of(
            "NUMBER:0x_FF",
            "OP:**",
            "NUMBER:1.5e-3",
            "OP://=",
            "NUMBER:.5j",
            "OP:->",
            "OP:...",
            "OP::=",
            "NUMBER:1_000",
            "OP:!=",
            "NUMBER:0o644",
            "NEWLINE",
            "END"),
        shape("0x_FF ** 1.5e-3 //= .5j -> ... := 1_000 != 0o644"));
  }

  @Test
  void unicodeNames() {
    assertEquals(List.of("NAME:größe", "OP:=", "NAME:π", "NEWLINE", "END"), shape("größe = π"));
  }

  @Test
  void unterminatedStringNamesItsLine() {
    PythonSyntaxException e = failure("x = 1\ny = 'abc\nz = 2\n");
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("unterminated string literal"), e.getMessage());
  }

  @Test
  void unterminatedTripleQuotedStringNamesWhereItStarts() {
    PythonSyntaxException e = failure("x = 1\n\ny = \"\"\"abc\n\nmore\n");
    assertEquals(3, e.line());
    assertTrue(
        e.getMessage().contains("unterminated triple-quoted string literal"), e.getMessage());
  }

  @Test
  void unterminatedFStringField() {
    assertEquals(1, failure("x = f'{y'\n").line());
  }

  @Test
  void unclosedBracketNamesTheOpeningLine() {
    PythonSyntaxException e = failure("a = 1\nb = foo(1,\n  2,\n");
    assertEquals(2, e.line());
    assertEquals("line 2: '(' was never closed", e.getMessage());
  }

  @Test
  void unmatchedAndMismatchedBrackets() {
    assertEquals("line 2: unmatched ')'", failure("a = 1\nb = 2)\n").getMessage());
    PythonSyntaxException e = failure("a = [1,\n 2)\n");
    assertEquals(2, e.line());
    assertTrue(
        e.getMessage().contains("does not match opening parenthesis '[' on line 1"),
        e.getMessage());
  }

  @Test
  void badDedent() {
    PythonSyntaxException e = failure("class A:\n    def f(self):\n        pass\n  x = 1\n");
    assertEquals(4, e.line());
    assertEquals("line 4: unindent does not match any outer indentation level", e.getMessage());
  }

  @Test
  void strayBackslashAndInvalidCharacter() {
    assertTrue(failure("x = 1 \\ 2\n").getMessage().contains("after line continuation"));
    assertTrue(failure("x = 1\\").getMessage().contains("end of file"));
    assertEquals("line 2: invalid character '$' (U+0024)", failure("a\nb = $x\n").getMessage());
  }

  @Test
  void largeInputIsScannedWhole() {
    StringBuilder b = new StringBuilder("class Big:\n");
    for (int k = 0; k < 20_000; k++) {
      b.append("    def m")
          .append(k)
          .append("(self, a: 'List[int]' = (1, \"(\"), *, b=f'{a}') -> None:\n")
          .append("        return {'x': [a, b]}  # comment ( [\n");
    }
    // No clock here: a unit test that times itself fails on a loaded machine. A quadratic step
    // would still show, as this test taking minutes in Surefire's report.
    PyModule m = ScannerFixtures.scan(b.toString());
    assertEquals(20_000, m.classes().get(0).methods().size());
  }
}
