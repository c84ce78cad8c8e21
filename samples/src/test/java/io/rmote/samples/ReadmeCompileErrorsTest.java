package io.rmote.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.annotations.RemoteTool;
import io.rmote.processor.RemoteToolProcessor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's example of the processor's errors is real output: this test misspells {@code
 * hostname} and makes {@code diskFree} return {@code long} in a copy of {@link SystemTool},
 * compiles it with the processor, and expects exactly the errors the README shows, on the lines it
 * shows.
 */
class ReadmeCompileErrorsTest {
  private static final Pattern ERROR = Pattern.compile("^SystemTool\\.java:(\\d+): error: (.*)$");

  @TempDir Path tmp;

  @Test
  void theReadmeShowsTheErrorsTheProcessorReports() throws IOException, URISyntaxException {
    Block block = readmeErrors();
    List<String> shown = new ArrayList<>();
    for (String line : block.text().lines().toList()) {
      Matcher m = ERROR.matcher(line);
      if (m.matches()) shown.add(m.group(1) + ": " + m.group(2));
    }
    assertFalse(
        shown.isEmpty(),
        "no SystemTool.java:LINE: error: lines in the README's block at " + block.where());

    String source =
        Files.readString(
            ReadmeTest.TOP.resolve("samples/src/main/java/io/rmote/samples/SystemTool.java"));
    String broken =
        source
            .replace("  String hostname();", "  String hostnme();")
            .replace("  DiskInfo diskFree(String path);", "  long diskFree(String path);");
    assertTrue(
        !broken.equals(source) && broken.contains("hostnme") && broken.contains("long diskFree"),
        "SystemTool.java no longer has the lines this test breaks");
    Path file = tmp.resolve("src/io/rmote/samples/SystemTool.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, broken);
    Path out = Files.createDirectories(tmp.resolve("out"));

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Path annotations =
          Path.of(RemoteTool.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      List<String> options =
          List.of(
              "-proc:only",
              "-d",
              out.toString(),
              "-classpath",
              annotations.toString(),
              "-Armote.sourcePath=" + ReadmeTest.TOP.resolve("samples/src/main/resources"));
      JavaCompiler.CompilationTask task =
          javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(file));
      task.setProcessors(List.of(new RemoteToolProcessor()));
      assertFalse(task.call(), "the broken interface compiled");
    }
    List<String> reported = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR)
        reported.add(d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
    }
    assertEquals(
        reported,
        shown,
        "the README's block at " + block.where() + " should show what the processor reports");
  }

  private record Block(String where, String text) {}

  /** The {@code text} block of the README that shows {@code SystemTool.java:LINE: error:} lines. */
  private static Block readmeErrors() throws IOException {
    for (ReadmeTest.Block b : ReadmeTest.blocks("README.md")) {
      if (b.language().equals("text") && b.text().startsWith("SystemTool.java:"))
        return new Block(b.where(), b.text());
    }
    throw new AssertionError("the README has no text block of SystemTool.java errors");
  }
}
