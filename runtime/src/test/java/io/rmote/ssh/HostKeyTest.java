package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Fleet;
import io.rmote.Remote;
import io.rmote.Result;
import io.rmote.testing.SshServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host keys: checked against known_hosts by default, new ones recorded only when asked, changed
 * ones never accepted.
 */
class HostKeyTest {
  @TempDir Path tmp;

  /** OpenSSH's own fingerprint of a public key file, to compare with ours. */
  static String fingerprint(Path hostKey) throws Exception {
    Process p =
        new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f", hostKey + ".pub").start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out.split(" ")[1];
  }

  @Test
  void anUnknownHostKeyFailsNamingTheHostAndTheFingerprint() throws Exception {
    try (SshServer s = SshServer.start()) {
      Path known = tmp.resolve("known_hosts");
      HostKeyException e =
          assertThrows(
              HostKeyException.class,
              () -> Remote.builder().ssh(s.client().knownHosts(known).build()).connect());
      assertFalse(e.changed());
      assertEquals("[127.0.0.1]:" + s.port, e.keyHost());
      assertEquals("ssh-ed25519", e.keyType());
      assertEquals(fingerprint(s.hostKey), e.fingerprint());
      assertTrue(
          e.getMessage().contains(e.fingerprint())
              && e.getMessage().contains("[127.0.0.1]:" + s.port),
          e.getMessage());
      assertTrue(e.getMessage().contains("ACCEPT_NEW"), e.getMessage());
      assertFalse(Files.exists(known), "nothing recorded under STRICT");
    }
  }

  @Test
  void acceptNewRecordsTheKeyOnceThenChecksIt() throws Exception {
    try (SshServer s = SshServer.start()) {
      Path known = tmp.resolve("sub/known_hosts");
      try (Remote r =
          Remote.builder()
              .ssh(s.client().knownHosts(known).hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW).build())
              .connect()) {
        assertTrue(r.isOpen());
      }
      List<String> lines = Files.readAllLines(known);
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(lines.get(0).startsWith("[127.0.0.1]:" + s.port + " ssh-ed25519 "), lines.get(0));
      // now known: STRICT accepts it, and OpenSSH reads the line too
      try (Remote r = Remote.builder().ssh(s.client().knownHosts(known).build()).connect()) {
        assertTrue(r.isOpen());
      }
      Process ssh =
          new ProcessBuilder(
                  "ssh",
                  "-i",
                  s.clientKey.toString(),
                  "-p",
                  Integer.toString(s.port),
                  "-o",
                  "BatchMode=yes",
                  "-o",
                  "StrictHostKeyChecking=yes",
                  "-o",
                  "UserKnownHostsFile=" + known,
                  "root@127.0.0.1",
                  "true")
              .start();
      assertEquals(
          0,
          ssh.waitFor(),
          new String(ssh.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void manyConcurrentFirstConnectionsRecordTheKeyOnce() throws Exception {
    try (SshServer s = SshServer.start()) {
      Path known = tmp.resolve("known_hosts");
      List<String> names = new ArrayList<>();
      for (int i = 0; i < 12; i++) names.add("c" + i);
      try (Fleet fleet =
          Fleet.builder()
              .maxConcurrentConnects(12)
              .connect(
                  names,
                  // Recording the key is under test, not how fast a loaded machine starts 12
                  // interpreters.
                  n ->
                      Remote.builder()
                          .ssh(
                              s
                                  .client()
                                  .knownHosts(known)
                                  .hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW)
                                  .build()
                                  .toBuilder()
                                  .build())
                          .startTimeout(java.time.Duration.ofMinutes(2))
                          .connect())) {
        assertEquals(12, fleet.connected().size(), fleet.failures().toString());
      }
      assertEquals(1, Files.readAllLines(known).size());
    }
  }

  @Test
  void aChangedHostKeyIsNeverAccepted() throws Exception {
    try (SshServer first = SshServer.start();
        SshServer second = SshServer.start()) {
      // known_hosts says the second server's address has the first server's key: the key "changed".
      Path known = tmp.resolve("known_hosts");
      String pub = Files.readString(Path.of(first.hostKey + ".pub")).trim();
      String[] f = pub.split(" ");
      String line = "[127.0.0.1]:" + second.port + " " + f[0] + " " + f[1] + "\n";
      Files.writeString(known, line);
      for (HostKeyPolicy policy : HostKeyPolicy.values()) {
        HostKeyException e =
            assertThrows(
                HostKeyException.class,
                () ->
                    Remote.builder()
                        .ssh(second.client().knownHosts(known).hostKeyPolicy(policy).build())
                        .connect(),
                policy.name());
        assertTrue(e.changed());
        assertEquals(fingerprint(second.hostKey), e.fingerprint());
        assertTrue(
            e.getMessage().contains("CHANGED") && e.getMessage().contains(e.fingerprint()),
            e.getMessage());
        assertEquals(line, Files.readString(known), "known_hosts untouched");
      }
    }
  }

  @Test
  void aKnownHostOfferingAnotherKeyTypeIsNotAcceptedAsNew() throws Exception {
    Path rsa = tmp.resolve("host_rsa");
    Process p =
        new ProcessBuilder(
                "ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", rsa.toString())
            .start();
    assertEquals(0, p.waitFor());
    try (SshServer s = SshServer.start(rsa, null)) {
      // known_hosts holds an ed25519 key for the host (someone else's); the server only has RSA
      Path known = tmp.resolve("known_hosts");
      Path other = SshServer.keygen(tmp.resolve("other_host"), "");
      String[] f = Files.readString(Path.of(other + ".pub")).trim().split(" ");
      Files.writeString(known, "[127.0.0.1]:" + s.port + " " + f[0] + " " + f[1] + "\n");
      HostKeyException e =
          assertThrows(
              HostKeyException.class,
              () ->
                  Remote.builder()
                      .ssh(
                          s.client()
                              .knownHosts(known)
                              .hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW)
                              .build())
                      .connect());
      assertTrue(e.changed(), e.getMessage());
      assertEquals(1, Files.readAllLines(known).size());
    }
  }

  @Test
  void theInsecurePolicyIsExplicit() throws Exception {
    try (SshServer s = SshServer.start();
        Remote r =
            Remote.builder()
                .ssh(
                    s.client()
                        .knownHosts(tmp.resolve("none"))
                        .hostKeyPolicy(HostKeyPolicy.INSECURE_ACCEPT_UNKNOWN)
                        .build())
                .connect()) {
      assertTrue(r.isOpen());
      assertFalse(Files.exists(tmp.resolve("none")));
    }
    Map<String, Result<String>> unused = Map.of();
    assertTrue(unused.isEmpty());
  }
}
