package io.rmote.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.annotations.RemoteTool;
import io.rmote.processor.RemoteToolProcessor;
import io.rmote.processor.report.DiagnosticId;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of docs/writing-tools.md's "Compile errors" are real: under each {@code ###
 * `rmote.ID`} heading, the {@code java} block is a region of a broken interface in {@code
 * samples/src/test/resources/docs/errors/}; this test compiles them all with the processor and
 * expects each file to get exactly the diagnostics of its heading's id, with the text the {@code
 * text} block after it shows. Every id of {@link DiagnosticId} has its example, except the two that
 * need a processor bug or a failing disk.
 */
class WritingToolsErrorsTest {
  private static final String PAGE = "docs/writing-tools.md";
  private static final String ERRORS = "samples/src/test/resources/docs/errors/";
  private static final Pattern HEADING = Pattern.compile("^### `(rmote\\.\\w+)`\\s*$");
  private static final Set<DiagnosticId> UNREACHABLE =
      EnumSet.of(DiagnosticId.PROCESSOR_FAILED, DiagnosticId.WRITE_FAILED);

  @TempDir Path tmp;

  /** One example: the heading's id, the Java file, the messages the page shows (or null). */
  private record Example(String id, String where, Path file, String shown) {}

  @Test
  void everyIdHasAnExampleThatReportsIt() throws IOException, URISyntaxException {
    List<Example> examples = examples();
    Set<String> expected = new TreeSet<>();
    for (DiagnosticId d : DiagnosticId.values()) if (!UNREACHABLE.contains(d)) expected.add(d.id());
    assertEquals(
        expected,
        examples.stream().map(Example::id).collect(Collectors.toCollection(TreeSet::new)),
        PAGE + " should have one example per id");

    Map<Path, List<String>> reported = compile(examples);
    List<String> problems = new ArrayList<>();
    for (Example e : examples) {
      List<String> messages = reported.getOrDefault(e.file().toAbsolutePath(), List.of());
      Set<String> ids = new TreeSet<>();
      for (String m : messages) {
        Matcher id = Pattern.compile("\\[(rmote\\.\\w+)\\]").matcher(m);
        if (id.find()) ids.add(id.group(1));
      }
      if (!ids.equals(Set.of(e.id())))
        problems.add(e.where() + ": expected only " + e.id() + ", got " + messages);
      String text = messages.stream().map(m -> m + "\n").collect(Collectors.joining());
      if (!text.equals(e.shown()))
        problems.add(e.where() + ": the page should show\n" + text + "but shows\n" + e.shown());
    }
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  private static List<Example> examples() throws IOException {
    List<String> lines = Files.readString(ReadmeTest.TOP.resolve(PAGE)).lines().toList();
    List<ReadmeTest.Block> blocks = ReadmeTest.blocks(PAGE);
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      ReadmeTest.Block b = blocks.get(i);
      if (b.sample() == null || !b.sample().contains(ERRORS) || !b.language().equals("java"))
        continue;
      String id = null;
      for (int l = b.line() - 1; l >= 0 && id == null; l--) {
        Matcher h = HEADING.matcher(lines.get(l));
        if (h.matches()) id = h.group(1);
      }
      assertTrue(id != null, b.where() + ": no ### `rmote.ID` heading above the example");
      String file = b.sample().replaceFirst("^<!-- sample: (\\S+?)(#\\S+)? -->$", "$1");
      ReadmeTest.Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
      String shown = next != null && next.language().equals("text") ? next.text() : null;
      examples.add(new Example(id, b.where(), ReadmeTest.TOP.resolve(file), shown));
    }
    return examples;
  }

  /**
   * Each file's rmote diagnostics, as "error: [id] text" lines in the order reported, with the
   * project's folder shown as "…".
   */
  private Map<Path, List<String>> compile(List<Example> examples)
      throws IOException, URISyntaxException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Path annotations =
          Path.of(RemoteTool.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // the tool-exception examples extend io.rmote.python classes
      Path runtime =
          Path.of(
              io.rmote.python.PythonException.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      String sourcePath =
          ReadmeTest.TOP.resolve("samples/src/main/resources")
              + ":"
              + ReadmeTest.TOP.resolve(ERRORS);
      List<String> options =
          List.of(
              "-proc:only",
              "-d",
              Files.createDirectories(tmp.resolve("out")).toString(),
              "-classpath",
              annotations + ":" + runtime,
              "-Armote.sourcePath=" + sourcePath);
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null,
              files,
              diagnostics,
              options,
              null,
              files.getJavaFileObjectsFromPaths(examples.stream().map(Example::file).toList()));
      task.setProcessors(List.of(new RemoteToolProcessor()));
      task.call();
    }
    Map<Path, List<String>> byFile = new LinkedHashMap<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      String message = d.getMessage(Locale.ROOT);
      if (d.getSource() == null || !message.startsWith("[rmote.")) continue;
      String kind = d.getKind() == Diagnostic.Kind.ERROR ? "error" : "warning";
      byFile
          .computeIfAbsent(Path.of(d.getSource().toUri()).toAbsolutePath(), f -> new ArrayList<>())
          .add(kind + ": " + message.replace(ReadmeTest.TOP.toString(), "…"));
    }
    return byFile;
  }
}
