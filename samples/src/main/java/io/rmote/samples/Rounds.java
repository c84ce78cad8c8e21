package io.rmote.samples;

import io.rmote.Fleet;
import io.rmote.Remote;
import io.rmote.Result;
import io.rmote.tools.FileSystem;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Connections kept open across rounds: a {@link Fleet} stays connected until it is closed, so the
 * second round neither reconnects nor sends the tool's source again (a tool is synced once per
 * connection).
 *
 * <p>{@code Rounds web1 web2 web3} connects over SSH.
 */
public final class Rounds {

  /** Two rounds of calls on the hosts {@code connect} opens. */
  public static void twoRounds(List<String> hosts, Function<String, Remote> connect) {
    // [rounds]
    try (Fleet fleet = Fleet.connect(hosts, connect)) {
      // Round 1: hostnames (FileSystem is synced once per connection)
      Map<String, Result<String>> names =
          fleet.run(remote -> remote.tool(FileSystem.class).readStr("/etc/hostname").strip());
      names.forEach((host, name) -> System.out.println(host + " is " + name.orElse("unreachable")));

      // Round 2: log files, on the same connections
      Map<String, Result<List<String>>> logs =
          fleet.run(remote -> remote.tool(FileSystem.class).glob("/var/log", "*.log"));
      logs.forEach(
          (host, files) ->
              System.out.println(host + ": " + files.map(List::size).orElse(-1) + " log files"));
    }
    // [/rounds]
  }

  /** Two rounds on the hosts in {@code args} (default web1, web2, web3) over SSH. */
  public static void main(String[] args) {
    twoRounds(args.length > 0 ? List.of(args) : List.of("web1", "web2", "web3"), Remote::ssh);
  }

  private Rounds() {}
}
