package io.rmote.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rmote.processor.Sources.compile;
import static io.rmote.processor.Sources.systemTool;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The generated code of the reference page's example, compared exactly with {@code
 * src/test/resources/golden/}. To accept a deliberate change, run with {@code
 * -Drmote.golden.update=true} and review the diff.
 */
class GoldenFilesTest {

  @Test
  void systemToolProxyAndDiskInfoCodec() throws IOException {
    Compilation c =
        compile(
            systemTool(
                "  String hostname();",
                "",
                "  DiskInfo diskFree(String path);",
                "",
                "  CompletableFuture<String> read(String path);",
                "",
                "  record DiskInfo(String path, long free) {}"));
    assertThat(c).succeededWithoutWarnings();
    golden(c, "test.SystemToolProxy", "SystemToolProxy.java.txt");
    golden(c, "test.SystemToolAsync", "SystemToolAsync.java.txt");
    golden(c, "test.SystemToolAsyncProxy", "SystemToolAsyncProxy.java.txt");
    golden(c, "test.SystemTool_DiskInfoCodec", "SystemTool_DiskInfoCodec.java.txt");
  }

  @Test
  void theCheckedSourceIsStoredBesideTheProxy() throws IOException {
    Compilation c = compile(systemTool("  String hostname();"));
    assertThat(c).succeeded();
    String checked;
    try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/tools/system.py")) {
      checked = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(c)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "test", "SystemToolProxy.py")
        .contentsAsUtf8String()
        .isEqualTo(checked);
  }

  @Test
  void enumCodec() throws IOException {
    Compilation c = compile(systemTool("  State state();", "", "  enum State { UP, DOWN }"));
    assertThat(c).succeededWithoutWarnings();
    golden(c, "test.SystemTool_StateCodec", "SystemTool_StateCodec.java.txt");
  }

  private static void golden(Compilation c, String type, String file) throws IOException {
    String actual = c.generatedSourceFile(type).orElseThrow().getCharContent(true).toString();
    if (Boolean.getBoolean("rmote.golden.update")) {
      Files.writeString(Path.of("src/test/resources/golden", file), actual, StandardCharsets.UTF_8);
      return;
    }
    try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/golden/" + file)) {
      String expected =
          in == null
              ? "(no golden file " + file + ")"
              : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(expected, actual, type);
    }
  }
}
