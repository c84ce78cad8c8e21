package io.rmote.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rmote.processor.Sources.compile;
import static io.rmote.processor.Sources.java;
import static io.rmote.processor.Sources.systemTool;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Every diagnostic of the processor: its message, and the Java element (line) it is on. */
class CompileErrorsTest {

  @Test
  void sourceFileMissing() {
    JavaFileObject f =
        java("Gone", "@RemoteTool(", "    source = \"tools/nope.py\")", "public interface Gone {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[rmote.sourceMissing] Python source tools/nope.py not found")
        .inFile(f)
        .onLineContaining("source = \"tools/nope.py\"");
    assertThat(c)
        .hadErrorContaining("-Armote.sourcePath=DIR")
        .inFile(f)
        .onLineContaining("tools/nope.py");
  }

  @Test
  void sourceTheScannerCannotRead() {
    JavaFileObject f =
        java("Broken", "@RemoteTool(source = \"tools/broken.py\")", "public interface Broken {}");
    assertThat(compile(f))
        .hadErrorContaining(
            "[rmote.sourceUnreadable] cannot read the Python source tools/broken.py: line 6")
        .inFile(f)
        .onLineContaining("tools/broken.py");
  }

  @Test
  void classMissingSuggestsTheClosestName() {
    JavaFileObject f =
        java(
            "SystemTol",
            "@RemoteTool(source = \"tools/system.py\")",
            "public interface SystemTol {}");
    assertThat(compile(f))
        .hadErrorContaining(
            "[rmote.classMissing] no class SystemTol in tools/system.py; did you mean SystemTool?")
        .inFile(f)
        .onLineContaining("interface SystemTol");
  }

  @Test
  void methodMissingSuggestsTheClosestName() {
    JavaFileObject f =
        systemTool(
            "  String hostname();",
            "  DiskInfo diskFre(String path);",
            "  record DiskInfo(String path, long free) {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[rmote.methodMissing] no method disk_fre in Python class SystemTool (tools/system.py);"
                + " did you mean disk_free (Java: diskFree)?")
        .inFile(f)
        .onLineContaining("diskFre(");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void instanceMethod() {
    JavaFileObject f = systemTool("  String instance();");
    assertThat(compile(f))
        .hadErrorContaining(
            "[rmote.instanceMethod] SystemTool.instance (tools/system.py:96) is an instance method")
        .inFile(f)
        .onLineContaining("String instance()");
  }

  @Test
  void toolWithInit() {
    JavaFileObject f =
        java(
            "InitTool",
            "@RemoteTool(source = \"tools/init_tool.py\")",
            "public interface InitTool {",
            "  String ping();",
            "}");
    assertThat(compile(f))
        .hadErrorContaining(
            "[rmote.toolHasInit] Python tool InitTool has __init__ (Base, tools/init_tool.py:5)")
        .inFile(f)
        .onLineContaining("interface InitTool");
  }

  @Test
  void javaParameterWithoutPythonCounterpart() {
    JavaFileObject f = systemTool("  String read(String pth);");
    assertThat(compile(f))
        .hadErrorContaining(
            "[rmote.parameterMissing] parameter 'pth' has no counterpart: read(path) (tools/system.py:63)"
                + " has no parameter pth; did you mean path (Java: path)?")
        .inFile(f)
        .onLineContaining("String pth");
  }

  @Test
  void requiredPythonParameterNotCovered() {
    JavaFileObject f = systemTool("  Map<String, Long> options(String path);");
    assertThat(compile(f))
        .hadErrorContaining(
            "[rmote.requiredNotCovered] Python parameter depth of options(path, recursive, depth)"
                + " (tools/system.py:88) has no default and no Java parameter: add a parameter depth to options()")
        .inFile(f)
        .onLineContaining("options(String path)");
  }

  @Test
  void argumentTypeContradictsTheAnnotation() {
    JavaFileObject f = systemTool("  String read(long path);");
    assertThat(compile(f))
        .hadErrorContaining(
            "[rmote.parameterMismatch] parameter 'path' is long, but Python's read (tools/system.py:63)"
                + " annotates path as str: use String")
        .inFile(f)
        .onLineContaining("long path");
  }

  @Test
  void resultTypeContradictsTheAnnotation() {
    JavaFileObject f = systemTool("  long hostname();");
    assertThat(compile(f))
        .hadErrorContaining(
            "[rmote.resultMismatch] hostname() returns long, but Python's hostname (tools/system.py:43)"
                + " returns str: use String")
        .inFile(f)
        .onLineContaining("long hostname()");
  }

  @Test
  void listVersusRecord() {
    JavaFileObject f =
        systemTool("  DiskInfo disks();", "  record DiskInfo(String path, long free) {}");
    assertThat(compile(f))
        .hadErrorContaining(
            "[rmote.resultMismatch] disks() returns test.SystemTool.DiskInfo, but Python's disks"
                + " (tools/system.py:54) returns List[DiskInfo]: use List<DiskInfo>")
        .inFile(f)
        .onLineContaining("disks()");
  }

  @Test
  void dataclassVersusADifferentRecord() {
    JavaFileObject f =
        systemTool("  Other diskFree(String path);", "  record Other(String name) {}");
    assertThat(compile(f))
        .hadErrorContaining(
            "[rmote.resultMismatch] diskFree() returns test.SystemTool.Other, but Python's disk_free"
                + " (tools/system.py:48) returns \"DiskInfo\": the Java record maps to the Python class Other, a different one")
        .inFile(f)
        .onLineContaining("Other diskFree");
  }

  @Test
  void optionalPythonResultIntoAPrimitive() {
    JavaFileObject f = systemTool("  long maybe(long n);");
    assertThat(compile(f))
        .hadErrorContaining("returns Optional[int]: it may be None, which a Java long cannot hold")
        .inFile(f)
        .onLineContaining("long maybe");
  }

  @Test
  void recordComponentMissingFromTheDataclass() {
    JavaFileObject f =
        systemTool(
            "  DiskInfo diskFree(String path);",
            "  record DiskInfo(",
            "      String path,",
            "      long free,",
            "      long total) {}");
    assertThat(compile(f))
        .hadErrorContaining(
            "[rmote.fieldMissing] record component 'total' has no field total in DiskInfo"
                + " (tools/system.py:10)")
        .inFile(f)
        .onLineContaining("long total");
  }

  @Test
  void dataclassFieldMissingFromTheRecord() {
    JavaFileObject f =
        systemTool("  DiskInfo diskFree(String path);", "  record DiskInfo(String path) {}");
    assertThat(compile(f))
        .hadErrorContaining(
            "[rmote.componentMissing] record DiskInfo has no component for field free of DiskInfo"
                + " (tools/system.py:12): add long free")
        .inFile(f)
        .onLineContaining("record DiskInfo");
  }

  @Test
  void recordComponentTypeContradictsTheField() {
    JavaFileObject f =
        systemTool(
            "  DiskInfo diskFree(String path);",
            "  record DiskInfo(",
            "      String path,",
            "      String free) {}");
    assertThat(compile(f))
        .hadErrorContaining(
            "[rmote.fieldMismatch] record component 'free' is java.lang.String, but field free of"
                + " DiskInfo (tools/system.py:12) is int: use long")
        .inFile(f)
        .onLineContaining("String free");
  }

  @Test
  void enumConstantMissingInPython() {
    JavaFileObject f =
        systemTool("  State state();", "  enum State {", "    UP,", "    DOWN,", "    GONE", "  }");
    assertThat(compile(f))
        .hadErrorContaining(
            "[rmote.memberMissing] enum constant GONE has no member GONE in Python enum SystemTool.State"
                + " (tools/system.py:38)")
        .inFile(f)
        .onLineContaining("GONE");
  }

  @Test
  void pythonMemberMissingInJava() {
    JavaFileObject f = systemTool("  State state();", "  enum State { UP }");
    assertThat(compile(f))
        .hadErrorContaining(
            "[rmote.constantMissing] enum State has no constant for member DOWN of SystemTool.State"
                + " (tools/system.py:40): add DOWN")
        .inFile(f)
        .onLineContaining("enum State");
  }

  @Test
  void unsupportedJavaType() {
    JavaFileObject f = systemTool("  String read(Thread path);", "  Object hostname();");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[rmote.unsupportedType] parameter 'path' has the type java.lang.Thread, which has no wire mapping")
        .inFile(f)
        .onLineContaining("Thread path");
    assertThat(c)
        .hadErrorContaining(
            "[rmote.unsupportedType] the result of hostname() has the type java.lang.Object")
        .inFile(f)
        .onLineContaining("Object hostname()");
  }

  @Test
  void varargsNeedStarArgs() {
    JavaFileObject f = systemTool("  String read(String... path);");
    assertThat(compile(f))
        .hadErrorContaining(
            "[rmote.varargsWithoutStar] Java varargs become *args, but read(path) (tools/system.py:63)"
                + " takes no *args")
        .inFile(f)
        .onLineContaining("String... path");
  }

  @Test
  void annotationGoesOnAnInterface() {
    JavaFileObject f =
        java(
            "NotAnInterface",
            "@RemoteTool(source = \"tools/system.py\")",
            "public abstract class NotAnInterface {}");
    assertThat(compile(f))
        .hadErrorContaining("[rmote.notAnInterface] @RemoteTool goes on an interface")
        .inFile(f)
        .onLineContaining("class NotAnInterface");
  }

  @Test
  void aMissingPythonAnnotationIsAWarningOnly() {
    JavaFileObject f = systemTool("  String plain(String x);");
    Compilation c = compile(f);
    assertThat(c).succeeded();
    assertThat(c)
        .hadWarningContaining(
            "[rmote.parameterNotAnnotated] Python parameter x of plain (tools/system.py:80) has no annotation")
        .inFile(f)
        .onLineContaining("String x");
    assertThat(c)
        .hadWarningContaining(
            "[rmote.returnNotAnnotated] Python method plain (tools/system.py:80) has no return annotation")
        .inFile(f)
        .onLineContaining("String plain");
  }

  @Test
  void everyErrorOfOneInterfaceIsReportedInOneCompile() {
    JavaFileObject f =
        systemTool("  long hostname();", "  String nope();", "  String read(long path);");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("hostname() returns long");
    assertThat(c).hadErrorContaining("no method nope");
    assertThat(c).hadErrorContaining("parameter 'path' is long");
    assertThat(c).hadErrorCount(3);
  }

  @Test
  void suggestionsComeFromTheOneTypeTable() {
    // TypeCheck accepts Counter and Deque: the suggestion must name the Java type that agrees.
    JavaFileObject f =
        systemTool(
            "  long counts(List<String> words);",
            "  String recent(long n);",
            "  record DiskInfo(String path, long free) {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[rmote.resultMismatch] counts() returns long, but Python's counts"
                + " (tools/system.py:104) returns \"Counter[str]\": use Map<String, Long>")
        .inFile(f)
        .onLineContaining("long counts");
    assertThat(c)
        .hadErrorContaining("returns \"Deque[DiskInfo]\": use List<DiskInfo>")
        .inFile(f)
        .onLineContaining("String recent");
  }

  @Test
  void theAsyncTwinsNameIsTaken() {
    JavaFileObject tool = systemTool("  String hostname();");
    JavaFileObject taken = java("SystemToolAsync", "public interface SystemToolAsync {}");
    assertThat(compile(tool, taken))
        .hadErrorContaining(
            "[rmote.asyncNameTaken] the processor generates"
                + " test.SystemToolAsync, the async twin of SystemTool, but a type of that name already exists")
        .inFile(tool)
        .onLineContaining("interface SystemTool");
  }

  @Test
  void genericMethodAndRawFuture() {
    JavaFileObject f = systemTool("  <T> T hostname();", "  CompletableFuture read(String path);");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[rmote.genericMethod] remote method hostname cannot have type parameters")
        .inFile(f)
        .onLineContaining("T hostname()");
    assertThat(c)
        .hadErrorContaining("[rmote.rawType] the result of read() has the raw type")
        .inFile(f)
        .onLineContaining("CompletableFuture read");
  }
}
