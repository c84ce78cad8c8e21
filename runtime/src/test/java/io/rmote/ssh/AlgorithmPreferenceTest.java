package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Remote;
import io.rmote.testing.SshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The ciphers rmote offers: as docs/ssh.md lists them, chosen by OpenSSH, and not required. */
class AlgorithmPreferenceTest {

  @Test
  void theOfferedCiphersAreTheDocumentedList() throws Exception {
    Path docs = Path.of("../docs/ssh.md");
    Assumptions.assumeTrue(Files.isReadable(docs), "docs/ssh.md not beside the module");
    Matcher m =
        Pattern.compile("Ciphers offered, best first: `([^`]+)`").matcher(Files.readString(docs));
    assertTrue(m.find(), "docs/ssh.md names the ciphers offered");
    assertEquals(m.group(1), JschAlgorithms.CIPHERS);
  }

  @Test
  void anOpenSshServerWithItsDefaultsPicksAesCtr() {
    try (SshServer server = SshServer.start("LogLevel DEBUG1");
        Remote remote = Remote.builder().ssh(server.client().build()).connect()) {
      assertTrue(remote.pythonVersion().startsWith("3."), remote.pythonVersion());
      String log = server.logText();
      assertTrue(log.contains("cipher: aes128-ctr"), log);
    }
  }

  @Test
  void aServerOfferingOnlyAesGcmAndAnOlderKeyExchangeStillConnects() {
    try (SshServer server =
            SshServer.start(
                "LogLevel DEBUG1",
                "Ciphers aes256-gcm@openssh.com",
                "KexAlgorithms diffie-hellman-group14-sha256");
        Remote remote = Remote.builder().ssh(server.client().build()).connect()) {
      assertTrue(remote.pythonVersion().startsWith("3."), remote.pythonVersion());
      String log = server.logText();
      assertTrue(log.contains("cipher: aes256-gcm@openssh.com"), log);
      assertTrue(log.contains("diffie-hellman-group14-sha256"), log);
    }
  }
}
