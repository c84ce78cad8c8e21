package com.jcraft.jsch;

/**
 * JSch's own availability check of a key exchange, the one it runs before every key exchange,
 * reached from inside its package (it is package-private): the reference {@code JschAlgorithmsTest}
 * holds our once-per-JVM check to.
 */
public final class JschOwnChecks {
  private JschOwnChecks() {}

  /** Whether JSch finds the key exchange {@code className} runs in this JVM. */
  public static boolean kexRuns(Session session, String className) {
    return Session.checkKex(session, className);
  }
}
