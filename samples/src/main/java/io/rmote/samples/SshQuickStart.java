package io.rmote.samples;

import io.rmote.Remote;
import io.rmote.tools.FileSystem;

/**
 * The quick start over SSH: the same typed calls, on a host's own {@code python3}. {@code
 * Remote.ssh} reads {@code ~/.ssh/config} and {@code ~/.ssh/known_hosts} as OpenSSH does.
 *
 * <p>{@code SshQuickStart HOST}, for instance {@code web1} or {@code root@10.0.0.5}.
 */
public final class SshQuickStart {

  /** Connects to the host of {@code args[0]} (default {@code localhost}). */
  public static void main(String[] args) {
    String host = args.length > 0 ? args[0] : "localhost";
    // [ssh]
    try (Remote remote = Remote.ssh(host)) { // an alias of ~/.ssh/config, or user@host
      FileSystem fs = remote.tool(FileSystem.class);
      SystemTool system = remote.tool(SystemTool.class);
      System.out.println(
          fs.readStr("/etc/hostname").strip()
              + " runs Python "
              + remote.pythonVersion()
              + ", "
              + system.diskFree("/").free() / (1L << 30)
              + " GB free on /");
    }
    // [/ssh]
  }

  private SshQuickStart() {}
}
