package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Become;
import io.rmote.Fleet;
import io.rmote.Remote;
import io.rmote.Result;
import io.rmote.ToolDescriptor;
import io.rmote.testing.SshHome;
import io.rmote.testing.SshServer;
import io.rmote.testing.TestHosts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH, become and fleet examples of the README and docs/ssh.md, run against a real sshd on
 * loopback. The regions between {@code // [name]} and {@code // [/name]} are those Java blocks,
 * word for word (the samples module's ReadmeTest checks that). A home folder of the test's own
 * holds the {@code ~/.ssh/config} that names {@code web1}, {@code web2} and {@code db1} (the last
 * one a port where nobody listens) and the known_hosts that vouches for the server.
 */
class ReadmeSshExamplesTest {
  static final ToolDescriptor INFO =
      ToolDescriptor.fromResource(ReadmeSshExamplesTest.class, "tools/hostinfo.py", "HostInfo");

  @TempDir Path tmp;

  SshHome home;
  SshServer server;
  // Kept before anything can fail: a setUp that aborts (no sshd here) must not leave the rest of
  // the suite with System.out null.
  final PrintStream out = System.out;
  ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws Exception {
    home = new SshHome(tmp, List.of("web1", "web2"), List.of("db1"));
    server = home.server;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void tearDown() {
    System.setOut(out);
    if (home != null) home.close();
  }

  String printed() {
    String s = printed.toString(StandardCharsets.UTF_8);
    out.print(s);
    return s;
  }

  @Test
  void quickStart() {
    // [ssh-quickstart]
    ToolDescriptor info = ToolDescriptor.fromResource("tools/hostinfo.py", "HostInfo");
    try (Remote remote = Remote.ssh("web1")) {
      String hostname = remote.call(info, "hostname", String.class);
      System.out.println(hostname + " runs Python " + remote.pythonVersion());
    }
    // [/ssh-quickstart]
    assertTrue(printed().contains(" runs Python 3."));
  }

  @Test
  void optionsAndBecome() throws Exception {
    TestHosts.assumeSudo();
    Path key = server.clientKey;
    Path knownHosts = server.knownHosts;
    int port = server.port;
    // [ssh-options]
    ToolDescriptor info = ToolDescriptor.fromResource("tools/hostinfo.py", "HostInfo");
    Ssh options =
        Ssh.to("root@127.0.0.1")
            .port(port)
            .identity(key) // or .identity(key, passphrase), .password(chars), the agent
            .knownHosts(knownHosts) // checked; .hostKeyPolicy(ACCEPT_NEW) records new hosts
            .option("Compression", "yes")
            .build();
    try (Remote remote =
        Remote.builder().ssh(options).python("/usr/bin/python3").become(Become.sudo()).connect()) {
      System.out.println("running as " + remote.call(info, "whoami", String.class));
    }
    // [/ssh-options]
    assertTrue(printed().contains("running as root"));
  }

  @Test
  void fleet() {
    // [fleet]
    ToolDescriptor info = ToolDescriptor.fromResource("tools/hostinfo.py", "HostInfo");
    List<String> hosts = List.of("web1", "web2", "db1");
    try (Fleet fleet =
        Fleet.builder()
            .maxConcurrentConnects(32)
            .progress(
                p ->
                    System.out.println(
                        p.done() + " done, " + p.failed() + " failed, " + p.pending() + " pending"))
            .connect(hosts, Remote::ssh)) {
      Map<String, Result<String>> names = fleet.call(info, "hostname", String.class);
      names.forEach(
          (host, r) ->
              System.out.println(
                  host + ": " + (r.isOk() ? r.get() : "failed: " + r.error().getMessage())));
    }
    // [/fleet]
    String s = printed();
    assertTrue(s.contains("2 done, 1 failed, 0 pending"), s);
    assertTrue(s.contains("db1: failed: cannot connect to 127.0.0.1:1"), s);
    assertTrue(s.contains("web2: "), s);
  }

  @Test
  void theFleetKeepsItsConnectionsAcrossRounds() {
    try (Fleet fleet = Fleet.connect(List.of("web1", "db1"), Remote::ssh)) {
      Map<String, Result<Long>> first = fleet.call(INFO, "uid", Long.class);
      Map<String, Result<Long>> second = fleet.call(INFO, "uid", Long.class);
      assertEquals(first.get("web1").get(), second.get("web1").get());
      assertInstanceOf(SshException.class, second.get("db1").error());
      assertEquals(1, fleet.connected().size());
    }
  }
}
