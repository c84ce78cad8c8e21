package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

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

  /** Waits, as a hang guard, until {@code lead} counts one parked caller. */
  private static void awaitParked(Lead lead, PendingCall<?> call) throws InterruptedException {
    for (int i = 0; i < 1500 && lead.parkedCallers() == 0 && !call.isDone(); i++) Thread.sleep(1);
  }

  @Test
  void getWaitsAsACallerOfTheConnection() throws Exception {
    try (Remote r = Remote.local()) {
      burst(r);
      PendingCall<?> call = (PendingCall<?>) r.callAsync(PROBE, "sleep", Double.class, 2.0);
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
      awaitParked(lead, call);
      assertEquals(1, lead.parkedCallers(), "get() parks as a caller the reader reads for");
      assertEquals(2.0, got.get(30, TimeUnit.SECONDS));
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
}
