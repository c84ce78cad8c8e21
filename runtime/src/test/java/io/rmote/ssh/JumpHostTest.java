package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Remote;
import io.rmote.ToolDescriptor;
import io.rmote.testing.SshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jump hosts (ProxyJump) through JSch direct-tcpip channels: given in code, read from an SSH config
 * file, and chained. The jump servers log each forwarding at DEBUG1, which proves the connection
 * really went through them.
 */
class JumpHostTest {
  static final ToolDescriptor INFO =
      ToolDescriptor.fromResource(JumpHostTest.class, "tools/hostinfo.py", "HostInfo");

  static SshServer target;
  static SshServer jump1;
  static SshServer jump2;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    target = SshServer.start();
    jump1 = SshServer.start(null, target.clientKey, "AllowTcpForwarding yes", "LogLevel DEBUG1");
    jump2 = SshServer.start(null, target.clientKey, "AllowTcpForwarding yes", "LogLevel DEBUG1");
  }

  @AfterAll
  static void stop() {
    for (SshServer s : new SshServer[] {target, jump1, jump2}) if (s != null) s.close();
  }

  /**
   * Whether {@code jump} logged a forwarding to {@code port} after its log was {@code from} long.
   */
  static boolean forwardedSince(SshServer jump, int from, int port) {
    return jump.logText().substring(from).contains("target 127.0.0.1 port " + port);
  }

  @Test
  void aJumpHostGivenInCode() {
    int seen1 = jump1.logText().length();
    try (Remote r =
        Remote.builder().ssh(target.client().jump(jump1.client().build()).build()).connect()) {
      assertEquals("root", r.call(INFO, "whoami", String.class));
    }
    assertTrue(forwardedSince(jump1, seen1, target.port), jump1.logText());
  }

  @Test
  void aChainOfJumpHostsGivenInCode() {
    int seen1 = jump1.logText().length();
    int seen2 = jump2.logText().length();
    try (Remote r =
        Remote.builder()
            .ssh(target.client().jump(jump2.client().build()).jump(jump1.client().build()).build())
            .connect()) {
      assertEquals("root", r.call(INFO, "whoami", String.class));
    }
    assertTrue(forwardedSince(jump2, seen2, jump1.port), "the first hop forwarded to the second");
    assertTrue(forwardedSince(jump1, seen1, target.port), "the second hop forwarded to the target");
  }

  @Test
  void aChainOfJumpHostsFromTheConfigFile() throws Exception {
    Path known = knownHosts();
    Path config = tmp.resolve("config");
    int seen1 = jump1.logText().length();
    int seen2 = jump2.logText().length();
    Files.writeString(
        config,
        String.join(
            "\n",
            "Host j1",
            "  HostName 127.0.0.1",
            "  Port " + jump1.port,
            "Host j2",
            "  HostName 127.0.0.1",
            "  Port " + jump2.port,
            "Host app",
            "  HostName 127.0.0.1",
            "  Port " + target.port,
            "  ProxyJump j1,j2",
            "Host *",
            "  User root",
            "  IdentityFile " + target.clientKey,
            ""));
    try (Remote r =
        Remote.builder()
            .ssh(Ssh.to("app").config(config).knownHosts(known).agent(false).build())
            .connect()) {
      assertEquals("root", r.call(INFO, "whoami", String.class));
    }
    assertTrue(forwardedSince(jump1, seen1, jump2.port), "j1 forwarded to j2");
    assertTrue(forwardedSince(jump2, seen2, target.port), "j2 forwarded to the target");
  }

  @Test
  void aJumpHostsOwnProxyJumpIsFollowed() throws Exception {
    Path known = knownHosts();
    Path config = tmp.resolve("config");
    Files.writeString(
        config,
        String.join(
            "\n",
            "Host j1",
            "  HostName 127.0.0.1",
            "  Port " + jump1.port,
            "  ProxyJump j2",
            "Host j2",
            "  HostName 127.0.0.1",
            "  Port " + jump2.port,
            "Host app",
            "  HostName 127.0.0.1",
            "  Port " + target.port,
            "  ProxyJump j1",
            "Host *",
            "  User root",
            "  IdentityFile " + target.clientKey,
            ""));
    int seen1 = jump1.logText().length();
    int seen2 = jump2.logText().length();
    try (Remote r =
        Remote.builder()
            .ssh(Ssh.to("app").config(config).knownHosts(known).agent(false).build())
            .connect()) {
      assertEquals("root", r.call(INFO, "whoami", String.class));
    }
    assertTrue(
        forwardedSince(jump2, seen2, jump1.port), "j1 was reached through its own jump host j2");
    assertTrue(forwardedSince(jump1, seen1, target.port), "j1 forwarded to the target");
  }

  @Test
  void aProxyJumpLoopFailsClearly() throws Exception {
    Path config = tmp.resolve("config");
    Files.writeString(
        config,
        String.join(
            "\n",
            "Host j1",
            "  HostName 127.0.0.1",
            "  Port " + jump1.port,
            "  ProxyJump app",
            "Host app",
            "  HostName 127.0.0.1",
            "  Port " + target.port,
            "  ProxyJump j1",
            "Host *",
            "  User root",
            "  IdentityFile " + target.clientKey,
            ""));
    SshException e =
        assertThrows(
            SshException.class,
            () ->
                Remote.builder()
                    .ssh(Ssh.to("app").config(config).knownHosts(knownHosts()).agent(false).build())
                    .connect());
    assertTrue(e.getMessage().contains("ProxyJump loops: app -> j1 -> app"), e.getMessage());
  }

  private Path knownHosts() throws Exception {
    Path known = tmp.resolve("known_hosts");
    Files.write(
        known,
        java.util.List.of(
            Files.readString(target.knownHosts).trim(),
            Files.readString(jump1.knownHosts).trim(),
            Files.readString(jump2.knownHosts).trim()));
    return known;
  }

  @Test
  void aJumpHostThatRefusesToForward() {
    try (SshServer closed = SshServer.start(null, target.clientKey, "AllowTcpForwarding no")) {
      SshException e =
          assertThrows(
              SshException.class,
              () ->
                  Remote.builder()
                      .ssh(target.client().jump(closed.client().build()).build())
                      .connect());
      assertTrue(e.getMessage().contains("forward"), e.getMessage());
    }
  }
}
