package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A call that times out while it is still being written: its CANCEL, owed at the timeout, went out
 * between the call's chunks (or, found by a review, before its first chunk, or before the whole
 * call while it waited for the stream); the remote, which drops a CANCEL of a call it has not read
 * whole, then ran the call to its end. Against a real python3, whose stdin holds the call's first
 * chunk back until the call has timed out.
 */
class TimeoutWhileSendingTest {
  static final ToolDescriptor PROBE = RemoteCallTest.PROBE;
  static final int CHUNK = 4 << 20;

  @Test
  void aCallThatTimesOutWhileItsChunksGoOutIsCancelledOnTheRemote() throws Exception {
    AtomicBoolean armed = new AtomicBoolean();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TappedLauncher launcher =
        new TappedLauncher(
            length -> {
              if (length >= CHUNK && armed.compareAndSet(true, false)) {
                entered.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    CompletableFuture<RuntimeException> failed = new CompletableFuture<>();
    EventListener events =
        new EventListener() {
          @Override
          public void callFailed(
              String host, String tool, String method, RuntimeException e, Duration elapsed) {
            if (method.equals("async_hold")) failed.complete(e);
          }
        };
    try (Remote r = Remote.builder().launcher(launcher).eventListener(events).connect()) {
      assertEquals("loaded", r.call(PROBE, "echo", String.class, "loaded"));
      armed.set(true);
      AtomicReference<CompletableFuture<Double>> call = new AtomicReference<>();
      Thread sender =
          new Thread(
              () ->
                  call.set(
                      r.callAsync(
                          Call.of(PROBE, "async_hold", r.codec(Double.class))
                              .args(new byte[2 * CHUNK + 1], 60.0)
                              .timeout(Duration.ofMillis(300)))));
      sender.start();
      assertTrue(entered.await(30, TimeUnit.SECONDS), "the first chunk reached the stdin");
      assertInstanceOf(CallTimeoutException.class, failed.get(30, TimeUnit.SECONDS));
      release.countDown();
      sender.join(30_000);
      ExecutionException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class, () -> call.get().get(30, TimeUnit.SECONDS));
      assertInstanceOf(CallTimeoutException.class, e.getCause());
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (r.call(PROBE, "was_cancelled", List.class).isEmpty() && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertEquals(List.of(60.0), r.call(PROBE, "was_cancelled", List.class));
      assertEquals(List.of(60.0), r.call(PROBE, "were_started", List.class));
    }
  }
}
