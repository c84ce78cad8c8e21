package io.rmote.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Remote;
import io.rmote.testing.SshHome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH samples against a real sshd on loopback (root and openssh-server needed, else skipped):
 * {@link SshQuickStart}, {@link SshOptions}, and {@link FleetFanOut} and {@link Rounds} over SSH.
 */
class SshSamplesTest {
  @TempDir Path tmp;
  SshHome home;

  @BeforeEach
  void startServer() throws Exception {
    home = new SshHome(tmp, List.of("web1", "web2", "web3"), List.of("broken-host"));
  }

  @AfterEach
  void stopServer() {
    if (home != null) home.close();
  }

  @Test
  void quickStartOverSsh() {
    String out = Printed.by(() -> SshQuickStart.main(new String[] {"web1"}));
    assertTrue(out.matches("(?s).+ runs Python 3\\.\\d+\\.\\d+, \\d+ GB free on /\\n"), out);
  }

  @Test
  void options() {
    String out =
        Printed.by(
            () ->
                SshOptions.connect(
                    "127.0.0.1",
                    home.server.port,
                    home.server.clientKey,
                    tmp.resolve("known_hosts"))); // ACCEPT_NEW records the key there
    assertTrue(out.contains(": " + SamplesTestSupport.hostname() + ", Python 3."), out);
  }

  @Test
  void fanOutReportsTheBrokenHostBesideTheGoodOnes() {
    String out =
        Printed.by(
            () -> FleetFanOut.hostnames(List.of("web1", "web2", "broken-host"), Remote::ssh));
    String name = SamplesTestSupport.etcHostname();
    assertTrue(out.contains("web1: " + name + "\n"), out);
    assertTrue(out.contains("web2: " + name + "\n"), out);
    assertTrue(out.contains("broken-host: ERROR cannot connect to 127.0.0.1:1"), out);
  }

  @Test
  void roundsReuseTheConnections() {
    String out = Printed.by(() -> Rounds.twoRounds(List.of("web1", "web3"), Remote::ssh));
    assertTrue(out.contains("web1 is " + SamplesTestSupport.etcHostname()), out);
    assertTrue(out.matches("(?s).*web3: \\d+ log files.*"), out);
  }
}
