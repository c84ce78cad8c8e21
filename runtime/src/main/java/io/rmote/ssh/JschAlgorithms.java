package io.rmote.ssh;

import com.jcraft.jsch.Cipher;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyExchange;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of JSch's algorithms this JVM can run, found once per JVM instead of on every connect.
 *
 * <p>Before each key exchange JSch checks the algorithms named by its {@code CheckKexes}, {@code
 * CheckCiphers} and {@code CheckSignatures} settings by starting each one; starting a key exchange
 * makes a key pair (ML-KEM, X25519, X448 and so on), which cost about 40% of this JVM's CPU per SSH
 * connect (docs/performance.md, SSHCPU). The answer cannot change while the JVM runs, so a session
 * gets the lists with what is missing already removed, and empty check lists.
 */
final class JschAlgorithms {
  private static final Map<String, Boolean> RUNS = new ConcurrentHashMap<>();

  private JschAlgorithms() {}

  /** Removes what this JVM cannot run from the session's offers and turns JSch's checks off. */
  static void apply(Session session) {
    List<String> kexes = missing(session, "CheckKexes", JschAlgorithms::kexRuns);
    List<String> ciphers = missing(session, "CheckCiphers", JschAlgorithms::cipherRuns);
    List<String> signatures = missing(session, "CheckSignatures", JschAlgorithms::signatureRuns);
    remove(session, "kex", kexes);
    remove(session, "cipher.c2s", ciphers);
    remove(session, "cipher.s2c", ciphers);
    remove(session, "server_host_key", signatures);
    remove(session, "PubkeyAcceptedAlgorithms", signatures);
    session.setConfig("CheckKexes", "");
    session.setConfig("CheckCiphers", "");
    session.setConfig("CheckSignatures", "");
  }

  private interface Probe {
    void run(String className) throws Exception;
  }

  private static List<String> missing(Session session, String checkList, Probe probe) {
    List<String> missing = new ArrayList<>();
    String names = session.getConfig(checkList);
    if (names == null || names.isEmpty()) return missing;
    for (String name : names.split(",")) {
      String className = session.getConfig(name);
      if (className == null) continue;
      boolean runs =
          RUNS.computeIfAbsent(
              checkList + ":" + className,
              k -> {
                try {
                  probe.run(className);
                  return true;
                } catch (Exception | LinkageError e) {
                  return false;
                }
              });
      if (!runs) missing.add(name);
    }
    return missing;
  }

  private static void remove(Session session, String key, List<String> names) {
    String offered = session.getConfig(key);
    if (offered == null || names.isEmpty()) return;
    List<String> kept = new ArrayList<>();
    for (String name : offered.split(",")) if (!names.contains(name)) kept.add(name);
    session.setConfig(key, String.join(",", kept));
  }

  private static void kexRuns(String className) throws Exception {
    KeyExchange kex =
        Class.forName(className)
            .asSubclass(KeyExchange.class)
            .getDeclaredConstructor()
            .newInstance();
    kex.init(probeSession(), null, null, null, null);
  }

  private static void cipherRuns(String className) throws Exception {
    Cipher c =
        Class.forName(className).asSubclass(Cipher.class).getDeclaredConstructor().newInstance();
    c.init(Cipher.ENCRYPT_MODE, new byte[c.getBlockSize()], new byte[c.getIVSize()]);
  }

  private static void signatureRuns(String className) throws Exception {
    Class.forName(className)
        .asSubclass(Signature.class)
        .getDeclaredConstructor()
        .newInstance()
        .init();
  }

  /** A session never connected: what a key exchange's start needs to read its settings. */
  private static Session probeSession() throws JSchException {
    return new JSch().getSession("probe", "127.0.0.1");
  }
}
