package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JschOwnChecks;
import com.jcraft.jsch.Session;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
  void anAlgorithmThatMayNotBeStartedHereIsLeftForJschToCheck() throws JSchException {
    // A stand-in for JSch on the module path, whose packages are not open to this one: no real
    // JSch class can be made inaccessible on the test class path.
    Session s = session();
    s.setConfig("kex", "closed-kex,absent-kex,unchecked-kex");
    s.setConfig("CheckKexes", "closed-kex,absent-kex");
    s.setConfig("closed-kex", "test.JschAlgorithmsTest.Closed");
    s.setConfig("absent-kex", "test.JschAlgorithmsTest.Absent");
    JschAlgorithms.apply(
        s,
        "CheckKexes",
        className -> {
          if (className.endsWith("Closed")) {
            throw new JschAlgorithms.NotPermitted(new IllegalStateException("module not open"));
          }
          throw new NoSuchAlgorithmException(className);
        },
        "kex");
    assertEquals("closed-kex,unchecked-kex", s.getConfig("kex"));
    assertEquals("closed-kex", s.getConfig("CheckKexes"));
  }
}
