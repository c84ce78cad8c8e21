package io.rmote.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Call;
import io.rmote.Remote;
import io.rmote.Template;
import io.rmote.python.NameError;
import io.rmote.python.SyntaxError;
import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import io.rmote.wire.Codecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every template example of the reference page and of the Python library's templating page, with
 * the output they state, rendered by the Template tool on every interpreter (the Debian roots too).
 * Variables that are not text (lists, numbers, dicts) go through the dynamic API, which passes any
 * value as a keyword.
 */
class TemplatesTest {

  static List<Python> pythons() {
    return Pythons.all();
  }

  static List<Python> sameFileSystem() {
    return Pythons.all().stream().filter(p -> p.root().equals(Path.of("/"))).toList();
  }

  // [render]
  private static String render(Remote remote, String template, Object... kwargs) {
    Call<String> call = Call.of(BuiltinTools.TEMPLATE, "render", Codecs.STRING).args(template);
    for (int i = 0; i < kwargs.length; i += 2) call = call.kwarg((String) kwargs[i], kwargs[i + 1]);
    return remote.call(call);
  }

  // [/render]

  @ParameterizedTest
  @MethodSource("pythons")
  void theReferencePageExamples(Python python) {
    try (Remote remote = python.connect()) {
      // [reference]
      Templates t = remote.tool(Templates.class);
      assertEquals("Hello, Alice!", t.render("Hello, ${name}!", Map.of("name", "Alice")));
      assertEquals(
          "a, b", render(remote, "${', '.join(sorted(d.keys()))}", "d", Map.of("b", 2, "a", 1)));
      String forLoop = "% for item in items:\n- ${item}\n% endfor";
      assertEquals(
          "- alpha\n- beta\n- gamma",
          render(remote, forLoop, "items", List.of("alpha", "beta", "gamma")));
      String ifs = "% if n > 0:\npositive\n% elif n == 0:\nzero\n% else:\nnegative\n% endif";
      assertEquals("positive", render(remote, ifs, "n", 1));
      assertEquals("zero", render(remote, ifs, "n", 0));
      assertEquals("negative", render(remote, ifs, "n", -1));
      assertEquals("result: 42", render(remote, "## ignored\nresult: ${v}", "v", 42));
      assertEquals("% done 7/10", render(remote, "%% done ${n}/10", "n", 7));
      assertEquals("${not_a_var}", t.render("\\${not_a_var}", null));
      Template compiled = Template.of("server_name ${hostname}; listen ${port};");
      assertEquals(
          "server_name example.com; listen 443;",
          t.renderCompiled(compiled, Map.of("hostname", "example.com", "port", "443")));
      String messages = "Hi ${name}, you have ${count} message${'s' if count != 1 else ''}.";
      assertEquals(
          "Hi Bob, you have 3 messages.", render(remote, messages, "name", "Bob", "count", 3));
      // [/reference]
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void theLibraryTemplatingPageExamples(Python python) {
    try (Remote remote = python.connect()) {
      // [library]
      Templates t = remote.tool(Templates.class);
      assertEquals(
          "Keys: a, b",
          render(remote, "Keys: ${', '.join(sorted(d.keys()))}", "d", Map.of("b", 2, "a", 1)));
      assertEquals("1\n2", render(remote, "% for x in xs:\n${x}\n% end", "xs", List.of(1, 2)));
      assertEquals("1\n2", render(remote, "% for x in [1, 2]:\n${x}\n%"), "a bare % closes");
      assertEquals(
          "result: 42", render(remote, "## this line is ignored\nresult: ${value}", "value", 42));
      assertEquals(
          "port=8080", t.renderCompiled(Template.of("port=${port}"), Map.of("port", "8080")));
      String vhost =
          "## nginx vhost\nserver {\n    listen ${port};\n    server_name ${hostname};\n\n"
              + "    location / {\n        proxy_pass http://127.0.0.1:${backend_port};\n    }\n}";
      String rendered =
          render(remote, vhost, "port", 443, "hostname", "example.com", "backend_port", 8080);
      assertTrue(rendered.contains("server_name example.com;"));
      assertTrue(rendered.contains("proxy_pass http://127.0.0.1:8080;"));
      assertFalse(rendered.contains("## nginx vhost"));
      String messages = "Hi ${name}, you have ${count} message${'s' if count != 1 else ''}.";
      assertEquals(
          "Hi Alice, you have 1 message.", render(remote, messages, "name", "Alice", "count", 1));
      // [/library]
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void theFinalLineBreakAndErrors(Python python) {
    try (Remote remote = python.connect()) {
      Templates t = remote.tool(Templates.class);
      // [line-breaks]
      // The library drops one final line break (as Jinja2 does by default, pallets/jinja #848).
      assertEquals("a", t.render("a\n", null));
      assertEquals("a\n", t.render("a\n\n", null));
      assertEquals("a\nb", t.render("a\r\nb\r\n", null));
      assertEquals("a\n", t.render("a\n", null, true));
      assertEquals("a", t.render("a", null, true));
      // [/line-breaks]

      // [errors]
      NameError undefined =
          assertThrows(
              NameError.class, () -> t.render("a\n% if True:\n  ${missing}\n% endif", null));
      assertTrue(
          undefined.getMessage().contains("template line 3: ${missing}"), undefined.getMessage());
      SyntaxError open =
          assertThrows(SyntaxError.class, () -> t.render("x\n% for a in b:\n${a}", null));
      assertTrue(open.getMessage().contains("line 2"), open.getMessage());
      SyntaxError brace = assertThrows(SyntaxError.class, () -> t.render("x ${a", null));
      assertTrue(brace.getMessage().contains("unterminated ${"), brace.getMessage());
      // [/errors]
    }
  }

  @ParameterizedTest
  @MethodSource("sameFileSystem")
  void renderFileAndRenderTo(Python python, @TempDir Path dir) throws Exception {
    Path source = dir.resolve("t.txt");
    Files.writeString(source, "% for x in xs.split(','):\n${x}\n% endfor\n");
    Path cron = dir.resolve("backup");
    Template entry = Template.of("# backup\n${when} root /usr/local/bin/backup\n");
    try (Remote remote = python.connect()) {
      Templates t = remote.tool(Templates.class);
      assertEquals("p\nq", t.renderFile(source.toString(), Map.of("xs", "p,q")));
      assertEquals("p\nq\n", t.renderFile(source.toString(), Map.of("xs", "p,q"), true));

      // fabric #1388: cron ignores a last line without a line break; keepTrailingNewline keeps it.
      Map<String, String> vars = Map.of("when", "0 3 * * *");
      FileMode mode = FileMode.parse("0600");
      FileChange dry = t.renderTo(cron.toString(), entry, vars, mode, null, null, true, true);
      assertTrue(dry.changed());
      assertFalse(Files.exists(cron), "a dry run writes nothing");
      FileChange first = t.renderTo(cron.toString(), entry, vars, mode, null, null, true, false);
      assertEquals(dry, first);
      assertEquals("# backup\n0 3 * * * root /usr/local/bin/backup\n", Files.readString(cron));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cron)));
      assertFalse(
          t.renderTo(cron.toString(), entry, vars, mode, null, null, true, false).changed());

      FileChange again = t.renderTo(cron.toString(), entry, Map.of("when", "0 4 * * *"));
      assertTrue(again.changed());
      assertTrue(again.diff().contains("-0 3 * * * root"), again.diff());
      assertTrue(again.diff().endsWith("\\ No newline at end of file\n"), again.diff());
      assertEquals("# backup\n0 4 * * * root /usr/local/bin/backup", Files.readString(cron));
    }
  }
}
