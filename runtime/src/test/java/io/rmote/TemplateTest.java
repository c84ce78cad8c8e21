package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link Template#of} rejects what the remote engine would, with the line and column. */
class TemplateTest {

  @Test
  void acceptsTheReferencePageTemplates() {
    for (String s :
        new String[] {
          "Hello, ${name}!",
          "${', '.join(sorted(d.keys()))}",
          "% for item in items:\n- ${item}\n% endfor",
          "% if n > 0:\npositive\n% elif n == 0:\nzero\n% else:\nnegative\n% endif",
          "## ignored\nresult: ${v}",
          "%% done ${n}/10",
          "\\${not_a_var}",
          "% for x in xs:\n${x}\n% end",
          "% for x in [1, 2]:\n${x}\n%",
          "${ {'a': '}'}['a'] }",
          "% x = 1\n${x}",
          "$100 {literal}",
        }) assertEquals(s, Template.of(s).source());
  }

  @Test
  void anUnclosedBlockNamesTheLineThatOpensIt() {
    Template.SyntaxException e =
        assertThrows(
            Template.SyntaxException.class, () -> Template.of("a\n  % for x in y:\n${x}\n"));
    assertEquals(2, e.line());
    assertEquals(3, e.column());
    assertEquals(
        "block not closed (no end line for it) (template line 2, column 3): % for x in y:",
        e.getMessage());
  }

  @Test
  void anEndOrElseWithoutABlock() {
    Template.SyntaxException end =
        assertThrows(Template.SyntaxException.class, () -> Template.of("a\r\nb\r\n% endif"));
    assertEquals(3, end.line());
    assertEquals(1, end.column());
    Template.SyntaxException orphan =
        assertThrows(Template.SyntaxException.class, () -> Template.of("% else:"));
    assertEquals(1, orphan.line());
    assertThrows(Template.SyntaxException.class, () -> Template.of("% for x in y:\n%\n%"));
  }

  @Test
  void anUnterminatedInterpolation() {
    Template.SyntaxException e =
        assertThrows(Template.SyntaxException.class, () -> Template.of("ok\nport ${port"));
    assertEquals(2, e.line());
    assertEquals(6, e.column());
    assertThrows(Template.SyntaxException.class, () -> Template.of("${'}'"));
    assertThrows(Template.SyntaxException.class, () -> Template.of("${f(}"));
  }
}
