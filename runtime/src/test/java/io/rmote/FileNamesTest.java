package io.rmote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text and file names arrive and go back unchanged on every interpreter, whatever the remote's
 * locale. Two reports of the peers' users: Python 3.6 under {@code LC_ALL=C} (what an SSH login
 * without a locale gets) could not write {@code café.txt} while 3.7 could; and a file whose name
 * holds a Latin-1 byte came back from {@code glob} as {@code caf\uFFFD.txt}, a name that no longer
 * opened the file.
 */
class FileNamesTest {
  static final ToolDescriptor NAMES =
      ToolDescriptor.fromResource(FileNamesTest.class, "tools/names.py", "Names");

  static List<Python> pythons() {
    return Pythons.all();
  }

  /** Those started on this machine's {@code /}: a wrapper can go in front of their command. */
  static Stream<Python> localPythons() {
    return Pythons.all().stream().filter(p -> p.root().equals(Path.of("/")));
  }

  /** The interpreter under the C locale, as sshd starts it when the client sends no locale. */
  private static Remote connectUnderTheCLocale(Python python) {
    return python.builder().environment("LC_ALL", "C").environment("LANG", "C").connect();
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void utf8NamesAndTextWorkUnderTheCLocaleOnEveryPython(Python python, @TempDir Path dir)
      throws IOException {
    String text = "naïve café ☃ 😀 \u00a0";
    try (Remote remote = connectUnderTheCLocale(python)) {
      assertEquals("utf-8", remote.call(NAMES, "encoding", String.class));
      assertEquals(text, remote.call(NAMES, "echo", String.class, text));
      String directory = remoteDir(python, dir);
      byte[] data = "é\n".getBytes(StandardCharsets.UTF_8);
      remote.call(NAMES, "write", Void.class, directory + "/café.txt", data);
      assertEquals(List.of("café.txt"), remote.call(NAMES, "listdir", List.class, directory));
      assertArrayEquals(data, remote.call(NAMES, "read", byte[].class, directory + "/café.txt"));
      // A child the tool starts sees the same encoding.
      assertEquals("utf-8", remote.call(NAMES, "child_encoding", String.class));
    }
  }

  /**
   * An interpreter built without {@code _lzma} starts from the zlib payload; Python 3.6 then starts
   * a second time under a UTF-8 locale, from that same payload.
   */
  @ParameterizedTest
  @MethodSource("localPythons")
  void withoutLzmaTheZlibPayloadStartsAndRestarts_simulatedByHidingTheModule(
      Python python, @TempDir Path dir) throws IOException {
    String wrapper = "import sys; sys.modules['_lzma'] = None; exec(sys.argv[-1])";
    List<String> command = new ArrayList<>(List.of("sh", "-c"));
    command.add("exec \"$0\" -c \"" + wrapper + "\" \"$@\"");
    command.addAll(python.command());
    try (Remote remote =
        Remote.builder()
            .command(command)
            .name(python.label())
            .environment("LC_ALL", "C")
            .environment("LANG", "C")
            .connect()) {
      assertEquals("utf-8", remote.call(NAMES, "encoding", String.class));
      byte[] data = "é\n".getBytes(StandardCharsets.UTF_8);
      remote.call(NAMES, "write", Void.class, dir + "/café.txt", data);
      assertArrayEquals(data, remote.call(NAMES, "read", byte[].class, dir + "/café.txt"));
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aNameThatIsNotUtf8NamesTheSameFileWhenHandedBack(Python python, @TempDir Path dir)
      throws IOException {
    byte[] latin1 = {'c', 'a', 'f', (byte) 0xE9, '.', 't', 'x', 't'};
    try (Remote remote = connectUnderTheCLocale(python)) {
      String directory = remoteDir(python, dir);
      remote.call(NAMES, "write_raw", Void.class, directory, latin1, new byte[] {42});
      @SuppressWarnings("unchecked")
      List<String> names = remote.call(NAMES, "listdir", List.class, directory);
      // Python's surrogateescape: the byte E9 is the lone surrogate U+DCE9, carried as such.
      assertEquals(List.of("caf\uDCE9.txt"), names);
      assertArrayEquals(latin1, remote.call(NAMES, "fsencode", byte[].class, names.get(0)));
      assertArrayEquals(
          new byte[] {42},
          remote.call(NAMES, "read", byte[].class, directory + "/" + names.get(0)));
      assertEquals(names.get(0), remote.call(NAMES, "echo", String.class, names.get(0)));
    }
  }

  /**
   * A fresh folder for the test, as the interpreter names it: {@code dir} itself, or a folder in
   * the root that a chrooted interpreter sees as {@code /}, removed when the test ends.
   */
  private static String remoteDir(Python python, Path dir) throws IOException {
    if (python.root().equals(Path.of("/"))) return dir.toString();
    Path inRoot = Files.createTempDirectory(python.root().resolve("tmp"), "rmote-names-");
    CREATED.add(inRoot);
    return "/" + python.root().relativize(inRoot);
  }

  private static final List<Path> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

  @AfterEach
  void removeFoldersMadeInRoots() throws IOException {
    for (Path p : CREATED) {
      try (Stream<Path> walk = Files.walk(p)) {
        for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
      }
    }
    CREATED.clear();
  }
}
