package io.rmote.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.rmote.processor.Sources.compile;
import static io.rmote.processor.Sources.java;
import static io.rmote.processor.Sources.systemTool;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interfaces that agree with their Python: the serialization corner cases of the reference
 * library's tool fixtures, each compiling without a warning into a proxy, codecs and the index.
 */
class CompileSuccessTest {

  @Test
  void asyncConstantsDataclassesNestedDataclassesEnumsInsideAndOutsideImports() throws IOException {
    JavaFileObject f =
        systemTool(
            "  String VERSION = \"ignored: interface constants are Java's\";",
            "  String hostname();",
            "  DiskInfo diskFree(String path);",
            "  List<DiskInfo> disks();",
            "  Report report();",
            "  CompletableFuture<String> read(String path);", // async def, as a future
            "  @PythonName(\"read\") String readBlocking(@PythonName(\"path\") String file);",
            "  Optional<Long> maybe(long n);",
            "  @PythonName(\"maybe\") Long maybeBoxed(@PythonName(\"n\") long number);",
            "  State state();", // enum inside the tool class
            "  Color color(Color c);", // enum outside, classmethod
            "  long spread(String... names);",
            "  Map<String, Long> options(String path, Boolean recursive, long depth);",
            "  default String greeting() { return \"hi \" + hostname(); }",
            "  record DiskInfo(String path, long free) {}",
            "  record Report(DiskInfo disk, List<DiskInfo> history, Color color, Optional<String> note) {}",
            "  enum State { UP, DOWN }",
            "  enum Color { RED, @PythonName(\"GREEN\") VERDE }");
    Compilation c = compile(f);
    assertThat(c).succeededWithoutWarnings();
    for (String generated :
        new String[] {
          "SystemToolProxy",
          "SystemToolAsync",
          "SystemToolAsyncProxy",
          "SystemTool_DiskInfoCodec",
          "SystemTool_ReportCodec",
          "SystemTool_StateCodec",
          "SystemTool_ColorCodec"
        }) {
      assertThat(c).generatedSourceFile("test." + generated).isNotNull();
    }
    String proxy =
        c.generatedSourceFile("test.SystemToolProxy").orElseThrow().getCharContent(true).toString();
    assertThat(proxy)
        .contains(
            "Calls {@code SystemTool.read(path)} (async def), {@code tools/system.py} line 63.");
    assertThat(proxy).doesNotContain("greeting");
    String calls =
        c.generatedSourceFile("test.SystemToolAsyncProxy")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    // keyword-only parameters by keyword, each with its codec; a null Boolean leaves Python's
    // default
    assertThat(calls)
        .contains(
            "if (recursive != null) {\n        out.keyword(\"recursive\", Codecs.BOOLEAN, recursive);");
    assertThat(calls).contains("out.keyword(\"depth\", Codecs.LONG, depth);");
    String state =
        c.generatedSourceFile("test.SystemTool_StateCodec")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertThat(state).contains("PYTHON_TYPE = \"SystemTool.State\"");
    String color =
        c.generatedSourceFile("test.SystemTool_ColorCodec")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertThat(color).contains("case \"GREEN\":\n        return SystemTool.Color.VERDE;");
    assertThat(services(c)).isEqualTo("test.SystemToolProxy$Provider\n");
  }

  @Test
  void javaParametersWithoutAPythonNameGoIntoKwargs() throws IOException {
    Compilation c =
        compile(
            systemTool(
                "  Map<String, String> tagged(String name, String owner, String teamName);"));
    assertThat(c).succeededWithoutWarnings();
    String calls =
        c.generatedSourceFile("test.SystemToolAsyncProxy")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertThat(calls)
        .contains(
            "out.keyword(\"owner\", Codecs.STRING, owner);\n"
                + "      out.keyword(\"team_name\", Codecs.STRING, teamName);");
    assertThat(calls).contains("out.positional(Codecs.STRING, name);\n      out.keyword(\"owner\"");
  }

  @Test
  void namedtuplesOfBothKinds() {
    JavaFileObject f =
        java(
            "Points",
            "@RemoteTool(source = \"tools/points.py\")",
            "public interface Points {",
            "  Point origin();",
            "  Pair pair(Pair p);",
            "  record Point(long x, long y) {}",
            "  record Pair(long left, long right) {}",
            "}");
    assertThat(compile(f)).succeededWithoutWarnings();
    JavaFileObject wrong =
        java(
            "Points",
            "@RemoteTool(source = \"tools/points.py\")",
            "public interface Points {",
            "  Point origin();",
            "  record Point(",
            "      long x,",
            "      long z) {}",
            "}");
    assertThat(compile(wrong))
        .hadErrorContaining("record component 'z' has no field z in Point (tools/points.py:6)")
        .inFile(wrong)
        .onLineContaining("long z");
  }

  @Test
  void methodsInheritedFromABaseToolInTheSameFile() throws IOException {
    JavaFileObject f =
        java(
            "Child",
            "@RemoteTool(source = \"tools/inherit.py\")",
            "public interface Child {",
            "  String version();",
            "  String name();",
            "  long extra(long n);",
            "}");
    Compilation c = compile(f);
    assertThat(c).succeededWithoutWarnings();
    String proxy =
        c.generatedSourceFile("test.ChildProxy").orElseThrow().getCharContent(true).toString();
    assertThat(proxy)
        .contains(
            "Calls {@code Child.version()}, {@code tools/inherit.py} line 6 (inherited from Common).");
    assertThat(proxy)
        .contains(
            "Calls {@code Child.name()}, {@code tools/inherit.py} line 10 (inherited from Common).");
  }

  @Test
  void sameNamedToolsInDifferentSourceFiles() throws IOException {
    JavaFileObject a =
        java(
            "HelperA",
            "@RemoteTool(source = \"tools/a/helper.py\", name = \"Helper\")",
            "public interface HelperA {",
            "  String which();",
            "}");
    JavaFileObject b =
        java(
            "HelperB",
            "@RemoteTool(source = \"tools/b/helper.py\", name = \"Helper\")",
            "public interface HelperB {",
            "  String which();",
            "  long onlyInB(long n);",
            "}");
    Compilation c = compile(a, b);
    assertThat(c).succeededWithoutWarnings();
    assertThat(
            c.generatedSourceFile("test.HelperAProxy")
                .orElseThrow()
                .getCharContent(true)
                .toString())
        .contains("ofProxy(HelperAProxy.class, \"tools/a/helper.py\", \"Helper\")");
    assertThat(
            c.generatedSourceFile("test.HelperBProxy")
                .orElseThrow()
                .getCharContent(true)
                .toString())
        .contains("ofProxy(HelperBProxy.class, \"tools/b/helper.py\", \"Helper\")");
    assertThat(services(c)).isEqualTo("test.HelperAProxy$Provider\ntest.HelperBProxy$Provider\n");
    // the same method in the wrong file is still caught
    JavaFileObject wrong =
        java(
            "HelperA",
            "@RemoteTool(source = \"tools/a/helper.py\", name = \"Helper\")",
            "public interface HelperA {",
            "  long onlyInB(long n);",
            "}");
    assertThat(compile(wrong))
        .hadErrorContaining("no method only_in_b in Python class Helper (tools/a/helper.py)")
        .inFile(wrong)
        .onLineContaining("onlyInB");
  }

  @Test
  void theSourcePathOptionFindsSourcesOutsideTheClassPath(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("gradle"));
    Files.writeString(
        dir.resolve("gradle/tool.py"),
        "from rmote.protocol import Tool\n\n\nclass GradleTool(Tool):\n    @staticmethod\n"
            + "    def answer() -> int:\n        return 42\n",
        StandardCharsets.UTF_8);
    JavaFileObject f =
        java(
            "GradleTool",
            "@RemoteTool(source = \"gradle/tool.py\")",
            "public interface GradleTool {",
            "  long answer();",
            "}");
    assertThat(compile(f)).hadErrorContaining("Python source gradle/tool.py not found");
    Compilation c =
        javac()
            .withProcessors(new RemoteToolProcessor())
            .withOptions(
                "-Armote.sourcePath=" + dir.resolve("nowhere") + java.io.File.pathSeparator + dir)
            .compile(f);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.GradleToolProxy").isNotNull();
  }

  @Test
  void aRecordSharedByTwoToolsGetsOneCodec() {
    JavaFileObject disk =
        java("Disk", "@PythonName(\"DiskInfo\")", "public record Disk(String path, long free) {}");
    JavaFileObject one =
        java(
            "One",
            "@RemoteTool(source = \"tools/system.py\", name = \"SystemTool\")",
            "public interface One {",
            "  Disk diskFree(String path);",
            "}");
    JavaFileObject two =
        java(
            "Two",
            "@RemoteTool(source = \"tools/system.py\", name = \"SystemTool\")",
            "public interface Two {",
            "  List<Disk> disks();",
            "}");
    Compilation c = compile(disk, one, two);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.DiskCodec").isNotNull();
  }

  private static String services(Compilation c) throws IOException {
    return c.generatedFile(
            StandardLocation.CLASS_OUTPUT, "META-INF/services/io.rmote.internal.RemoteToolProvider")
        .orElseThrow()
        .getCharContent(true)
        .toString();
  }
}
