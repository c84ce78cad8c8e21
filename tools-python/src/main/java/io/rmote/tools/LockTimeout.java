package io.rmote.tools;

/**
 * The one rule for a package manager's lock timeout ({@code Apt.Options}, {@code Pacman.Options}),
 * in seconds: finite and not negative. Infinity reached the remote as {@code int(inf)} and failed
 * there; a negative or NaN one timed out at once.
 */
final class LockTimeout {
  private LockTimeout() {}

  static double check(double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds))
      throw new IllegalArgumentException(
          "lockTimeout must be finite and not negative, not " + seconds);
    return seconds;
  }
}
