package io.rmote.processor.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares the scanner with CPython's own parser: {@code ast_outline.py} prints what the scanner
 * should find (classes, bases, decorators, methods, parameter kinds, annotations, defaults, fields,
 * assignments, namedtuples, line numbers) and this test renders the scanner's result the same way.
 * Skipped where no {@code python3} (3.8 or newer) is installed. The standard library of the
 * interpreter is the large input: every module outside its test suites.
 */
class AstCrossCheckTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  // Another interpreter (-Drmote.test.python=python3.13) checks that version's syntax and stdlib.
  private static final String PYTHON = System.getProperty("rmote.test.python", "python3");
  // Test suites and third-party packages hold deliberately broken or Python-2 files.
  private static final Set<String> SKIPPED_DIRS =
      Set.of(
          "test", "tests", "idle_test", "site-packages", "dist-packages", "lib2to3", "__pycache__");

  @TempDir Path temp;

  @Test
  void projectSourcesMatchPythonAst() throws Exception {
    Path cases = temp.resolve("tools_cases.py");
    Files.writeString(cases, ScannerFixtures.resource("tools_cases.py"));
    Path tricky = temp.resolve("tricky.py");
    Files.writeString(tricky, ScannerFixtures.resource("tricky.py"));
    List<Path> files =
        List.of(
            cases,
            tricky,
            ROOT.resolve("tools-python/src/main/resources/tools/fs.py"),
            ROOT.resolve("samples/src/main/resources/tools/system_tool.py"),
            ROOT.resolve("runtime/src/test/resources/tools/probe.py"));
    assertEquals(List.of(), compare(files, true));
  }

  @Test
  void standardLibraryMatchesPythonAst() throws Exception {
    Path stdlib =
        Path.of(python("import sysconfig; print(sysconfig.get_paths()['stdlib'])").strip());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(stdlib)) {
      files =
          walk.filter(p -> p.toString().endsWith(".py"))
              .filter(
                  p ->
                      stdlib.relativize(p).getParent() == null
                          || !skipped(stdlib.relativize(p).getParent()))
              .sorted()
              .toList();
    }
    assertTrue(files.size() > 100, "expected the standard library under " + stdlib);
    List<String> mismatches = compare(files, false);
    if (!mismatches.isEmpty()) {
      fail(
          mismatches.size()
              + " of "
              + files.size()
              + " files differ:\n"
              + String.join("\n", mismatches.subList(0, Math.min(20, mismatches.size()))));
    }
  }

  private static boolean skipped(Path dir) {
    for (Path part : dir) {
      if (SKIPPED_DIRS.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }

  /** Outlines every file both ways; returns one description per file that differs. */
  private List<String> compare(List<Path> files, boolean allMustParse) throws Exception {
    Map<String, List<String>> expected = outlines(files);
    List<String> mismatches = new ArrayList<>();
    int compared = 0;
    for (Path file : files) {
      List<String> want = expected.get(file.toString());
      if (want == null) {
        fail("no outline for " + file + " in the script's output");
      }
      if (want.equals(List.of("!error"))) {
        if (allMustParse) {
          fail("python3 could not parse " + file);
        }
        continue;
      }
      compared++;
      List<String> got;
      try {
        got = render(PythonScanner.scan(file.getFileName().toString(), Files.readString(file)));
      } catch (PythonSyntaxException e) {
        mismatches.add(file + ": scanner failed: " + e.getMessage());
        continue;
      }
      if (!got.equals(want)) {
        int k = 0;
        while (k < got.size() && k < want.size() && got.get(k).equals(want.get(k))) {
          k++;
        }
        mismatches.add(
            file
                + ": first difference at outline line "
                + (k + 1)
                + "\n   python:  "
                + (k < want.size() ? want.get(k) : "(end)")
                + "\n   scanner: "
                + (k < got.size() ? got.get(k) : "(end)"));
      }
    }
    assertTrue(compared > 0, "no file compared");
    return mismatches;
  }

  private Map<String, List<String>> outlines(List<Path> files) throws Exception {
    Path script = temp.resolve("ast_outline.py");
    Files.writeString(script, ScannerFixtures.resource("ast_outline.py"));
    List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
    files.forEach(f -> command.add(f.toString()));
    String out = run(command);
    Map<String, List<String>> result = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : out.split("\n", -1)) {
      if (line.startsWith("=== ")) {
        current = new ArrayList<>();
        result.put(line.substring(4), current);
      } else if (current != null && !line.isEmpty()) {
        current.add(line);
      }
    }
    return result;
  }

  private String python(String code) throws Exception {
    return run(List.of(PYTHON, "-c", code));
  }

  private static String run(List<String> command) throws Exception {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      Assumptions.abort("python3 is not installed: " + e.getMessage());
      throw e;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = process.getInputStream()) {
      in.transferTo(out);
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("python3 did not finish: " + command.get(1));
    }
    int code = process.exitValue();
    Assumptions.assumeTrue(code != 3, "python3 is older than 3.8");
    assertEquals(0, code, "python3 failed");
    return out.toString(StandardCharsets.UTF_8);
  }

  // ---- the scanner's side of the outline format, as ast_outline.py prints it

  private static List<String> render(PyModule module) {
    List<String> out = new ArrayList<>();
    for (PyClass c : module.classes()) {
      render(c, 0, out);
    }
    return out;
  }

  private static void render(PyClass c, int depth, List<String> out) {
    String pad = "  ".repeat(depth);
    out.add(
        pad
            + "class "
            + c.qualifiedName()
            + " line="
            + c.line()
            + " bases="
            + texts(c.bases())
            + " decorators="
            + texts(c.decorators()));
    for (PyFunction f : c.methods()) {
      out.add(
          pad
              + "  def "
              + f.name()
              + " line="
              + f.line()
              + " async="
              + (f.async() ? "True" : "False")
              + " decorators="
              + texts(f.decorators())
              + " returns="
              + text(f.returns()));
      for (PyParam p : f.params()) {
        out.add(
            pad
                + "    param "
                + p.name()
                + " "
                + p.kind()
                + " ann="
                + text(p.annotation())
                + " default="
                + text(p.defaultValue()));
      }
    }
    for (PyField f : c.fields()) {
      out.add(
          pad
              + "  field "
              + f.name()
              + " line="
              + f.line()
              + " ann="
              + text(f.annotation())
              + " default="
              + text(f.defaultValue()));
    }
    for (PyAssignment a : c.assignments()) {
      out.add(pad + "  assign " + a.name() + " line=" + a.line() + " value=" + text(a.value()));
    }
    for (PyClass n : c.nested()) {
      render(n, depth + 1, out);
    }
  }

  private static String texts(List<String> values) {
    return values.stream().map(AstCrossCheckTest::text).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String text(String value) {
    if (value == null) {
      return "-";
    }
    String v = value;
    while (v.startsWith("(") && v.endsWith(")") && wraps(v)) {
      v = v.substring(1, v.length() - 1).strip();
    }
    return "'" + v.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") + "'";
  }

  private static boolean wraps(String value) {
    int depth = 0;
    for (int k = 0; k < value.length(); k++) {
      char c = value.charAt(k);
      if ("([{".indexOf(c) >= 0) {
        depth++;
      } else if (")]}".indexOf(c) >= 0) {
        depth--;
        if (depth == 0 && k < value.length() - 1) {
          return false;
        }
      }
    }
    return true;
  }
}
