package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %l}, {@code %L} and {@code %C} on a host whose name no resolver knows, against OpenSSH's
 * client: a JVM started in a UTS namespace of its own (unshare(1), as root) under such a name, and
 * {@code ssh -G} in the same namespace expanding the tokens in a {@code Match exec} command. The
 * JDK's {@code InetAddress.getLocalHost()}, which the tokens once came from, fails on such a name,
 * and {@code %l} then read "localhost".
 */
class LocalHostNameTest {
  /** A name with a domain, so that {@code %L} (up to the first dot) differs from {@code %l}. */
  static final String NAME = "rmote-no-dns.example.invalid";

  @TempDir Path tmp;

  @Test
  void tokensOfAHostNameNoResolverKnowsAreSshs() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh")), "no OpenSSH client");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "no unshare(1)");
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "a UTS namespace needs root");
    Path config = tmp.resolve("config");
    Path sshs = tmp.resolve("ssh-tokens");
    Files.writeString(config, "Match exec \"echo %l %L %C > " + sshs + "\"\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                "unshare",
                "--uts",
                "sh",
                "-c",
                "hostname \"$1\" && ssh -G tok -F \"$2\" >/dev/null && exec \"$3\" -cp \"$4\""
                    + " io.rmote.ssh.LocalHostNameTest",
                "sh",
                NAME,
                config.toString(),
                java,
                System.getProperty("java.class.path"))
            .redirectError(tmp.resolve("stderr").toFile())
            .start();
    String ours = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    String err = Files.readString(tmp.resolve("stderr"));
    Assumptions.assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out");
    Assumptions.assumeFalse(
        err.contains("unshare failed"), "no UTS namespace can be made here: " + err);
    assertEquals(0, p.exitValue(), ours + err);
    String expected = Files.readString(sshs).trim();
    assertEquals(expected, ours, "%l %L %C, ssh -G's then ours");
    assertEquals(NAME + " rmote-no-dns", expected.substring(0, expected.lastIndexOf(' ')));
  }

  /** In the namespace: {@code %l %L %C} for host {@code tok}, port 22, as this user. */
  public static void main(String[] args) {
    Map<Character, String> t =
        SshTokens.map("tok", "tok", "22", System.getProperty("user.name"), Map.of());
    System.out.println(t.get('l') + " " + t.get('L') + " " + t.get('C'));
  }
}
