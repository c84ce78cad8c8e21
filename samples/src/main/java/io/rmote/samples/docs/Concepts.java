package io.rmote.samples.docs;

import io.rmote.Remote;
import io.rmote.ToolDescriptor;
import io.rmote.tools.FileSystem;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The code of docs/concepts.md: one call two ways, and calls in flight on one connection. */
public final class Concepts {
  private Concepts() {}

  /** The size of {@code file} through the generated proxy and by name: the two are equal. */
  public static List<Long> twoWays(Remote remote, String file) {
    // [calls]
    Directory directory = remote.tool(Directory.class); // the generated DirectoryProxy
    long typed = directory.totalSize(file);

    ToolDescriptor tool = DirectoryProxy.TOOL; // the source the processor checked
    long byName = remote.call(tool, "total_size", Long.class, file);
    // [/calls]
    return List.of(typed, byName);
  }

  /**
   * Starts a remote wait for {@code flag} to appear, makes other calls while it waits, then creates
   * the file; returns what each step saw.
   */
  public static List<String> inFlight(Remote remote, String flag, String file) {
    // [in-flight]
    DirectoryAsync directory = remote.tool(DirectoryAsync.class); // every method returns a future
    CompletableFuture<Boolean> appeared = directory.waitFor(flag, 30.0); // async def: no thread
    CompletableFuture<Long> size = directory.totalSize(file); // sent at once, answered meanwhile

    String first = "size " + size.join() + ", flag there: " + appeared.isDone();
    remote.tool(FileSystem.class).writeStr(flag, "ready"); // a third call, from this thread
    String then = "flag there: " + appeared.join();
    // [/in-flight]
    return List.of(first, then);
  }
}
