package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * SSH's timeouts, which JSch takes in {@code int} milliseconds: one too long to count (a new user's
 * {@code ChronoUnit.FOREVER}) reaches JSch as the longest it can wait, about 24.8 days, where it
 * failed at connect with a bare {@code ArithmeticException}; an ssh_config {@code ConnectTimeout}
 * of 0 or less leaves the default, as OpenSSH treats it as no timeout of its own.
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
  void aConfigConnectTimeoutOfZeroKeepsTheDefault() {
    Ssh ssh = Ssh.to("h").option("ConnectTimeout", "0").build();
    assertEquals(Duration.ofSeconds(10), ssh.connectTimeout);
  }
}
