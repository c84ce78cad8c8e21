package com.jcraft.jsch;

/**
 * JSch's own availability checks, the ones it runs before every key exchange, reached from inside
 * its package (they are package-private): the reference {@code JschAlgorithmsTest} holds our
 * once-per-JVM checks to.
 */
public final class JschOwnChecks {
  private JschOwnChecks() {}

  /** Whether JSch finds the key exchange {@code className} runs in this JVM. */
  public static boolean kexRuns(Session session, String className) {
    return Session.checkKex(session, className);
  }

  /** Whether JSch finds the cipher {@code className} runs in this JVM. */
  public static boolean cipherRuns(String className) {
    return Session.checkCipher(className);
  }
}
