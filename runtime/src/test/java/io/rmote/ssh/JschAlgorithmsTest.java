package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JschOwnChecks;
import com.jcraft.jsch.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The once-per-JVM key exchange check offers exactly what JSch's own check before each key exchange
 * would: what runs is kept, in JSch's order, and only what cannot run is removed.
 */
class JschAlgorithmsTest {
  private static Session session() throws JSchException {
    return new JSch().getSession("probe", "127.0.0.1");
  }

  /**
   * JSch's offer for {@code key} with what its own check finds missing removed: the names its
   * {@code checkList} does not name are kept unchecked, as JSch keeps them.
   */
  private static String jschsOwnOffer(String key, String checkList, Predicate<String> runs)
      throws JSchException {
    Session s = session();
    List<String> checked = Arrays.asList(s.getConfig(checkList).split(","));
    List<String> kept = new ArrayList<>();
    for (String name : s.getConfig(key).split(",")) {
      if (!checked.contains(name) || runs.test(s.getConfig(name))) kept.add(name);
    }
    return String.join(",", kept);
  }

  @Test
  void keyExchangesOfferedAreThoseJschFindsRunning() throws JSchException {
    Session reference = session();
    String expected = jschsOwnOffer("kex", "CheckKexes", c -> JschOwnChecks.kexRuns(reference, c));
    Session s = session();
    JschAlgorithms.apply(s, List.of());
    assertEquals(expected, s.getConfig("kex"));
    // The fault this guards against: JSch's key exchanges are package-private classes, and a
    // check that could not start them took them all for missing, so every connection fell back
    // from OpenSSH's first choice to ecdh-sha2-nistp256.
    assertTrue(
        Arrays.asList(s.getConfig("kex").split(",")).contains("curve25519-sha256"),
        s.getConfig("kex"));
    int curve = s.getConfig("kex").indexOf("curve25519-sha256");
    int nist = s.getConfig("kex").indexOf("ecdh-sha2-nistp256");
    assertTrue(curve < nist, "curve25519-sha256 comes before the NIST curves, as in JSch's order");
  }

  @Test
  void everyCheckedKeyExchangeIsJudgedAsJschJudgesIt() throws JSchException {
    // Not only those offered by default: a user may add any of them (KexAlgorithms +name).
    Session reference = session();
    Session s = session();
    s.setConfig("kex", s.getConfig("CheckKexes") + ",no-such-kex@example.invalid");
    s.setConfig("CheckKexes", s.getConfig("CheckKexes") + ",no-such-kex@example.invalid");
    List<String> expected = new ArrayList<>();
    for (String name : s.getConfig("kex").split(",")) {
      String c = s.getConfig(name);
      if (c != null && JschOwnChecks.kexRuns(reference, c)) expected.add(name);
    }
    JschAlgorithms.apply(s, List.of());
    assertEquals(String.join(",", expected), s.getConfig("kex"));
    assertEquals("", s.getConfig("CheckKexes"), "JSch has nothing left to check");
  }

  @Test
  void ciphersMacsAndSignaturesAreLeftToJsch() throws JSchException {
    Session s = session();
    Session defaults = session();
    JschAlgorithms.apply(s, List.of());
    for (String key :
        List.of(
            "cipher.c2s",
            "cipher.s2c",
            "mac.c2s",
            "server_host_key",
            "PubkeyAcceptedAlgorithms",
            "CheckCiphers",
            "CheckMacs",
            "CheckSignatures")) {
      assertEquals(defaults.getConfig(key), s.getConfig(key), key);
    }
  }

  @Test
  void aSessionMappingAnAlgorithmToAClassOfItsOwnIsCheckedByJsch() throws JSchException {
    // Ssh.Builder.option("xdh", ...) or ("curve25519-sha256", ...): the verdicts found with
    // JSch's own classes do not hold for that session.
    Session s = session();
    Session defaults = session();
    s.setConfig("xdh", "com.example.NoSuchXdh");
    JschAlgorithms.apply(s, List.of("xdh"));
    assertEquals(defaults.getConfig("kex"), s.getConfig("kex"));
    assertEquals(defaults.getConfig("CheckKexes"), s.getConfig("CheckKexes"));
    Session other = session();
    JschAlgorithms.apply(other, List.of("MaxAuthTries", "kexalgorithms"));
    assertEquals("", other.getConfig("CheckKexes"), "settings that name no class change nothing");
  }

  @Test
  void onTheModulePathWhatMayNotBeStartedIsLeftForJschToCheck() throws Exception {
    // JSch as a named module: its key exchanges are package-private and its jce package is not
    // exported, so none of them may be started from here. A child JVM, as a module path is fixed
    // at the JVM's start.
    Path jsch = Path.of(JSch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "--module-path",
                jsch.toString(),
                "--add-modules",
                "com.jcraft.jsch",
                "-cp",
                System.getProperty("java.class.path"),
                JschAlgorithmsTest.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end: " + out);
    assertEquals(0, p.exitValue(), out);
    Map<String, String> after = new TreeMap<>();
    out.lines()
        .filter(l -> l.contains("="))
        .forEach(l -> after.put(l.split("=", 2)[0], l.split("=", 2)[1]));
    Session defaults = session();
    assertEquals("com.jcraft.jsch", after.get("module"), out);
    // nothing taken for missing: the offers are JSch's, and JSch checks them itself
    assertEquals(defaults.getConfig("kex"), after.get("kex"), out);
    assertTrue(after.get("CheckKexes").contains("curve25519-sha256"), out);
  }

  /** In a JVM with JSch on the module path: the offers and check lists after {@code apply}. */
  public static void main(String[] args) throws JSchException {
    Session s = session();
    JschAlgorithms.apply(s, List.of());
    System.out.println("module=" + JSch.class.getModule().getName());
    System.out.println("kex=" + s.getConfig("kex"));
    System.out.println("CheckKexes=" + s.getConfig("CheckKexes"));
  }
}
