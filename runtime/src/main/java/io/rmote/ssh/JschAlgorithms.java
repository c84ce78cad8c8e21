package io.rmote.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyExchange;
import com.jcraft.jsch.Session;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of JSch's key exchanges this JVM can run, found once per JVM instead of before every key
 * exchange.
 *
 * <p>Before each key exchange JSch checks the key exchanges its {@code CheckKexes} setting names by
 * starting each one, which makes a key pair (ML-KEM, X25519, X448 and so on); without JSch's checks
 * a connect cost this JVM 0.91× the CPU (docs/performance.md, SSHCPU). The answer cannot change
 * while the JVM runs, so a session gets the offer with what is missing already removed, and a check
 * list that names only what could not be started from here. JSch's other checks (ciphers, MACs,
 * signatures) make no key pair and are left to JSch, which also derives from them what a missing
 * signature takes with it (its certificate type, the CA algorithms).
 *
 * <p>Each key exchange is started as JSch's own check ({@code Session.checkKex}) starts it: its
 * class found through JSch's class loader, judged missing on any exception or linkage error, or
 * when the setting names no class. JSch's key exchanges are package-private classes, which JSch
 * starts from inside its package; one that this class may not start (JSch on the module path, where
 * its packages are not open) is not taken for missing but left in the check list, for JSch to check
 * itself.
 */
final class JschAlgorithms {
  /** What starting a key exchange here found. */
  private enum Verdict {
    RUNS,
    MISSING,
    /** Not started: this JVM denied access to its class, which JSch itself has. */
    NOT_PROBED
  }

  private static final Map<String, Verdict> VERDICTS = new ConcurrentHashMap<>();

  private JschAlgorithms() {}

  /**
   * Removes what this JVM cannot run from the session's key exchange offer and narrows JSch's check
   * list, unless {@code keysSetInCode} (the JSch settings given to this session in code) maps one
   * of JSch's algorithms or its helpers to a class of its own: the verdicts here were found with
   * JSch's classes, so such a session is checked by JSch itself, before each key exchange.
   */
  static void apply(Session session, Collection<String> keysSetInCode) {
    for (String key : keysSetInCode) if (namesAClass(key)) return;
    String names = session.getConfig("CheckKexes");
    if (names == null || names.isEmpty()) return;
    List<String> missing = new ArrayList<>();
    List<String> notProbed = new ArrayList<>();
    for (String name : names.split(",")) {
      String className = session.getConfig(name);
      Verdict v =
          className == null
              ? Verdict.MISSING // as JSch's check, which fails to load a class of no name
              : VERDICTS.computeIfAbsent(className, JschAlgorithms::verdict);
      if (v == Verdict.MISSING) missing.add(name);
      if (v == Verdict.NOT_PROBED) notProbed.add(name);
    }
    String offered = session.getConfig("kex");
    if (offered != null && !missing.isEmpty()) {
      List<String> kept = new ArrayList<>();
      for (String name : offered.split(",")) if (!missing.contains(name)) kept.add(name);
      session.setConfig("kex", String.join(",", kept));
    }
    session.setConfig("CheckKexes", String.join(",", notProbed));
  }

  /** Whether JSch's own value for the setting {@code key} is a class name. */
  private static boolean namesAClass(String key) {
    String value = JSch.getConfig(key);
    return value != null && value.startsWith("com.jcraft.jsch.");
  }

  /** Starts the key exchange {@code className} as JSch's check does. */
  private static Verdict verdict(String className) {
    try {
      kexRuns(className);
      return Verdict.RUNS;
    } catch (NotPermitted | IllegalAccessException e) {
      return Verdict.NOT_PROBED;
    } catch (Exception | LinkageError e) {
      return Verdict.MISSING;
    }
  }

  private static void kexRuns(String className) throws Exception {
    Constructor<? extends KeyExchange> c =
        Class.forName(className, true, JSch.class.getClassLoader())
            .asSubclass(KeyExchange.class)
            .getDeclaredConstructor();
    try {
      c.setAccessible(true);
    } catch (RuntimeException e) { // InaccessibleObjectException: JSch's package is not open to us
      throw new NotPermitted(e);
    }
    c.newInstance().init(probeSession(), null, null, null, null);
  }

  /** This JVM denied access to the algorithm's class itself, not to what the algorithm needs. */
  private static final class NotPermitted extends Exception {
    private static final long serialVersionUID = 1L;

    NotPermitted(Throwable cause) {
      super(cause);
    }
  }

  /** A session never connected: what a key exchange's start needs to read its settings. */
  private static Session probeSession() throws JSchException {
    return new JSch().getSession("probe", "127.0.0.1");
  }
}
