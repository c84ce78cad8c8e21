package io.rmote.processor.source;

import static io.rmote.processor.source.ScannerFixtures.cls;
import static io.rmote.processor.source.ScannerFixtures.method;
import static io.rmote.processor.source.ScannerFixtures.param;
import static io.rmote.processor.source.ScannerFixtures.scan;
import static io.rmote.processor.source.ScannerFixtures.t;
import static io.rmote.processor.source.ScannerFixtures.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.processor.source.PyParam.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The project's real tool files, and a fixture with the corner cases tools run into. */
class ToolSourcesTest {
  // Surefire runs in the processor module's folder; the tools live in sibling modules.
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private static PyModule scanFile(String relative) throws IOException {
    return scan(Files.readString(ROOT.resolve(relative)));
  }

  private static List<String> methodNames(PyClass c) {
    return c.methods().stream().map(PyFunction::name).toList();
  }

  @Test
  void fileSystemTool() throws IOException {
    PyModule m = scanFile("tools-python/src/main/resources/tools/fs.py");
    PyClass fs = cls(m, "FileSystem");
    assertEquals(List.of("Tool"), fs.bases());
    assertEquals(
        List.of(
            "read_bytes",
            "read_str",
            "exists",
            "glob",
            "line_in_file",
            "block_in_file",
            "write_str",
            "write_bytes",
            "stat",
            "mkdir",
            "remove",
            "chmod",
            "chown",
            "symlink"),
        methodNames(fs));
    PyFunction write = method(fs, "write_str");
    assertEquals(List.of("staticmethod"), write.decorators());
    assertEquals(235, write.line());
    assertEquals("None", param(write, "mode").defaultValue());
    assertEquals("\"utf-8\"", param(write, "encoding").defaultValue());
    assertEquals("FileChange", write.returns());
    assertEquals(t("List", t("str")), type(method(fs, "glob").returns()));
    assertEquals("True", param(method(fs, "line_in_file"), "present").defaultValue());
  }

  @Test
  void systemToolSample() throws IOException {
    PyModule m = scanFile("samples/src/main/resources/tools/system_tool.py");
    PyClass info = cls(m, "DiskInfo");
    assertEquals(List.of("dataclasses.dataclass"), info.decorators());
    assertEquals(
        List.of(new PyField("path", "str", null, 8), new PyField("free", "int", null, 9)),
        info.fields());
    PyClass tool = cls(m, "SystemTool");
    assertEquals(List.of("hostname", "disk_free", "read"), methodNames(tool));
    PyFunction diskFree = method(tool, "disk_free");
    assertEquals(
        new PyParam("path", Kind.POSITIONAL_OR_KEYWORD, "str", "\"/\""), diskFree.params().get(0));
    assertEquals(t("DiskInfo"), type(diskFree.returns()));
    assertTrue(method(tool, "read").async());
    assertFalse(method(tool, "hostname").async());
  }

  @Test
  void runtimeProbe() throws IOException {
    PyModule m = scanFile("runtime/src/test/resources/tools/probe.py");
    assertEquals(
        List.of("QuotaError", "Probe", "Child"), m.classes().stream().map(PyClass::name).toList());
    PyClass probe = cls(m, "Probe");
    assertEquals(
        List.of(new PyAssignment("cancelled", "[]", 10), new PyAssignment("started", "[]", 11)),
        probe.assignments());
    PyFunction add = method(probe, "add");
    assertEquals(
        List.of(
            new PyParam("a", Kind.POSITIONAL_OR_KEYWORD, null, null),
            new PyParam("b", Kind.POSITIONAL_OR_KEYWORD, null, "10"),
            new PyParam("scale", Kind.KEYWORD_ONLY, null, "1")),
        add.params());
    assertEquals(List.of("classmethod"), method(probe, "name").decorators());
    assertEquals("cls", method(probe, "name").params().get(0).name());
    assertTrue(method(probe, "async_sleep").async());
    assertEquals(Kind.VAR_POSITIONAL, method(probe, "run").params().get(0).kind());
    assertEquals(List.of(), method(probe, "instance_method").decorators());
    assertEquals(List.of("Probe"), cls(m, "Child").bases());
    assertEquals(List.of("own"), methodNames(cls(m, "Child")));
  }

  @Test
  void cornerCasesOfToolFixtures() {
    PyModule m = scan(ScannerFixtures.resource("tools_cases.py"));
    assertEquals(
        List.of(
            "Colour",
            "Level",
            "Point",
            "Segment",
            "Pair",
            "AsyncTool",
            "ConstTool",
            "EnumTool",
            "DataTool",
            "ImportTool",
            "Base",
            "Derived"),
        m.classes().stream().map(PyClass::name).toList());

    // Enums outside the tool, by base.
    assertEquals(
        List.of(new PyAssignment("RED", "\"red\"", 15), new PyAssignment("GREEN", "\"green\"", 16)),
        cls(m, "Colour").assignments());
    assertEquals(List.of("enum.IntEnum"), cls(m, "Level").bases());

    // Dataclasses, one holding another by a forward reference.
    PyClass segment = cls(m, "Segment");
    assertEquals(List.of("dataclasses.dataclass(frozen=True)"), segment.decorators());
    assertEquals(
        List.of("start", "end", "tags"), segment.fields().stream().map(PyField::name).toList());
    assertEquals(t("Point"), type(segment.fields().get(1).annotation()));
    assertEquals("field(default_factory=list)", segment.fields().get(2).defaultValue());
    assertEquals(new PyField("y", "int", "0", 27), cls(m, "Point").fields().get(1));
    assertEquals(List.of("NamedTuple"), cls(m, "Pair").bases());
    assertEquals(t("Optional", t("str")), type(cls(m, "Pair").fields().get(1).annotation()));

    // Async methods, static and class.
    PyClass async = cls(m, "AsyncTool");
    PyFunction fetch = method(async, "fetch");
    assertTrue(fetch.async());
    assertEquals(new PyParam("timeout", Kind.KEYWORD_ONLY, "float", "1.5"), fetch.params().get(1));
    assertTrue(method(async, "count").async());
    assertEquals(List.of("classmethod"), method(async, "count").decorators());

    // Class-level constants beside methods.
    PyClass consts = cls(m, "ConstTool");
    assertEquals(
        List.of("VERSION", "MAX", "A", "B"),
        consts.assignments().stream().map(PyAssignment::name).toList());
    assertEquals(List.of("version"), methodNames(consts));

    // An enum inside the tool, returned by a dotted forward reference.
    PyClass enumTool = cls(m, "EnumTool");
    PyClass state = cls(m, "EnumTool.State");
    assertEquals(List.of("Enum"), state.bases());
    assertEquals(
        List.of(new PyAssignment("ON", "auto()", 64), new PyAssignment("OFF", "auto()", 65)),
        state.assignments());
    assertEquals(t("State"), type(method(enumTool, "state").returns()));
    assertEquals(t("Colour"), type(method(enumTool, "colour").returns()));

    assertEquals(
        t("Dict", t("str"), t("List", t("Point"))),
        type(method(cls(m, "DataTool"), "by_name").returns()));

    // Inheritance: the scanner reports bases; merging inherited methods is the checker's work.
    assertEquals(List.of("Base"), cls(m, "Derived").bases());
    assertEquals(List.of("bye"), methodNames(cls(m, "Derived")));
    assertEquals(List.of(), method(cls(m, "Derived"), "bye").params());
  }
}
