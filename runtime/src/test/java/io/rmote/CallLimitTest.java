package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.wire.Codecs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link Remote.Builder#maxCallsInFlight}: the bound holds on the remote, excess calls wait or fail
 * as configured, every way a call ends gives its slot back, and a failing connection wakes the
 * calls waiting for one. Bounds: each wait below is at most a few seconds; each hold outlasts the
 * stalls of a loaded machine.
 */
class CallLimitTest {
  static final ToolDescriptor GAUGE =
      ToolDescriptor.fromResource(CallLimitTest.class, "tools/gauge.py", "Gauge");

  @Test
  void waitingCallsNeverExceedTheBoundOnTheRemote() {
    try (Remote remote = Remote.builder().maxCallsInFlight(3, Duration.ofSeconds(60)).connect()) {
      List<CompletableFuture<Long>> calls = new ArrayList<>();
      // Holds of 3 s: three sent together overlap on the remote even when a loaded machine is
      // slow to start the second (0.1 s was not always enough).
      for (int i = 0; i < 6; i++) calls.add(remote.callAsync(GAUGE, "hold", Codecs.LONG, 3.0));
      for (CompletableFuture<Long> c : calls) c.join();
      assertEquals(3L, remote.call(GAUGE, "most", Codecs.LONG));
    }
  }

  @Test
  void aCallOverTheBoundFailsUnsentWhenItMayNotWait() throws Exception {
    try (Remote remote = Remote.builder().maxCallsInFlight(2, Duration.ZERO).connect()) {
      // Held for longer than any stall of a loaded machine between these lines.
      CompletableFuture<Long> a = remote.callAsync(GAUGE, "hold", Codecs.LONG, 5.0);
      CompletableFuture<Long> b = remote.callAsync(GAUGE, "hold", Codecs.LONG, 5.0);
      TooManyCallsException e =
          assertThrows(TooManyCallsException.class, () -> remote.call(GAUGE, "most", Codecs.LONG));
      assertEquals(2, e.limit());
      assertEquals("Gauge", e.tool());
      assertEquals("most", e.method());
      assertTrue(e.getMessage().contains("2 calls already in flight"), e.getMessage());
      assertEquals(2L, a.get(30, TimeUnit.SECONDS));
      b.get(30, TimeUnit.SECONDS);
      assertEquals(2L, remote.call(GAUGE, "most", Codecs.LONG), "the refused call never ran");
    }
  }

  @Test
  void aTimedOutCallGivesItsSlotBack() {
    try (Remote remote = Remote.builder().maxCallsInFlight(1, Duration.ZERO).connect()) {
      Call<Long> slow =
          Call.of(GAUGE, "hold", Codecs.LONG).args(3.0).timeout(Duration.ofMillis(200));
      assertThrows(CallTimeoutException.class, () -> remote.call(slow));
      CompletableFuture<Long> abandoned = remote.callAsync(GAUGE, "hold", Codecs.LONG, 3.0);
      abandoned.cancel(true);
      // Accepted at once, though the timed-out sync call still sleeps on the remote: a slot
      // counts the caller's calls, and a running sync method cannot be stopped.
      assertTrue(remote.call(GAUGE, "most", Codecs.LONG) >= 1);
    }
  }

  @Test
  void anInterruptedWaiterFailsAndKeepsItsInterrupt() throws Exception {
    try (Remote remote = Remote.builder().maxCallsInFlight(1, Duration.ofSeconds(60)).connect()) {
      CompletableFuture<Long> busy = remote.callAsync(GAUGE, "hold", Codecs.LONG, 6.0);
      AtomicReference<Throwable> seen = new AtomicReference<>();
      AtomicReference<Boolean> flag = new AtomicReference<>();
      Thread t =
          new Thread(
              () -> {
                try {
                  remote.callAsync(GAUGE, "most", Codecs.LONG).join();
                } catch (Throwable e) {
                  seen.set(e);
                }
                flag.set(Thread.currentThread().isInterrupted());
              });
      t.start();
      Thread.sleep(200);
      t.interrupt();
      t.join(10_000);
      Throwable cause =
          seen.get() instanceof java.util.concurrent.CompletionException
              ? seen.get().getCause()
              : seen.get();
      TooManyCallsException e = assertInstanceOf(TooManyCallsException.class, cause);
      assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
      assertTrue(flag.get(), "the interrupt flag is kept");
      busy.get(30, TimeUnit.SECONDS);
      assertEquals(1L, remote.call(GAUGE, "most", Codecs.LONG));
    }
  }

  @Test
  void aLostConnectionWakesTheCallsWaitingForASlot() throws Exception {
    Remote remote = Remote.builder().maxCallsInFlight(1, Duration.ofSeconds(60)).connect();
    try {
      long pid = remote.call(RemoteCallTest.PROBE, "pid", Codecs.LONG);
      CompletableFuture<Long> busy = remote.callAsync(GAUGE, "hold", Codecs.LONG, 30.0);
      CompletableFuture<Long> waiting =
          CompletableFuture.supplyAsync(() -> remote.call(GAUGE, "most", Codecs.LONG));
      Thread.sleep(300);
      assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor());
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> waiting.get(30, TimeUnit.SECONDS));
      assertInstanceOf(ConnectionLostException.class, e.getCause());
      e = assertThrows(ExecutionException.class, () -> busy.get(30, TimeUnit.SECONDS));
      assertInstanceOf(ConnectionLostException.class, e.getCause());
    } finally {
      remote.close();
    }
  }

  @Test
  void theBoundIsCheckedWhenSet() {
    assertThrows(
        IllegalArgumentException.class, () -> Remote.builder().maxCallsInFlight(0, Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> Remote.builder().maxCallsInFlight(1, Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> Remote.builder().maxCallsInFlight(1, null));
  }
}
