package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Become;
import io.rmote.BootstrapException;
import io.rmote.Fleet;
import io.rmote.Remote;
import io.rmote.Result;
import io.rmote.ToolDescriptor;
import io.rmote.testing.LogCapture;
import io.rmote.testing.TestHosts;
import io.rmote.testing.TestHosts.Host;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real hosts: the Debian roots of {@code .ci/hosts.sh up}, booted with systemd in their own network
 * namespaces, each with its own sshd and Python (3.9, 3.11, 3.13, 3.14).
 */
class RealHostsTest {
  static final ToolDescriptor INFO =
      ToolDescriptor.fromResource(RealHostsTest.class, "tools/hostinfo.py", "HostInfo");
  static final char[] PW = TestHosts.PASSWORD.toCharArray();

  @TempDir static Path tmp;

  static List<Host> hosts() {
    return TestHosts.hosts();
  }

  static Path known() {
    return tmp.resolve("known_hosts");
  }

  @ParameterizedTest
  @MethodSource("hosts")
  void quickStart(Host host) {
    try (Remote remote =
        Remote.builder().ssh(TestHosts.ssh(host, "root", known()).build()).connect()) {
      assertEquals(
          host.name(), remote.call(INFO, "read_str", String.class, "/etc/hostname").strip());
      String minor = host.python().replaceAll("^(3\\.\\d+).*", "$1");
      assertTrue(
          remote.pythonVersion().startsWith(minor),
          remote.pythonVersion() + " vs " + host.python());
    }
  }

  @ParameterizedTest
  @MethodSource("hosts")
  void byAliasThroughTheHostsSshConfig(Host host) {
    try (Remote remote =
        Remote.builder()
            .ssh(
                Ssh.to(host.name())
                    .config(TestHosts.cache().resolve("ssh_config"))
                    .knownHosts(known())
                    .hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW)
                    .agent(false)
                    .build())
            .connect()) {
      assertEquals(host.name(), remote.call(INFO, "hostname", String.class));
      assertEquals("root", remote.call(INFO, "whoami", String.class));
    }
  }

  @ParameterizedTest
  @MethodSource("hosts")
  void become(Host host) {
    try (LogCapture logs = new LogCapture()) {
      becomeEachWay(host);
      for (String line : logs.lines()) {
        assertFalse(line.contains(TestHosts.PASSWORD) || line.contains("Wrong-1"), line);
      }
    }
  }

  private static void becomeEachWay(Host host) {
    // sudo without a password
    try (Remote r =
        Remote.builder()
            .ssh(TestHosts.ssh(host, "tuser", known()).build())
            .become(Become.sudo())
            .connect()) {
      assertEquals("root", r.call(INFO, "whoami", String.class));
    }
    // sudo with a password
    try (Remote r =
        Remote.builder()
            .ssh(TestHosts.ssh(host, "tuser2", known()).build())
            .become(Become.sudo().password(PW))
            .connect()) {
      assertEquals("root", r.call(INFO, "whoami", String.class));
    }
    BootstrapException refused =
        assertThrows(
            BootstrapException.class,
            () ->
                Remote.builder()
                    .ssh(TestHosts.ssh(host, "tuser2", known()).build())
                    .become(Become.sudo().password("Wrong-1".toCharArray()))
                    .connect());
    assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
    assertFalse(refused.getMessage().contains("Wrong-1"));
    // sudo -n where a password is needed
    BootstrapException needs =
        assertThrows(
            BootstrapException.class,
            () ->
                Remote.builder()
                    .ssh(TestHosts.ssh(host, "tuser2", known()).build())
                    .become(Become.sudo())
                    .connect());
    assertTrue(needs.getMessage().contains("password"), needs.getMessage());
    // su: from root without a password, from tuser with tuser2's password
    try (Remote r =
        Remote.builder()
            .ssh(TestHosts.ssh(host, "root", known()).build())
            .become(Become.su("tuser"))
            .connect()) {
      assertEquals("tuser", r.call(INFO, "whoami", String.class));
    }
    try (Remote r =
        Remote.builder()
            .ssh(TestHosts.ssh(host, "tuser", known()).build())
            .become(Become.su("tuser2").password(PW))
            .connect()) {
      assertEquals("tuser2", r.call(INFO, "whoami", String.class));
    }
  }

  @Test
  void aJumpThroughOneHostToAnother() {
    List<Host> hosts = hosts();
    if (hosts.size() < 2) {
      String why = "a jump needs two test hosts, only " + hosts + " are up";
      if (TestHosts.required()) org.junit.jupiter.api.Assertions.fail(why);
      org.junit.jupiter.api.Assumptions.abort(why);
    }
    Host jump = hosts.get(0);
    Host target = hosts.get(hosts.size() - 1);
    try (Remote r =
        Remote.builder()
            .ssh(
                TestHosts.ssh(target, "root", known())
                    .jump(TestHosts.ssh(jump, "root", known()).build())
                    .build())
            .connect()) {
      assertEquals(target.name(), r.call(INFO, "hostname", String.class));
    }
  }

  @Test
  void fanOutWithBrokenHosts() {
    List<Host> hosts = hosts();
    Map<String, Ssh> targets = new LinkedHashMap<>();
    for (Host h : hosts) targets.put(h.name(), TestHosts.ssh(h, "root", known()).build());
    // broken on purpose: an address nobody has, and a host without the asked-for python
    targets.put(
        "unreachable",
        Ssh.to("root@10.200.0.99")
            .identity(TestHosts.key())
            .knownHosts(known())
            .hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW)
            .noConfig()
            .agent(false)
            .connectTimeout(Duration.ofSeconds(2))
            .build());
    targets.put("no-python", TestHosts.ssh(hosts.get(0), "root", known()).build());
    List<Fleet.Progress> progress = new CopyOnWriteArrayList<>();
    try (Fleet fleet =
        Fleet.builder()
            .maxConcurrentConnects(3)
            .progress(progress::add)
            .connect(
                targets.keySet(),
                name ->
                    Remote.builder()
                        .ssh(targets.get(name))
                        .name(name)
                        .python(name.equals("no-python") ? "/usr/bin/python2.7" : "python3")
                        .connect())) {
      assertEquals(hosts.size(), fleet.connected().size(), fleet.failures().toString());
      Fleet.Progress last = progress.get(progress.size() - 1);
      assertEquals(hosts.size(), last.done());
      assertEquals(2, last.failed());
      assertEquals(0, last.pending());
      for (int round = 0; round < 2; round++) {
        Map<String, Result<String>> names = fleet.call(INFO, "hostname", String.class);
        assertEquals(new ArrayList<>(targets.keySet()), new ArrayList<>(names.keySet()));
        for (Host h : hosts) assertEquals(h.name(), names.get(h.name()).get());
        assertInstanceOf(SshException.class, names.get("unreachable").error());
        BootstrapException np =
            assertInstanceOf(BootstrapException.class, names.get("no-python").error());
        assertTrue(np.getMessage().contains("127"), np.getMessage());
      }
    }
  }
}
