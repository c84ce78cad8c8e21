package io.rmote.samples.docs;

import io.rmote.ConnectionFailedException;
import io.rmote.Fleet;
import io.rmote.Remote;
import io.rmote.Result;
import io.rmote.tools.BuiltinTools;
import io.rmote.tools.FileSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The code of docs/multi-host.md: a fleet connected once, two rounds on it, and each host's outcome
 * reported, a host that could not connect beside the others.
 */
public final class MultiHost {
  private MultiHost() {}

  /**
   * Connects to {@code hosts} with {@code connect} ({@code Remote::ssh} in production), runs two
   * rounds and returns the lines it printed.
   */
  public static List<String> twoRounds(List<String> hosts, Function<String, Remote> connect) {
    List<String> out = new ArrayList<>();
    // [rounds]
    try (Fleet fleet =
        Fleet.builder()
            .maxConcurrentConnects(32) // hosts connecting at the same moment (default 20)
            .progress(p -> out.add(p.done() + " done, " + p.failed() + " failed"))
            .connect(hosts, connect)) {
      // Round 1: one call per host, all in flight at once; FileSystem's source is sent here.
      Map<String, Result<String>> names =
          fleet.call(BuiltinTools.FILE_SYSTEM, "read_str", String.class, "/etc/hostname");

      // Round 2, on the same connections: no new start, no new sync. run() takes any blocking
      // code per host, typed proxies included, on a bounded pool.
      Map<String, Result<Integer>> configs =
          fleet.run(remote -> remote.tool(FileSystem.class).glob("/etc", "*.conf").size());

      names.forEach((host, name) -> out.add(host + ": " + describe(name.map(String::strip))));
      configs.forEach((host, count) -> out.add(host + ": " + describe(count) + " .conf files"));
    }
    // [/rounds]
    return out;
  }

  // [outcome]
  static String describe(Result<?> r) {
    if (r.isOk()) return String.valueOf(r.get());
    RuntimeException e = r.error();
    // BootstrapException, SshException, ...: this host never connected
    if (e instanceof ConnectionFailedException) return "not connected: " + e.getMessage();
    return "failed: " + e.getMessage(); // a remote exception, a timeout, a lost connection
  }
  // [/outcome]
}
