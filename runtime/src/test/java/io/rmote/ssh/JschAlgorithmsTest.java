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
 * The once-per-JVM availability checks offer exactly what JSch's own checks before each key
 * exchange would: what runs is kept, in JSch's order, and only what cannot run is removed.
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
    JschAlgorithms.apply(s);
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
  void ciphersOfferedAreThoseJschFindsRunning() throws JSchException {
    String expected = jschsOwnOffer("cipher.c2s", "CheckCiphers", JschOwnChecks::cipherRuns);
    Session s = session();
    JschAlgorithms.apply(s);
    assertEquals(expected, s.getConfig("cipher.c2s"));
    assertEquals(expected, s.getConfig("cipher.s2c"));
  }

  @Test
  void signaturesThisJvmRunsStayOffered() throws JSchException {
    Session s = session();
    String before = s.getConfig("server_host_key");
    JschAlgorithms.apply(s);
    // The JDK has Ed25519, ECDSA and RSA since Java 15: nothing of JSch's default list is missing.
    assertEquals(before, s.getConfig("server_host_key"));
    assertEquals(before, s.getConfig("PubkeyAcceptedAlgorithms"));
  }

  @Test
  void checksAllProbedAreNotRunAgainByJsch() throws JSchException {
    Session s = session();
    JschAlgorithms.apply(s);
    assertEquals("", s.getConfig("CheckKexes"));
    assertEquals("", s.getConfig("CheckCiphers"));
    assertEquals("", s.getConfig("CheckSignatures"));
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
    assertEquals(defaults.getConfig("cipher.c2s"), after.get("cipher.c2s"), out);
    assertEquals(defaults.getConfig("server_host_key"), after.get("server_host_key"), out);
    assertTrue(after.get("CheckKexes").contains("curve25519-sha256"), out);
    assertTrue(after.get("CheckSignatures").contains("ssh-ed25519"), out);
  }

  /** In a JVM with JSch on the module path: the offers and check lists after {@code apply}. */
  public static void main(String[] args) throws JSchException {
    Session s = session();
    JschAlgorithms.apply(s);
    System.out.println("module=" + JSch.class.getModule().getName());
    for (String key :
        List.of(
            "kex",
            "cipher.c2s",
            "server_host_key",
            "CheckKexes",
            "CheckCiphers",
            "CheckSignatures")) {
      System.out.println(key + "=" + s.getConfig(key));
    }
  }
}
