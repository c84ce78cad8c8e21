package io.rmote.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rmote.Remote;
import io.rmote.python.PermissionError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only root can show, with the local python3: a symbolic link that another user planted is not
 * followed, and a bind-mounted file (rename fails with EBUSY, as for Docker's {@code /etc/hosts};
 * Ansible #13981) is written in place, which the result says. Skipped when the tests do not run as
 * root.
 */
class FileSystemAsRootTest {

  @BeforeEach
  void asRoot() {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
  }

  @Test
  void aSymlinkPlantedByAnotherUserIsNotFollowed(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("shadow");
    Files.writeString(secret, "root only\n");
    Path planted = dir.resolve("app.conf");
    Files.createSymbolicLink(planted, secret);
    new ProcessBuilder("chown", "-h", "65534:65534", planted.toString()).start().waitFor();
    Path rootLink = dir.resolve("root.conf");
    Files.createSymbolicLink(rootLink, secret);
    try (Remote remote = Remote.local()) {
      FileSystem fs = remote.tool(FileSystem.class);
      PermissionError e =
          assertThrows(PermissionError.class, () -> fs.writeStr(planted.toString(), "owned\n"));
      assertTrue(e.getMessage().contains("symlink owned by uid 65534"), e.getMessage());
      assertThrows(PermissionError.class, () -> fs.lineInFile(planted.toString(), "owned"));
      assertEquals("root only\n", Files.readString(secret));
      // A link root owns is followed: the file it names is written, the link stays.
      assertTrue(fs.lineInFile(rootLink.toString(), "more").length() > 0);
      assertEquals("root only\nmore\n", Files.readString(secret));
      assertTrue(Files.isSymbolicLink(rootLink));
    }
  }

  @Test
  void aWriteKeepsTheOwnerAndExtendedAttributesOfTheFileItReplaces(@TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("owned.conf");
    Files.writeString(f, "a\n");
    new ProcessBuilder("chown", "65534:65534", f.toString()).start().waitFor();
    UserDefinedFileAttributeView xattrs =
        Files.getFileAttributeView(f, UserDefinedFileAttributeView.class);
    boolean withXattrs = true;
    try {
      xattrs.write("rmote.test", ByteBuffer.wrap("kept".getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      withXattrs = false; // a file system without user xattrs: the owner is still checked
    }
    try (Remote remote = Remote.local()) {
      FileSystem fs = remote.tool(FileSystem.class);
      assertTrue(fs.writeStr(f.toString(), "b\n").changed());
      assertTrue(fs.lineInFile(f.toString(), "c").length() > 0);
    }
    assertEquals("b\nc\n", Files.readString(f));
    assertEquals(65534, Files.getAttribute(f, "unix:uid"));
    assertEquals(65534, Files.getAttribute(f, "unix:gid"));
    if (withXattrs) {
      ByteBuffer value = ByteBuffer.allocate(16);
      xattrs = Files.getFileAttributeView(f, UserDefinedFileAttributeView.class);
      xattrs.read("rmote.test", value);
      assertEquals("kept", new String(value.array(), 0, value.position(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aBindMountedFileIsWrittenInPlaceAndTheResultSaysSo(@TempDir Path dir) throws Exception {
    Path source = dir.resolve("source");
    Path mounted = dir.resolve("hosts");
    Files.writeString(source, "127.0.0.1 localhost\n");
    Files.writeString(mounted, "");
    String mount = "mount --bind " + source + " " + mounted + " && exec python3 \"$@\"";
    try (Remote remote =
        Remote.builder().command(List.of("unshare", "-m", "sh", "-c", mount, "sh")).connect()) {
      FileSystem fs = remote.tool(FileSystem.class);
      FileChange change = fs.writeStr(mounted.toString(), "127.0.0.1 localhost\n10.0.0.1 db\n");
      assertTrue(change.changed());
      assertTrue(change.inPlace());
      assertTrue(change.warnings().get(0).contains("EBUSY"), change.warnings().toString());
      assertFalse(fs.writeStr(mounted.toString(), "127.0.0.1 localhost\n10.0.0.1 db\n").changed());
    }
    assertEquals("127.0.0.1 localhost\n10.0.0.1 db\n", Files.readString(source));
  }
}
