package io.rmote.samples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rmote.Remote;
import io.rmote.Template;
import org.junit.jupiter.api.Test;

/** Runs the code of docs/templating.md against a local python3. */
class TemplatingDocTest {

  @Test
  void aTemplateCheckedInJavaRendersOnTheRemote() {
    try (Remote remote = Remote.local()) {
      assertEquals(
          "server_name example.com; listen 443;", Templating.vhost(remote, "example.com", 443));
    }
  }

  @Test
  void aBrokenTemplateFailsWhereItIsMade() {
    // [checked]
    Template.SyntaxException e =
        assertThrows(
            Template.SyntaxException.class,
            () -> Template.of("upstream app {\n% for s in servers.split():\n  server ${s};\n}"));
    assertEquals(
        "block not closed (no end line for it) (template line 2, column 1):"
            + " % for s in servers.split():",
        e.getMessage());
    // [/checked]
    assertEquals(2, e.line());
    assertEquals(1, e.column());
  }
}
