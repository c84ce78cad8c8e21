package io.rmote;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.internal.scheduling.Timeouts;
import io.rmote.internal.wire.CallArguments;
import io.rmote.ssh.Ssh;
import io.rmote.wire.Codecs;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every timeout and wait a user gives: one too long to count in nanoseconds ({@code
 * ChronoUnit.FOREVER}'s, {@code Duration.ofSeconds(Long.MAX_VALUE)}) lasts 100 years instead of
 * failing with a bare {@code ArithmeticException} half-way through a connect, a call or a close (a
 * new user's report: the interpreter, its threads or call slots were left behind); zero or negative
 * ones are refused where they are set, naming the option.
 */
class LongTimeoutsTest {
  static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();
  static final Duration HUGE = Duration.ofSeconds(Long.MAX_VALUE);

  @Test
  void aConnectionWithEveryTimeoutForeverConnectsCallsAndCloses() throws Exception {
    Remote remote =
        Remote.builder()
            .startTimeout(FOREVER)
            .callTimeout(FOREVER)
            .closeTimeout(HUGE)
            .maxCallsInFlight(2, FOREVER)
            .connect();
    try {
      assertEquals(0L, remote.call(CallLimitTest.GAUGE, "most", Codecs.LONG));
      assertEquals(
          0L,
          remote
              .call(Call.of(CallLimitTest.GAUGE, "most", Codecs.LONG).timeout(FOREVER))
              .longValue());
    } finally {
      remote.close();
    }
    assertFalse(remote.isOpen(), "closed");
  }

  @Test
  void callsWithHugeTimeoutsGiveTheirSlotsBack() throws Exception {
    // The report: three such calls each threw from callAsync, left pending, and kept their slots,
    // so the next call failed with TooManyCallsException.
    try (Remote remote = Remote.builder().maxCallsInFlight(2, Duration.ofSeconds(60)).connect()) {
      List<CompletableFuture<Long>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(
            remote.callAsync(
                Call.of(CallLimitTest.GAUGE, "most", Codecs.LONG)
                    .timeout(Duration.ofDays(200_000))));
      }
      for (CompletableFuture<Long> c : calls) c.get(60, TimeUnit.SECONDS);
      assertEquals(1L, remote.call(CallLimitTest.GAUGE, "hold", Codecs.LONG, 0.0));
    }
  }

  @Test
  void aLongAwaitSpinStillReturnsTheAnswer() {
    try (Remote remote = Remote.builder().awaitSpin(HUGE).connect()) {
      assertEquals(0L, remote.call(CallLimitTest.GAUGE, "most", Codecs.LONG));
    }
  }

  /**
   * A reviewer's finding: a generated proxy's constructor takes a timeout and passes it to {@code
   * invoke} unchecked, so FOREVER there still threw after the call had taken its slot.
   */
  @Test
  void aTimeoutGivenToInvokeIsCheckedToo() {
    try (Remote remote = Remote.builder().maxCallsInFlight(1, Duration.ofSeconds(60)).connect()) {
      CallArguments none = CallArguments.of(List.of(), Map.of());
      assertEquals(
          0L, remote.invoke(CallLimitTest.GAUGE, "most", Codecs.LONG, none, FOREVER).join());
      refused(
          "timeout",
          () -> remote.invoke(CallLimitTest.GAUGE, "most", Codecs.LONG, none, Duration.ZERO));
      assertEquals(0L, remote.call(CallLimitTest.GAUGE, "most", Codecs.LONG), "the slot is free");
    }
  }

  @Test
  void zeroAndNegativeTimeoutsAreRefusedWhereTheyAreSet() {
    Duration negative = Duration.ofSeconds(-5);
    refused("startTimeout", () -> Remote.builder().startTimeout(Duration.ZERO));
    refused("callTimeout", () -> Remote.builder().callTimeout(negative));
    refused("closeTimeout", () -> Remote.builder().closeTimeout(negative));
    refused("closeTimeout", () -> Remote.builder().closeTimeout(null));
    refused("awaitSpin", () -> Remote.builder().awaitSpin(negative));
    refused("maxCallsInFlight", () -> Remote.builder().maxCallsInFlight(1, negative));
    refused("timeout", () -> Call.of(CallLimitTest.GAUGE, "most", Codecs.LONG).timeout(negative));
    refused(
        "timeout", () -> Call.of(CallLimitTest.GAUGE, "most", Codecs.LONG).timeout(Duration.ZERO));
    refused("connectTimeout", () -> Ssh.to("h").connectTimeout(Duration.ZERO));
    refused("keepAlive", () -> Ssh.to("h").keepAlive(negative, 3));
    // Zero is a wait of its own where it means "not at all".
    assertDoesNotThrow(() -> Remote.builder().closeTimeout(Duration.ZERO).awaitSpin(Duration.ZERO));
  }

  @Test
  void theLongestTimeoutLeavesRoomForAnyDeadline() {
    assertEquals(Timeouts.LONGEST, Timeouts.positive(FOREVER, "t"));
    assertEquals(Timeouts.LONGEST, Timeouts.zeroOrPositive(HUGE, "t"));
    assertEquals(Duration.ofSeconds(3), Timeouts.positive(Duration.ofSeconds(3), "t"));
    long deadline = System.nanoTime() + Timeouts.LONGEST.toNanos();
    assertTrue(deadline > System.nanoTime(), "no overflow");
    assertTrue(Timeouts.LONGEST.compareTo(Duration.ofDays(365 * 100)) >= 0, "at least 100 years");
  }

  private static void refused(String option, Executable setting) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, setting);
    assertTrue(e.getMessage().contains(option), e.getMessage());
  }
}
