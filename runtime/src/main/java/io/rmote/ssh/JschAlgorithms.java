package io.rmote.ssh;

import com.jcraft.jsch.Cipher;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyExchange;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.Signature;
import java.lang.reflect.Constructor;
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
 * gets the lists with what is missing already removed, and check lists that name only what could
 * not be started from here.
 *
 * <p>Each algorithm is started as JSch's own check starts it ({@code Session.checkKex} and its
 * siblings): through JSch's class loader, and judged missing on any exception or linkage error.
 * JSch's key exchanges are package-private classes, which JSch starts from inside its package; an
 * algorithm this class may not start (JSch on the module path, where its packages are not open) is
 * not taken for missing but left in the session's check list, for JSch to check itself.
 */
final class JschAlgorithms {
  /** What starting an algorithm here found. */
  enum Verdict {
    RUNS,
    MISSING,
    /** Not started: this JVM denied access to its class, which JSch itself has. */
    NOT_PROBED
  }

  /** Starts an algorithm's implementation, as JSch's check does; throws if it cannot run. */
  interface Probe {
    void run(String className) throws Exception;
  }

  private static final Map<String, Verdict> VERDICTS = new ConcurrentHashMap<>();

  private JschAlgorithms() {}

  /** Removes what this JVM cannot run from the session's offers and narrows JSch's checks. */
  static void apply(Session session) {
    apply(session, "CheckKexes", JschAlgorithms::kexRuns, "kex");
    apply(session, "CheckCiphers", JschAlgorithms::cipherRuns, "cipher.c2s", "cipher.s2c");
    apply(
        session,
        "CheckSignatures",
        JschAlgorithms::signatureRuns,
        "server_host_key",
        "PubkeyAcceptedAlgorithms");
  }

  /**
   * Judges each algorithm named by the session's {@code checkList} with {@code probe} (once per
   * JVM), removes the missing ones from the {@code offers}, and leaves in the check list only those
   * that could not be probed.
   */
  static void apply(Session session, String checkList, Probe probe, String... offers) {
    String names = session.getConfig(checkList);
    if (names == null || names.isEmpty()) return;
    List<String> missing = new ArrayList<>();
    List<String> notProbed = new ArrayList<>();
    for (String name : names.split(",")) {
      String className = session.getConfig(name);
      if (className == null) continue;
      Verdict v =
          VERDICTS.computeIfAbsent(checkList + ":" + className, k -> verdict(probe, className));
      if (v == Verdict.MISSING) missing.add(name);
      if (v == Verdict.NOT_PROBED) notProbed.add(name);
    }
    for (String offer : offers) remove(session, offer, missing);
    session.setConfig(checkList, String.join(",", notProbed));
  }

  static Verdict verdict(Probe probe, String className) {
    try {
      probe.run(className);
      return Verdict.RUNS;
    } catch (NotPermitted | IllegalAccessException e) {
      return Verdict.NOT_PROBED;
    } catch (Exception | LinkageError e) {
      return Verdict.MISSING;
    }
  }

  private static void remove(Session session, String key, List<String> names) {
    String offered = session.getConfig(key);
    if (offered == null || names.isEmpty()) return;
    List<String> kept = new ArrayList<>();
    for (String name : offered.split(",")) if (!names.contains(name)) kept.add(name);
    session.setConfig(key, String.join(",", kept));
  }

  private static void kexRuns(String className) throws Exception {
    newInstance(className, KeyExchange.class).init(probeSession(), null, null, null, null);
  }

  private static void cipherRuns(String className) throws Exception {
    Cipher c = newInstance(className, Cipher.class);
    c.init(Cipher.ENCRYPT_MODE, new byte[c.getBlockSize()], new byte[c.getIVSize()]);
  }

  private static void signatureRuns(String className) throws Exception {
    newInstance(className, Signature.class).init();
  }

  /** This JVM denied access to the algorithm's class itself, not to what the algorithm needs. */
  static final class NotPermitted extends Exception {
    private static final long serialVersionUID = 1L;

    NotPermitted(Throwable cause) {
      super(cause);
    }
  }

  private static <T> T newInstance(String className, Class<T> type) throws Exception {
    Constructor<? extends T> c =
        Class.forName(className, true, JSch.class.getClassLoader())
            .asSubclass(type)
            .getDeclaredConstructor();
    try {
      c.setAccessible(true);
    } catch (RuntimeException e) { // InaccessibleObjectException: JSch's package is not open to us
      throw new NotPermitted(e);
    }
    return c.newInstance();
  }

  /** A session never connected: what a key exchange's start needs to read its settings. */
  private static Session probeSession() throws JSchException {
    return new JSch().getSession("probe", "127.0.0.1");
  }
}
