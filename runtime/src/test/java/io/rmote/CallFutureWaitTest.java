package io.rmote;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code get()} and {@code join()} on a call's future wait as callers of the connection (parked
 * with its {@link Lead}), so the reader reads for them at once, even after a burst of blocking
 * calls has sent the reader into its longest naps. Real python3.
 */
class CallFutureWaitTest {
  static final ToolDescriptor PROBE = RemoteCallTest.PROBE;

  /** Blocking calls in a row, so that the reader's naps have grown. */
  private static void burst(Remote r) {
    for (int i = 0; i < 300; i++) r.call(PROBE, "pid", Long.class);
  }

  /** Waits, 30 s at most (a hang guard), until {@code lead} counts one parked caller. */
  private static void awaitParked(Lead lead) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (lead.parkedCallers() == 0 && System.nanoTime() < until) Thread.sleep(1);
  }

  @Test
  void getWaitsAsACallerOfTheConnection(@TempDir Path dir) throws Exception {
    try (Remote r = Remote.local()) {
      burst(r);
      Path gate = dir.resolve("gate");
      PendingCall<?> call =
          (PendingCall<?>)
              r.callAsync(PROBE, "wait_for_file", Boolean.class, gate.toString(), 120L);
      Lead lead = call.channel.lead();
      CompletableFuture<Object> got = new CompletableFuture<>();
      Thread t =
          new Thread(
              () -> {
                try {
                  got.complete(call.get());
                } catch (Exception e) {
                  got.completeExceptionally(e);
                }
              });
      t.start();
      awaitParked(lead);
      assertEquals(1, lead.parkedCallers(), "get() parks as a caller the reader reads for");
      Files.createFile(gate);
      assertEquals(true, got.get(30, TimeUnit.SECONDS));
      assertEquals(0, lead.parkedCallers());
      // and the connection goes on as before
      assertEquals(7L, r.callAsync(PROBE, "echo", Long.class, 7L).get());
    }
  }

  @Test
  void joinWaitsTooAndKeepsAnInterruptAsJoinDoes() throws Exception {
    try (Remote r = Remote.local()) {
      burst(r);
      PendingCall<?> call = (PendingCall<?>) r.callAsync(PROBE, "sleep", Double.class, 0.3);
      CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
      CompletableFuture<Object> got = new CompletableFuture<>();
      Thread t =
          new Thread(
              () -> {
                Thread.currentThread().interrupt();
                got.complete(call.join());
                interrupted.complete(Thread.currentThread().isInterrupted());
              });
      t.start();
      assertEquals(0.3, got.get(30, TimeUnit.SECONDS));
      assertTrue(interrupted.get(30, TimeUnit.SECONDS), "join keeps the interrupt flag set");
      burst(r);
      assertEquals("x", r.callAsync(PROBE, "echo", String.class, "x").join());
    }
  }

  /**
   * A call's future timed out by {@code orTimeout} wakes the thread parked for it: the answer, 20 s
   * away, would otherwise be what wakes it. (10 s is a wide bound on a 300 ms timeout, not a
   * measure.)
   */
  @Test
  void anOutsideCompletionWakesAThreadParkedInJoinOrAwait() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(90), // a hang guard
        () -> {
          try (Remote r = Remote.local()) {
            burst(r);
            CompletableFuture<Double> joined =
                r.callAsync(PROBE, "sleep", Double.class, 20.0).orTimeout(300, MILLISECONDS);
            long t0 = System.nanoTime();
            CompletionException e = assertThrows(CompletionException.class, joined::join);
            assertInstanceOf(TimeoutException.class, e.getCause());
            CompletableFuture<Double> awaited =
                r.callAsync(PROBE, "sleep", Double.class, 20.0).orTimeout(300, MILLISECONDS);
            RmoteException a = assertThrows(RmoteException.class, () -> r.await(awaited));
            assertInstanceOf(TimeoutException.class, a.getCause());
            assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "woken by the timeout");
            assertEquals("y", r.call(PROBE, "echo", String.class, "y"));
          }
        });
  }

  /**
   * A stage that depends on a failed call runs on the reader thread when the connection is lost; if
   * it blocks on another call of the connection, not failed yet, it is told so at once.
   */
  @Test
  void joinOnTheReaderThreadFailsInsteadOfWaitingForEver() throws Exception {
    try (Remote r = Remote.local()) {
      CompletableFuture<Throwable> seen = new CompletableFuture<>();
      CompletableFuture<Double> first = r.callAsync(PROBE, "sleep", Double.class, 30.0);
      CompletableFuture<Double> second = r.callAsync(PROBE, "sleep", Double.class, 30.0);
      var unused =
          first.whenComplete(
              (v, e) -> {
                try {
                  second.join();
                  seen.complete(null);
                } catch (Throwable t) {
                  seen.complete(t);
                }
              });
      assertThrows(RuntimeException.class, () -> r.call(PROBE, "die", Object.class));
      Throwable t = seen.get(60, TimeUnit.SECONDS); // a hang guard
      // The connection fails its calls in the order of their ids, so the second is not failed yet
      // when the first's stage runs (seen in each run here); should that order change, the join
      // meets the second's failure instead, which is as good: nothing waits for ever.
      if (t instanceof IllegalStateException) {
        assertTrue(t.getMessage().contains("reader thread would deadlock"), t.getMessage());
        assertTrue(t.getMessage().contains("Probe.sleep"), t.getMessage());
      } else {
        assertInstanceOf(CompletionException.class, t);
        assertInstanceOf(ConnectionLostException.class, t.getCause());
      }
    }
  }
}
