package io.rmote.tools;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Remote;
import io.rmote.python.FileExistsError;
import io.rmote.python.FileNotFoundError;
import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import io.rmote.tools.FileSystem.FileStat;
import io.rmote.tools.FileSystem.FileType;
import io.rmote.tools.FileSystem.LineInFileMatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FileSystem's editing and file operations against every Python that shares this machine's file
 * system (3.6 included). Each idempotency claim is made twice (a change, then none) and each dry
 * run is shown to leave the bytes as they were.
 */
class FileSystemEditsTest {

  static List<Python> pythons() {
    return Pythons.all().stream().filter(p -> p.root().equals(Path.of("/"))).toList();
  }

  private static String read(Path p) throws Exception {
    return Files.readString(p, ISO_8859_1);
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aRegexpThatMatchesNothingDoesNotAppendALineThatIsThere(Python python, @TempDir Path dir)
      throws Exception {
    // Ansible #29776 / #34690 (and the Python library): the new line does not match the regexp,
    // so the line was appended again on every run. The right file has it once.
    Path f = dir.resolve("sshd_config");
    Files.writeString(f, "Port 22\nPermitRootLogin no\n");
    try (Remote remote = python.connect()) {
      FileSystem fs = remote.tool(FileSystem.class);
      String diff = fs.lineInFile(f.toString(), "PermitRootLogin no", "^#PermitRootLogin");
      assertEquals("", diff);
      assertEquals("", fs.lineInFile(f.toString(), "PermitRootLogin no", "^#PermitRootLogin"));
      assertEquals("Port 22\nPermitRootLogin no\n", read(f));

      String first = fs.lineInFile(f.toString(), "Port 2222", "^Port ");
      assertEquals(
          "--- "
              + f
              + "\n+++ "
              + f
              + "\n@@ -1,2 +1,2 @@\n-Port 22\n+Port 2222\n PermitRootLogin no\n",
          first);
      assertEquals("", fs.lineInFile(f.toString(), "Port 2222", "^Port "));
      assertEquals("Port 2222\nPermitRootLogin no\n", read(f));
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void bytesOutsideTheEditedLinesStayExact(Python python, @TempDir Path dir) throws Exception {
    Path crlf = dir.resolve("crlf.ini");
    Files.writeString(crlf, "a=1\r\nb=2\r\nc=3", ISO_8859_1); // CRLF, no final line break
    Path latin = dir.resolve("latin.conf");
    byte[] original = "caf\u00e9=1\n".getBytes(ISO_8859_1); // not UTF-8
    Files.write(latin, original);
    try (Remote remote = python.connect()) {
      FileSystem fs = remote.tool(FileSystem.class);
      assertFalse(fs.lineInFile(crlf.toString(), "b=20", "^b=").isEmpty());
      assertEquals("a=1\r\nb=20\r\nc=3", read(crlf));
      assertFalse(fs.lineInFile(crlf.toString(), "d=4").isEmpty());
      assertEquals("a=1\r\nb=20\r\nc=3\r\nd=4", read(crlf));
      assertEquals("", fs.lineInFile(crlf.toString(), "d=4"));

      assertFalse(fs.lineInFile(latin.toString(), "x=2").isEmpty());
      byte[] after = Files.readAllBytes(latin);
      assertEquals("caf\u00e9=1\nx=2\n", new String(after, ISO_8859_1));
      assertEquals("", fs.lineInFile(latin.toString(), "x=2"));
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void lineOptionsAndDryRuns(Python python, @TempDir Path dir) throws Exception {
    Path f = dir.resolve("hosts");
    String start = "127.0.0.1 localhost\n# end\n";
    Files.writeString(f, start);
    try (Remote remote = python.connect()) {
      FileSystem fs = remote.tool(FileSystem.class);
      String p = f.toString();
      String dry =
          fs.lineInFile(p, "10.0.0.1 db", null, null, null, null, null, null, "^# end", true, null);
      assertTrue(dry.contains("+10.0.0.1 db\n"), dry);
      assertEquals(start, read(f), "a dry run changes nothing");
      assertEquals(
          dry,
          fs.lineInFile(
              p, "10.0.0.1 db", null, null, null, null, null, null, "^# end", false, null));
      assertEquals("127.0.0.1 localhost\n10.0.0.1 db\n# end\n", read(f));
      assertEquals(
          "",
          fs.lineInFile(
              p, "10.0.0.1 db", null, null, null, null, null, null, "^# end", null, null));

      fs.lineInFile(p, "10.0.0.2 web", null, null, null, null, null, "localhost", null, null, null);
      assertEquals("127.0.0.1 localhost\n10.0.0.2 web\n10.0.0.1 db\n# end\n", read(f));
      fs.lineInFile(p, "# hosts", null, null, null, null, null, null, "BOF", null, null);
      assertTrue(read(f).startsWith("# hosts\n127.0.0.1"));

      String all =
          fs.lineInFile(
              p, "# host", "^10\\.", null, null, LineInFileMatch.ALL, null, null, null, null, null);
      assertFalse(all.isEmpty());
      assertEquals("# hosts\n127.0.0.1 localhost\n# host\n# host\n# end\n", read(f));

      // Ansible's backrefs: the line is a re template; no match, no change.
      fs.lineInFile(
          p,
          "\\1.0 localhost",
          "^(127\\.0\\.0)\\.1 localhost$",
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          true);
      assertTrue(read(f).contains("\n127.0.0.0 localhost\n"), read(f));
      assertEquals(
          "",
          fs.lineInFile(p, "\\1 x", "^(nothing)", null, null, null, null, null, null, null, true));
      fs.lineInFile(
          p, "127.0.0.1 localhost", "^127", null, null, null, null, null, null, null, null);

      assertFalse(fs.lineInFile(p, "# host", false).isEmpty());
      assertEquals("", fs.lineInFile(p, "# host", false));
      assertEquals("# hosts\n127.0.0.1 localhost\n# end\n", read(f));

      String missing = dir.resolve("new.conf").toString();
      assertThrows(FileNotFoundError.class, () -> fs.lineInFile(missing, "x"));
      assertFalse(
          fs.lineInFile(missing, "x", null, null, true, null, null, null, null, null, null)
              .isEmpty());
      assertEquals("x\n", read(Path.of(missing)));
      assertEquals("rw-r--r--", permissions(Path.of(missing)));
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aCronFileKeepsItsLastLineBreak(Python python, @TempDir Path dir) throws Exception {
    // fabric #1388: cron ignores a last line without a line break. Appending to a file that ends
    // with one keeps it; the first line of a new file gets one.
    Path cron = dir.resolve("backup");
    try (Remote remote = python.connect()) {
      FileSystem fs = remote.tool(FileSystem.class);
      String p = cron.toString();
      fs.lineInFile(
          p,
          "0 3 * * * root /usr/local/bin/backup",
          null,
          null,
          true,
          null,
          null,
          null,
          null,
          null,
          null);
      fs.lineInFile(p, "30 3 * * * root /usr/local/bin/prune");
      assertEquals(
          "0 3 * * * root /usr/local/bin/backup\n30 3 * * * root /usr/local/bin/prune\n",
          read(cron));
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void blocksWithMarkers(Python python, @TempDir Path dir) throws Exception {
    Path f = dir.resolve("config");
    Files.writeString(f, "Host *\n");
    try (Remote remote = python.connect()) {
      FileSystem fs = remote.tool(FileSystem.class);
      String p = f.toString();
      FileChange dry = fs.blockInFile(p, "Host db\n  User admin", null, null, null, null, true);
      assertTrue(dry.changed());
      assertEquals("Host *\n", read(f));
      FileChange first = fs.blockInFile(p, "Host db\n  User admin");
      assertTrue(first.changed());
      assertEquals(dry.diff(), first.diff());
      String block =
          "Host *\n# BEGIN RMOTE MANAGED BLOCK\nHost db\n  User admin\n# END RMOTE MANAGED BLOCK\n";
      assertEquals(block, read(f));
      assertFalse(fs.blockInFile(p, "Host db\n  User admin").changed());
      assertTrue(fs.blockInFile(p, "Host db\n  User root").changed());
      assertTrue(read(f).contains("\n  User root\n# END"));
      assertTrue(fs.blockInFile(p, "").changed());
      assertFalse(fs.blockInFile(p, "").changed());
      assertEquals("Host *\n", read(f));
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void writesAreAtomicAndKeepMetadata(Python python, @TempDir Path dir) throws Exception {
    Path f = dir.resolve("app.conf");
    Files.writeString(f, "old\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    Object inode = Files.getAttribute(f, "unix:ino");
    try (Remote remote = python.connect()) {
      FileSystem fs = remote.tool(FileSystem.class);
      String p = f.toString();
      FileChange dry = fs.writeStr(p, "new\n", null, null, null, true);
      assertTrue(dry.changed());
      assertEquals("old\n", read(f));
      FileChange change = fs.writeStr(p, "new\n");
      assertEquals(dry, change);
      assertEquals("--- " + p + "\n+++ " + p + "\n@@ -1 +1 @@\n-old\n+new\n", change.diff());
      assertFalse(change.inPlace());
      assertNotEquals(inode, Files.getAttribute(f, "unix:ino"), "a new inode: renamed into place");
      assertEquals("rw-r-----", permissions(f), "the replaced file's mode is kept");
      assertFalse(fs.writeStr(p, "new\n").changed());
      try (Stream<Path> left = Files.list(dir)) {
        assertEquals(List.of(f), left.toList(), "no temporary file is left");
      }

      FileChange mode = fs.writeStr(p, "new\n", FileMode.parse("0644"), null, null, false);
      assertTrue(mode.changed());
      assertEquals("", mode.diff());
      assertEquals(List.of("mode 0640 -> 0644"), mode.warnings());
      assertFalse(
          fs.writeStr(p, "new\n", FileMode.parse("rw-r--r--"), null, null, false).changed());

      byte[] bytes = {0, (byte) 0xff, 10};
      FileChange bin = fs.writeBytes(dir.resolve("b.bin").toString(), bytes);
      assertTrue(bin.diff().startsWith("Binary files"), bin.diff());
      assertArrayEquals(bytes, Files.readAllBytes(dir.resolve("b.bin")));
      assertFalse(fs.writeBytes(dir.resolve("b.bin").toString(), bytes).changed());
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void concurrentEditsOfOneFileLoseNothing(Python python, @TempDir Path dir) throws Exception {
    // Every call runs on a thread of its own on the remote; the path lock serializes the edits.
    Path f = dir.resolve("many");
    Files.writeString(f, "");
    try (Remote remote = python.connect()) {
      FileSystemAsync fs = remote.tool(FileSystemAsync.class);
      List<CompletableFuture<String>> calls = new ArrayList<>();
      for (int i = 0; i < 30; i++) calls.add(fs.lineInFile(f.toString(), "line " + i));
      calls.forEach(CompletableFuture::join);
    }
    List<String> lines = Files.readAllLines(f);
    assertEquals(30, lines.size());
    for (int i = 0; i < 30; i++) assertTrue(lines.contains("line " + i), "line " + i);
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void statMkdirChmodSymlinkRemove(Python python, @TempDir Path dir) throws Exception {
    Path f = dir.resolve("f");
    Files.writeString(f, "abc");
    try (Remote remote = python.connect()) {
      FileSystem fs = remote.tool(FileSystem.class);
      FileStat st = fs.stat(f.toString());
      assertEquals(FileType.FILE, st.type());
      assertEquals(3, st.size());
      assertEquals(
          HexFormat.of()
              .formatHex(
                  java.security.MessageDigest.getInstance("SHA-256").digest("abc".getBytes(UTF_8))),
          st.sha256());
      assertEquals(FileType.ABSENT, fs.stat(dir.resolve("none").toString()).type());

      String d = dir.resolve("a/b/c").toString();
      assertTrue(fs.mkdir(d, FileMode.parse("0750"), null, null, true).changed());
      assertFalse(Files.exists(Path.of(d)), "dry run");
      assertTrue(fs.mkdir(d, FileMode.parse("0750"), null, null, false).changed());
      assertFalse(fs.mkdir(d, FileMode.parse("0750"), null, null, false).changed());
      assertEquals(FileMode.parse("0750"), fs.stat(d).mode());
      assertEquals(FileType.DIRECTORY, fs.stat(d).type());

      assertTrue(fs.chmod(f.toString(), FileMode.parse("0600"), true).changed());
      assertEquals("rw-r--r--", permissions(f));
      assertTrue(fs.chmod(f.toString(), FileMode.parse("0600")).changed());
      assertFalse(fs.chmod(f.toString(), FileMode.parse("0600")).changed());
      assertEquals("rw-------", permissions(f));
      assertFalse(fs.chown(f.toString(), null, null).changed());

      String link = dir.resolve("link").toString();
      assertTrue(fs.symlink("f", link, false, true).changed());
      assertFalse(Files.exists(Path.of(link), java.nio.file.LinkOption.NOFOLLOW_LINKS));
      assertTrue(fs.symlink("f", link).changed());
      assertFalse(fs.symlink("f", link).changed());
      assertEquals("f", fs.stat(link).linkTarget());
      assertNull(fs.stat(link).sha256());
      assertTrue(fs.symlink("a", link).changed());
      assertEquals(Path.of("a"), Files.readSymbolicLink(Path.of(link)));
      assertThrows(FileExistsError.class, () -> fs.symlink("x", f.toString()));

      assertTrue(fs.remove(link, false, true).changed());
      assertTrue(Files.exists(Path.of(link), java.nio.file.LinkOption.NOFOLLOW_LINKS));
      assertTrue(fs.remove(link).changed());
      assertFalse(fs.remove(link).changed());
      assertTrue(fs.remove(dir.resolve("a").toString(), true, false).changed());
      assertFalse(Files.exists(dir.resolve("a")));
      assertEquals(List.of(f.toString()), fs.glob(dir.toString(), "**/f"));
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aNameThatIsNotUtf8ComesBackWithoutBreakingTheConnection(Python python, @TempDir Path dir)
      throws Exception {
    // The wire carries names as UTF-8 text; until it carries Python's surrogateescape (issue 10)
    // such a name arrives with its bad byte replaced and cannot be named back. The session lives.
    Process p =
        new ProcessBuilder("python3", "-c", "open(b'" + dir + "/caf\\xe9.conf', 'w').close()")
            .start();
    assertEquals(0, p.waitFor());
    try (Remote remote = python.connect()) {
      FileSystem fs = remote.tool(FileSystem.class);
      List<String> names = fs.glob(dir.toString(), "*.conf");
      assertEquals(1, names.size(), names.toString());
      assertTrue(names.get(0).startsWith(dir + "/caf"), names.get(0));
      assertTrue(fs.exists(dir.toString()));
    }
  }

  private static String permissions(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
