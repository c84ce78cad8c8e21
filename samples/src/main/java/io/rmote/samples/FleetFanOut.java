package io.rmote.samples;

import io.rmote.Fleet;
import io.rmote.Remote;
import io.rmote.Result;
import io.rmote.tools.FileSystem;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Fan-out to several hosts at once: a {@link Fleet} connects to all of them (a bounded number at a
 * time) and runs each call everywhere, giving every host its value or its exception; a host that
 * cannot be reached is reported beside the others and disturbs none of them.
 *
 * <p>{@code FleetFanOut web1 web2 broken-host} connects over SSH.
 */
public final class FleetFanOut {

  /** Reads each host's name through {@code connect} (for instance {@code Remote::ssh}). */
  public static void hostnames(List<String> hosts, Function<String, Remote> connect) {
    // [fleet]
    try (Fleet fleet = Fleet.builder().maxConcurrentConnects(16).connect(hosts, connect)) {
      Map<String, Result<String>> names =
          fleet.run(remote -> remote.tool(FileSystem.class).readStr("/etc/hostname").strip());
      names.forEach(
          (host, name) ->
              System.out.println(
                  host + ": " + (name.isOk() ? name.get() : "ERROR " + name.error().getMessage())));
    }
    // [/fleet]
  }

  /**
   * Reads the hostnames of the hosts in {@code args} (default web1, web2, broken-host) over SSH.
   */
  public static void main(String[] args) {
    hostnames(
        args.length > 0 ? List.of(args) : List.of("web1", "web2", "broken-host"), Remote::ssh);
  }

  private FleetFanOut() {}
}
