package io.rmote.samples;

import io.rmote.Remote;
import io.rmote.tools.FileSystemAsync;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Many calls in flight on one connection: each call is sent at once, without waiting for the answer
 * to the one before, and each answer is matched to its caller. The generated {@code Async} twin of
 * a tool returns a {@link CompletableFuture} from every method.
 */
public final class ConcurrentCalls {

  /** Runs the calls on a local {@code python3}. */
  public static void main(String[] args) {
    // [concurrent]
    try (Remote remote = Remote.local()) {
      FileSystemAsync fs = remote.tool(FileSystemAsync.class);
      CompletableFuture<String> hosts = fs.readStr("/etc/hosts"); // both sent now
      CompletableFuture<String> hostname = fs.readStr("/etc/hostname");
      System.out.println(hosts.join().lines().count() + " lines in /etc/hosts");
      System.out.println("hostname: " + hostname.join().strip());

      SystemToolAsync system = remote.tool(SystemToolAsync.class);
      List<CompletableFuture<SystemTool.DiskInfo>> disks = new ArrayList<>();
      for (String path : List.of("/", "/tmp", "/var", "/usr")) disks.add(system.diskFree(path));
      CompletableFuture.allOf(disks.toArray(CompletableFuture[]::new)).join();
      for (CompletableFuture<SystemTool.DiskInfo> d : disks) {
        System.out.println(d.join().path() + ": " + d.join().free() / (1L << 20) + " MiB free");
      }
    }
    // [/concurrent]
  }

  private ConcurrentCalls() {}
}
