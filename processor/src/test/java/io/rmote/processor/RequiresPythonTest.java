package io.rmote.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.rmote.processor.Sources.compile;
import static io.rmote.processor.Sources.java;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @RemoteTool(requiresPython)} and {@code -Armote.requiresPython}: each construct and import
 * of {@code tools/versions/newer.py} that the declared Python lacks is an error on the interface,
 * naming the Python file and line.
 */
class RequiresPythonTest {

  private static JavaFileObject newer(String attribute) {
    return java(
        "Newer",
        "@RemoteTool(source = \"tools/versions/newer.py\"" + attribute + ")",
        "public interface Newer {}");
  }

  private static Compilation compileWith(String option, JavaFileObject f) {
    return javac().withProcessors(new RemoteToolProcessor()).withOptions(option).compile(f);
  }

  @Test
  void everyConstructAndImportThat36LacksIsAnErrorWithItsLine() {
    JavaFileObject f = newer(", requiresPython = \"3.6\"");
    Compilation c = compile(f);
    String declared = "; the tool declares requiresPython = \"3.6\"";
    String[] errors = {
      "[rmote.moduleTooNew] tools/versions/newer.py:2 imports dataclasses, which is new in Python"
          + " 3.7"
          + declared
          + ". Guard the import with try/except ImportError, or declare a newer Python",
      "[rmote.moduleTooNew] tools/versions/newer.py:3 imports zoneinfo, which is new in Python 3.9"
          + declared,
      "[rmote.moduleTooNew] tools/versions/newer.py:4 imports tomllib, which is new in Python 3.11"
          + declared,
      "[rmote.syntaxTooNew] tools/versions/newer.py:12 uses a type alias statement (type Count ="
          + " ...), which needs Python 3.12"
          + declared,
      "[rmote.syntaxTooNew] tools/versions/newer.py:18 uses the walrus operator (:=), which needs"
          + " Python 3.8"
          + declared,
      "[rmote.syntaxTooNew] tools/versions/newer.py:23 uses a positional-only parameter marker"
          + " (/), which needs Python 3.8"
          + declared,
      "[rmote.syntaxTooNew] tools/versions/newer.py:28 uses the match statement, which needs"
          + " Python 3.10"
          + declared,
      "[rmote.syntaxTooNew] tools/versions/newer.py:35 uses X | Y in the annotation 'int | None',"
          + " evaluated when the def runs (quote it, or add from __future__ import annotations),"
          + " which needs Python 3.10"
          + declared,
      "[rmote.syntaxTooNew] tools/versions/newer.py:43 uses dict[...] in the annotation 'dict[str,"
          + " int]', evaluated when the def runs (quote it, use typing.Dict, or add from __future__"
          + " import annotations), which needs Python 3.9"
          + declared,
      "[rmote.syntaxTooNew] tools/versions/newer.py:50 uses except* (exception groups), which"
          + " needs Python 3.11"
          + declared,
      "[rmote.syntaxTooNew] tools/versions/newer.py:55 uses the f-string = specifier (f\"{x=}\"),"
          + " which needs Python 3.8"
          + declared,
    };
    for (String e : errors) {
      assertThat(c).hadErrorContaining(e).inFile(f).onLineContaining("interface Newer");
    }
    assertThat(c).hadErrorCount(errors.length);
    // graphlib (3.9) is imported under try/except ImportError; quoted annotations are not evaluated
    assertThat(c)
        .hadWarningContaining(
            "[rmote.moduleRemoved] tools/versions/newer.py:5 imports imp, which Python 3.12"
                + " removed: the tool fails there. Guard the import with try/except ImportError"
                + " (or if sys.version_info < (3, 12))")
        .inFile(f)
        .onLineContaining("interface Newer");
  }

  @Test
  void aToolThatDeclaresItsNeedsCompiles() {
    Compilation c = compile(newer(", requiresPython = \"3.12\""));
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("imports imp, which Python 3.12 removed");
    // A build with -Werror (as this project's) stops on it.
    assertThat(compileWith("-Werror", newer(", requiresPython = \"3.12\""))).failed();
  }

  @Test
  void theDefaultIs37SoDataclassesCompile() {
    JavaFileObject points =
        java(
            "Points",
            "@RemoteTool(source = \"tools/versions/dataclass_tool.py\")",
            "public interface Points {",
            "  Point origin();",
            "  record Point(long x, long y) {}",
            "}");
    assertThat(compile(points)).succeededWithoutWarnings();
    JavaFileObject f = newer("");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "tools/versions/newer.py:18 uses the walrus operator (:=), which needs Python 3.8; the"
                + " tool must run on Python 3.7, the default (declare another with"
                + " @RemoteTool(requiresPython = \"3.N\") or -Armote.requiresPython=3.N)")
        .inFile(f)
        .onLineContaining("interface Newer");
    assertThat(c).hadErrorCount(10); // all but dataclasses
  }

  @Test
  void theOptionIsTheDefaultAndTheAttributeWins() {
    JavaFileObject f = newer("");
    Compilation c = compileWith("-Armote.requiresPython=3.11", f);
    assertThat(c)
        .hadErrorContaining(
            "[rmote.syntaxTooNew] tools/versions/newer.py:12 uses a type alias statement (type"
                + " Count = ...), which needs Python 3.12; the compilation declares"
                + " -Armote.requiresPython=3.11")
        .inFile(f)
        .onLineContaining("interface Newer");
    assertThat(c).hadErrorCount(1);
    assertThat(compileWith("-Armote.requiresPython=3.6", newer(", requiresPython = \"3.12\"")))
        .succeeded();
  }

  @ParameterizedTest
  @ValueSource(strings = {"3", "2.7", "3.5", "banana", ">=3.8", "3.8.1"})
  void aBadVersionIsAnErrorOnTheAttribute(String bad) {
    JavaFileObject f = newer(",\n    requiresPython = \"" + bad + "\"");
    assertThat(compile(f))
        .hadErrorContaining(
            "[rmote.requiresPythonInvalid] @RemoteTool(requiresPython = ...) \""
                + bad
                + "\" is not a Python version rmote runs on: write \"3.N\" with N from 6 (the"
                + " oldest Python the runtime supports), such as \"3.8\"")
        .inFile(f)
        .onLineContaining("requiresPython = \"" + bad);
  }

  @Test
  void aBadOptionIsAnError() {
    assertThat(compileWith("-Armote.requiresPython=banana", newer(", requiresPython = \"3.12\"")))
        .hadErrorContaining(
            "[rmote.requiresPythonInvalid] -Armote.requiresPython \"banana\" is not a Python"
                + " version rmote runs on");
  }
}
