package io.rmote.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.PyRecord;
import io.rmote.Remote;
import io.rmote.python.FileNotFoundError;
import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import io.rmote.wire.Codecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference page's quick start, concurrent reads and error handling, through the dynamic API.
 */
class FileSystemTest {
  static final io.rmote.ToolDescriptor FS = BuiltinTools.FILE_SYSTEM;

  static List<Python> pythons() {
    return Pythons.all();
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void quickStartReadsTheHostname(Python python) throws Exception {
    try (Remote remote = python.connect()) {
      String content = remote.call(FS, "read_str", String.class, "/etc/hostname");
      String expected = Files.readString(python.root().resolve("etc/hostname"));
      assertEquals(expected, content);
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void concurrentReadsAndErrors(Python python) {
    try (Remote remote = python.connect()) {
      CompletableFuture<String> hosts =
          remote.callAsync(FS, "read_str", String.class, "/etc/hosts");
      CompletableFuture<String> hostname =
          remote.callAsync(FS, "read_str", String.class, "/etc/hostname");
      assertFalse(hosts.join().isEmpty());
      assertFalse(hostname.join().isEmpty());
      FileNotFoundError e =
          assertThrows(
              FileNotFoundError.class,
              () -> remote.call(FS, "read_str", String.class, "/nonexistent/path/file.txt"));
      assertTrue(e.getMessage().contains("/nonexistent/path/file.txt"), e.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void writeGlobAndLineInFileAreIdempotent(Python python, @TempDir Path dir) throws Exception {
    if (!python.root().equals(Path.of("/"))) return; // the temp folder lives outside the roots
    try (Remote remote = python.connect()) {
      String f = dir.resolve("a.conf").toString();
      // write_str answers a FileChange record (was a bool); line_in_file the Python library's
      // unified diff (was a bool): non-empty when it changed the file.
      assertTrue(
          remote.call(FS, "write_str", PyRecord.class, f, "x=1\n").get("changed").equals(true));
      assertFalse(
          remote.call(FS, "write_str", PyRecord.class, f, "x=1\n").get("changed").equals(true));
      assertFalse(remote.call(FS, "line_in_file", String.class, f, "y=2").isEmpty());
      assertTrue(remote.call(FS, "line_in_file", String.class, f, "y=2").isEmpty());
      assertEquals("x=1\ny=2\n", Files.readString(Path.of(f)));
      assertEquals(
          List.of(f),
          remote.call(FS, "glob", Codecs.list(Codecs.STRING), dir.toString(), "*.conf"));
    }
  }

  /**
   * A name holding a Latin-1 byte came back from an Ansible user's {@code find} as {@code
   * caf\uFFFD.txt}, which named no file; ours comes back as Python's {@code surrogateescape} text
   * and names the same file when handed back, under the C locale too.
   */
  @ParameterizedTest
  @MethodSource("pythons")
  void aGlobbedNameThatIsNotUtf8ReadsBackTheSameFile(Python python, @TempDir Path dir)
      throws Exception {
    if (!python.root().equals(Path.of("/"))) return; // the temp folder lives outside the roots
    Process p =
        new ProcessBuilder("sh", "-c", "printf latin > \"$(printf 'caf\\351.txt')\"")
            .directory(dir.toFile())
            .start();
    assertEquals(0, p.waitFor());
    try (Remote remote = python.builder().environment("LC_ALL", "C").connect()) {
      FileSystem fs = remote.tool(FileSystem.class);
      List<String> names = fs.glob(dir.toString(), "*.txt");
      assertEquals(List.of(dir + "/caf\uDCE9.txt"), names);
      assertEquals(
          "latin",
          new String(fs.readBytes(names.get(0)), java.nio.charset.StandardCharsets.US_ASCII));
      assertTrue(fs.exists(names.get(0)));
      assertFalse(fs.writeStr(names.get(0), "latin").changed());
    }
  }
}
