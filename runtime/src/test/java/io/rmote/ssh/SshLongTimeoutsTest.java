package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * SSH's timeouts, which JSch takes in {@code int} milliseconds: one too long to count (a new user's
 * {@code ChronoUnit.FOREVER}) reaches JSch as the longest it can wait, about 24.8 days, where it
 * failed at connect with a bare {@code ArithmeticException}; a {@code ConnectTimeout} of 0 or less
 * is no timeout of its own (the system's TCP timeout), where it became 1 ms.
 */
class SshLongTimeoutsTest {
  static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

  @Test
  void foreverReachesJschAsItsLongestWait() {
    Ssh ssh =
        Ssh.to("example.invalid")
            .connectTimeout(FOREVER)
            .authTimeout(Duration.ofSeconds(Long.MAX_VALUE))
            .keepAlive(FOREVER, 3)
            .build();
    assertEquals(Integer.MAX_VALUE, HopSession.millis(ssh.connectTimeout));
    assertEquals(Integer.MAX_VALUE, HopSession.millis(ssh.authTimeout));
    assertEquals(Integer.MAX_VALUE, HopSession.millis(ssh.keepAlive));
  }

  @Test
  void zeroOrNegativeIsRefusedWhereItIsSet() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Ssh.to("h").connectTimeout(Duration.ZERO));
    assertEquals("connectTimeout must be positive, not PT0S", e.getMessage());
  }

  @Test
  void aConnectTimeoutOptionOfZeroMeansNoTimeoutOfItsOwn() {
    Ssh ssh = Ssh.to("h").option("ConnectTimeout", "0").build();
    assertEquals(Integer.MAX_VALUE, HopSession.millis(ssh.connectTimeout));
    assertTrue(
        ssh.setInCode.contains("connecttimeout"),
        "set, so the config file's value does not override it");
  }
}
