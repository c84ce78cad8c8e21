package io.rmote.internal.scheduling;

import java.time.Duration;

/**
 * The one rule for every timeout and wait a user gives the library: what is accepted, and how long
 * a very long one lasts. Internal: not an API.
 */
public final class Timeouts {
  /**
   * The longest wait honoured: 100 years. A longer one, such as {@code ChronoUnit.FOREVER}'s, waits
   * this long instead, which is for ever in practice and keeps every deadline ({@code
   * System.nanoTime()} plus the wait, in nanoseconds) clear of {@code long} overflow, as {@link
   * java.util.concurrent.TimeUnit#convert(Duration)} saturates rather than fails.
   */
  public static final Duration LONGEST = Duration.ofDays(36_525);

  private Timeouts() {}

  /**
   * {@code d}, at most {@link #LONGEST}.
   *
   * @throws IllegalArgumentException naming {@code what} if {@code d} is null, zero or negative
   */
  public static Duration positive(Duration d, String what) {
    if (d == null || d.isNegative() || d.isZero())
      throw new IllegalArgumentException(what + " must be positive, not " + d);
    return longest(d);
  }

  /**
   * {@code d}, at most {@link #LONGEST}.
   *
   * @throws IllegalArgumentException naming {@code what} if {@code d} is null or negative
   */
  public static Duration zeroOrPositive(Duration d, String what) {
    if (d == null || d.isNegative())
      throw new IllegalArgumentException(what + " must be zero or positive, not " + d);
    return longest(d);
  }

  /** {@code d}, at most {@link #LONGEST}; for values already known not to be negative. */
  public static Duration longest(Duration d) {
    return d.compareTo(LONGEST) > 0 ? LONGEST : d;
  }
}
