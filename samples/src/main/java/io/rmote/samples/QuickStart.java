package io.rmote.samples;

import io.rmote.PyRecord;
import io.rmote.Remote;
import io.rmote.ToolDescriptor;
import io.rmote.python.FileNotFoundError;
import io.rmote.tools.BuiltinTools;
import java.util.concurrent.CompletableFuture;

/**
 * The README's quick start: a local python3, the built-in FileSystem tool and a custom tool, first
 * through the dynamic API, then through the interface {@link SystemTool} and its generated proxy.
 */
public final class QuickStart {

  public static void main(String[] args) {
    System.out.println("== the dynamic API: tools called by name, no interface, no processor");
    // [quickstart]
    ToolDescriptor fs = BuiltinTools.FILE_SYSTEM;
    ToolDescriptor system =
        ToolDescriptor.fromResource(QuickStart.class, "tools/system_tool.py", "SystemTool");

    try (Remote remote = Remote.local()) {
      String hostname = remote.call(fs, "read_str", String.class, "/etc/hostname");
      System.out.println(
          "hostname: " + hostname.strip() + " (Python " + remote.pythonVersion() + ")");

      // Many calls in flight on one connection, each matched to its caller.
      CompletableFuture<String> host = remote.callAsync(system, "hostname", String.class);
      CompletableFuture<PyRecord> disk = remote.callAsync(system, "disk_free", PyRecord.class, "/");
      long free = (Long) disk.join().get("free");
      System.out.println(host.join() + ": " + free / (1L << 30) + " GB free on /");

      // Remote exceptions arrive with their Python type.
      try {
        remote.call(fs, "read_str", String.class, "/nonexistent/path/file.txt");
      } catch (FileNotFoundError e) {
        System.out.println("caught: " + e.getMessage());
      }
    }
    // [/quickstart]
    System.out.println(
        "== the typed interface SystemTool: its proxy generated and checked at compile time");
    typed();
  }

  /** The same through the typed interface {@link SystemTool}. */
  static void typed() {
    // [typed]
    try (Remote remote = Remote.local()) {
      SystemTool system = remote.tool(SystemTool.class); // the generated SystemToolProxy
      SystemTool.DiskInfo disk = system.diskFree(null);
      System.out.println(
          system.hostname() + ": " + disk.free() / (1L << 30) + " GB free on " + disk.path());

      CompletableFuture<String> hosts = system.read("/etc/hosts");
      System.out.println("/etc/hosts has " + hosts.join().lines().count() + " lines");

      SystemToolAsync async =
          remote.tool(SystemToolAsync.class); // generated: each method returns a future
      System.out.println(async.hostname().join() + " again, without waiting until join()");
    }
    // [/typed]
  }

  private QuickStart() {}
}
