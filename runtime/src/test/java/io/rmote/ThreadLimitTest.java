package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A remote that may not start more threads (an account limited to 20 processes, {@code prlimit
 * --nproc=20}; threads count) still answers every call: slow calls then run more in turn, but
 * nothing stops reading. Before, the runtime's monitor thread died on "can't start new thread" and
 * every call after hung.
 */
class ThreadLimitTest {

  @Test
  void sixtySlowCallsUnderAProcessLimitOfTwentyAllComplete() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "needs root to run the interpreter as nobody under prlimit");
    // RLIMIT_NPROC does not bind root, so the interpreter runs as nobody.
    try (Remote remote =
        Remote.builder()
            .command(
                "prlimit",
                "--nproc=20",
                "setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "/usr/bin/python3")
            .name("nproc-20")
            .callTimeout(Duration.ofMinutes(2))
            .connect()) {
      List<CompletableFuture<Double>> calls = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        calls.add(remote.callAsync(RemoteCallTest.PROBE, "sleep", Double.class, 0.3));
      }
      for (CompletableFuture<Double> c : calls) assertEquals(0.3, c.get(2, TimeUnit.MINUTES));
      List<CompletableFuture<Double>> more = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        more.add(remote.callAsync(RemoteCallTest.PROBE, "async_sleep", Double.class, 0.1));
      }
      for (CompletableFuture<Double> c : more) assertEquals(0.1, c.get(2, TimeUnit.MINUTES));
      assertEquals(
          "still here", remote.call(RemoteCallTest.PROBE, "echo", String.class, "still here"));
    }
  }
}
