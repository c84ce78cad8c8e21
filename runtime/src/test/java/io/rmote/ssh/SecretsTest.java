package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rmote.Become;
import io.rmote.Remote;
import io.rmote.RmoteException;
import io.rmote.ToolDescriptor;
import io.rmote.testing.LogCapture;
import io.rmote.testing.SshServer;
import io.rmote.testing.TestHosts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every secret the library takes (an SSH password, a key passphrase, a become password), right and
 * wrong, is used in one run; then everything a user or an operator can see is scanned for each of
 * them: every log line, every exception's message and causes, the {@code toString()} of the values
 * that hold them, and the name of every live thread.
 */
class SecretsTest {
  static final ToolDescriptor INFO =
      ToolDescriptor.fromResource(SecretsTest.class, "tools/hostinfo.py", "HostInfo");

  private static final String PASSPHRASE = "Passphrase-Right-31";
  private static final String WRONG_PASSPHRASE = "Passphrase-Wrong-47";
  private static final String WRONG_PASSWORD = "Password-Wrong-58";
  private static final String WRONG_BECOME = "Become-Wrong-63";

  @Test
  void noSecretReachesLogsExceptionsToStringOrThreadNames(@TempDir Path tmp) throws Exception {
    TestHosts.assumeLocalUsers();
    Path key = SshServer.keygen(tmp.resolve("enc_key"), PASSPHRASE);
    List<String> seen = new ArrayList<>();
    try (SshServer server = SshServer.start(null, key, "PasswordAuthentication yes");
        LogCapture logs = new LogCapture()) {
      Ssh byKey = byKey(server, key, PASSPHRASE);
      Ssh byPassword =
          Ssh.to("rmote-tuser2@127.0.0.1")
              .port(server.port)
              .password(TestHosts.PASSWORD.toCharArray())
              .knownHosts(server.knownHosts)
              .noConfig()
              .agent(false)
              .build();
      Become become = Become.sudo().password(TestHosts.PASSWORD.toCharArray());
      seen.add(byKey.toString());
      seen.add(byPassword.toString());
      seen.add(become.toString());
      try (Remote remote = Remote.builder().ssh(byKey).connect()) {
        assertEquals("root", remote.call(INFO, "whoami", String.class));
        seen.add(remote.toString());
      }
      try (Remote remote = Remote.builder().ssh(byPassword).become(become).connect()) {
        assertEquals("root", remote.call(INFO, "whoami", String.class));
        seen.add(remote.toString());
        for (Thread t : Thread.getAllStackTraces().keySet()) seen.add(t.getName());
      }
      seen.add(failure(Remote.builder().ssh(byKey(server, key, WRONG_PASSPHRASE))));
      seen.add(
          failure(
              Remote.builder()
                  .ssh(byPassword.toBuilder().password(WRONG_PASSWORD.toCharArray()).build())));
      seen.add(
          failure(
              Remote.builder()
                  .ssh(byPassword)
                  .become(Become.sudo().password(WRONG_BECOME.toCharArray()))));
      for (Thread t : Thread.getAllStackTraces().keySet()) seen.add(t.getName());
      seen.addAll(logs.lines());
    }
    for (String text : seen) {
      for (String secret :
          List.of(TestHosts.PASSWORD, PASSPHRASE, WRONG_PASSPHRASE, WRONG_PASSWORD, WRONG_BECOME)) {
        assertFalse(text.contains(secret), "a secret in: " + text);
      }
    }
  }

  private static Ssh byKey(SshServer server, Path key, String passphrase) {
    return Ssh.to("root@127.0.0.1")
        .port(server.port)
        .identity(key, passphrase.toCharArray())
        .knownHosts(server.knownHosts)
        .noConfig()
        .agent(false)
        .build();
  }

  /** The connect's exception, its causes' messages and its toString, as one text. */
  private static String failure(Remote.Builder builder) {
    RmoteException e = assertThrows(RmoteException.class, builder::connect);
    StringBuilder s = new StringBuilder(e.toString());
    for (Throwable t = e; t != null; t = t.getCause()) s.append(" | ").append(t);
    return s.toString();
  }
}
