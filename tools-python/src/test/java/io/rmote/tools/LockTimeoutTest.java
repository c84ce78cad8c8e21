package io.rmote.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Remote;
import io.rmote.python.ValueError;
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

  /**
   * {@code Apt.update} takes its lock timeout as a plain parameter, so the remote checks it, before
   * it takes any lock (a dry run here: nothing would change on this machine either way).
   */
  @Test
  void aptUpdateRefusesTheSameValuesOnTheRemote() {
    try (Remote remote = Remote.local()) {
      Apt apt = remote.tool(Apt.class);
      for (double bad : new double[] {Double.POSITIVE_INFINITY, Double.NaN, -1.0}) {
        ValueError e = assertThrows(ValueError.class, () -> apt.update(-1, true, bad));
        assertTrue(e.getMessage().contains("lock_timeout must be finite"), e.getMessage());
      }
    }
  }
}
