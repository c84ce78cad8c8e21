package io.rmote.ssh;

import java.util.Locale;

/**
 * OpenSSH's pattern matching: {@code *} and {@code ?}, and comma-separated lists with {@code !}.
 */
final class SshPatterns {
  private SshPatterns() {}

  static boolean glob(String pattern, String s, boolean ignoreCase) {
    if (ignoreCase) {
      pattern = pattern.toLowerCase(Locale.ROOT);
      s = s.toLowerCase(Locale.ROOT);
    }
    return glob(pattern, 0, s, 0);
  }

  private static boolean glob(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        while (pi < p.length() && p.charAt(pi) == '*') pi++;
        if (pi == p.length()) return true;
        for (int k = si; k <= s.length(); k++) if (glob(p, pi, s, k)) return true;
        return false;
      }
      if (si == s.length()) return false;
      if (c != '?' && c != s.charAt(si)) return false;
      pi++;
      si++;
    }
    return si == s.length();
  }

  /** A comma-separated list: a negated match wins, else any positive one. */
  static boolean list(String list, String s, boolean ignoreCase) {
    boolean any = false;
    for (String p : list.split(",")) {
      p = p.strip();
      if (p.isEmpty()) continue;
      boolean negated = p.startsWith("!");
      if (glob(negated ? p.substring(1) : p, s, ignoreCase)) {
        if (negated) return false;
        any = true;
      }
    }
    return any;
  }
}
