package io.rmote.samples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Remote;
import io.rmote.samples.docs.Directory.Entry;
import io.rmote.samples.docs.Directory.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool of docs/writing-tools.md, called through its generated proxy on a local python3. */
class DirectoryTest {
  @TempDir Path dir;

  @Test
  void everyRuleOfThePageAtWork() throws IOException {
    Files.writeString(dir.resolve("a.txt"), "abc");
    Files.writeString(dir.resolve(".hidden"), "x");
    Files.createDirectory(dir.resolve("sub"));
    try (Remote remote = Remote.local()) {
      // [use]
      Directory directory = remote.tool(Directory.class);
      List<Entry> visible = directory.entries(dir.toString(), null); // hidden=False applies
      List<Entry> all = directory.entries(dir.toString(), true); // sent as hidden=True
      long size = directory.totalSize(dir + "/a.txt", dir + "/.hidden"); // total_size(*paths)
      boolean there = directory.waitFor(dir + "/a.txt", null).join(); // timeout_seconds=5.0
      // [/use]
      assertEquals(
          List.of(
              new Entry("a.txt", 3, Kind.FILE),
              new Entry("sub", all.get(2).sizeBytes(), Kind.DIRECTORY)),
          visible);
      assertEquals(".hidden", all.get(0).name());
      assertEquals(3, all.size());
      assertEquals(4, size);
      assertTrue(there);
      assertFalse(directory.waitFor(dir + "/never", 0.1).join());
    }
  }
}
