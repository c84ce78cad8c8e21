package io.rmote.processor.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Sources Python itself could not read: each error names the line and says what is wrong. */
class ScannerErrorTest {

  private static PythonSyntaxException failure(String source) {
    return assertThrows(PythonSyntaxException.class, () -> PythonScanner.scan("bad.py", source));
  }

  @Test
  void unterminatedStringInAMethodBody() {
    assertEquals(
        "line 3: unterminated string literal (starting on line 3)",
        failure("class T:\n    def f(self):\n        return 'oops\n").getMessage());
  }

  @Test
  void unclosedSignature() {
    assertEquals(
        "line 2: '(' was never closed",
        failure("class T:\n    def f(self, a=1,\n\n    def g(self): pass\n").getMessage());
  }

  @Test
  void badDedentInAClass() {
    assertEquals(
        "line 3: unindent does not match any outer indentation level",
        failure("class T:\n        X = 1\n    Y = 2\n").getMessage());
  }

  @Test
  void unexpectedIndent() {
    assertEquals("line 2: unexpected indent", failure("x = 1\n    y = 2\n").getMessage());
  }

  @Test
  void missingBody() {
    assertEquals(
        "line 2: expected an indented block after 'class' on line 1",
        failure("class T:\nx = 1\n").getMessage());
    assertEquals(
        "line 3: expected an indented block after 'def' on line 2",
        failure("class T:\n    def f(self):\n    x = 1\n").getMessage());
  }

  @Test
  void malformedHeaders() {
    assertEquals(
        "line 1: expected a name after 'class', found '('",
        failure("class (A):\n    pass\n").getMessage());
    assertEquals(
        "line 1: expected ':' after the header of class A, found the end of the line",
        failure("class A\n").getMessage());
    assertEquals(
        "line 2: expected '(' after 'def f', found ':'",
        failure("class A:\n    def f:\n        pass\n").getMessage());
    assertEquals(
        "line 2: unexpected '1' in the parameters of f",
        failure("class A:\n    def f(self, 1):\n        pass\n").getMessage());
    assertEquals(
        "line 2: expected ',' or ')' in the parameters of f, found 'b'",
        failure("class A:\n    def f(self, a b):\n        pass\n").getMessage());
    assertEquals(
        "line 2: expected a default for parameter a of f",
        failure("class A:\n    def f(self, a=):\n        pass\n").getMessage());
  }
}
