package io.rmote.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Remote;
import io.rmote.python.FileNotFoundError;
import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in FileSystem tool through its generated proxy, against every Python that shares this
 * machine's file system (the local python3 and the pyenv ones, 3.6 included): the temporary folder
 * is outside the Debian roots.
 */
class TypedFileSystemTest {

  static List<Python> pythons() {
    return Pythons.all().stream().filter(p -> p.root().equals(Path.of("/"))).toList();
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void readsWritesGlobsAndLinesThroughTheProxy(Python python, @TempDir Path dir) throws Exception {
    try (Remote remote = python.connect()) {
      FileSystem fs = remote.tool(FileSystem.class);
      assertInstanceOf(FileSystemProxy.class, fs);
      assertEquals(Files.readString(Path.of("/etc/hostname")), fs.readStr("/etc/hostname"));
      FileSystemAsync async = remote.tool(FileSystemAsync.class);
      assertInstanceOf(FileSystemAsyncProxy.class, async);
      assertEquals(fs.readStr("/etc/hostname"), async.readStr("/etc/hostname").join());

      String f = dir.resolve("a.conf").toString();
      // writeStr and remove return a FileChange (was a boolean): changed() is that boolean;
      // lineInFile returns the Python library's unified diff (was a boolean): non-empty = changed.
      assertTrue(fs.writeStr(f, "x=1\n").changed());
      assertFalse(fs.writeStr(f, "x=1\n").changed());
      assertTrue(
          fs.writeStr(f, "x=2\n", FileMode.parse("0600"), null).changed()); // null: the default
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(f))));
      assertEquals("x=2\n", fs.readStr(f, null));
      assertFalse(fs.lineInFile(f, "y=2").isEmpty());
      assertTrue(fs.lineInFile(f, "y=2", true).isEmpty());
      assertFalse(fs.lineInFile(f, "x=2", false).isEmpty());
      assertEquals("y=2\n", fs.readStr(f));
      assertEquals(List.of(f), fs.glob(dir.toString(), "*.conf"));

      String b = dir.resolve("b.bin").toString();
      byte[] bytes = "héllo".getBytes(StandardCharsets.UTF_8);
      assertTrue(fs.writeBytes(b, bytes).changed());
      assertArrayEquals(bytes, fs.readBytes(b));
      assertTrue(fs.exists(b));
      assertTrue(fs.remove(b).changed());
      assertFalse(fs.remove(b).changed());

      FileNotFoundError e =
          assertThrows(FileNotFoundError.class, () -> fs.readStr("/nonexistent/file"));
      assertTrue(e.getMessage().contains("FileSystem.read_str"), e.getMessage());
    }
  }
}
