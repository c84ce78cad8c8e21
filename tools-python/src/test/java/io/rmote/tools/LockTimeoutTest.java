package io.rmote.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A package manager's lock timeout is refused where it is set unless finite and not negative: a
 * reviewer's finding, infinity failed on the remote as {@code int(inf)}.
 */
class LockTimeoutTest {
  @Test
  void aptAndPacmanRefuseTheSameValues() {
    for (double bad :
        new double[] {Double.POSITIVE_INFINITY, Double.NaN, -1.0, Double.NEGATIVE_INFINITY}) {
      IllegalArgumentException apt =
          assertThrows(
              IllegalArgumentException.class, () -> Apt.Options.DEFAULTS.withLockTimeout(bad));
      assertEquals("lockTimeout must be finite and not negative, not " + bad, apt.getMessage());
      assertThrows(
          IllegalArgumentException.class, () -> Pacman.Options.DEFAULTS.withLockTimeout(bad));
    }
    assertEquals(0.0, Apt.Options.DEFAULTS.withLockTimeout(0).lockTimeout());
    assertEquals(1e9, Pacman.Options.DEFAULTS.withLockTimeout(1e9).lockTimeout());
  }
}
