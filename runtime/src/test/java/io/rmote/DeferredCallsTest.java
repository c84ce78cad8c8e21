package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls deferred by a thread that pipelines them while many others are under way (CallSender):
 * their writes are left to a worker, one per burst, never to the thread that submits them; a thread
 * that waits for each of its calls writes each itself; a failed write fails every call of the
 * connection at once. Against a real python3, through a transport that records which thread writes
 * to the interpreter's stdin.
 */
class DeferredCallsTest {
  static final ToolDescriptor PROBE = RemoteCallTest.PROBE;

  @TempDir Path tmp;

  /** The threads that wrote to the interpreter's stdin, by name, with their write counts. */
  final Map<String, AtomicInteger> writers = new ConcurrentHashMap<>();

  TappedLauncher launcher =
      new TappedLauncher(
          length ->
              writers
                  .computeIfAbsent(Thread.currentThread().getName(), k -> new AtomicInteger())
                  .incrementAndGet());

  Remote connect() {
    return Remote.builder().launcher(launcher).connect();
  }

  /** Five calls that stay under way until the test creates {@code gate}: past DEFER_BEHIND. */
  List<CompletableFuture<Boolean>> holdFive(Remote r, Path gate) {
    List<CompletableFuture<Boolean>> held = new ArrayList<>();
    for (int i = 0; i < CallSender.DEFER_BEHIND + 1; i++) {
      held.add(r.callAsync(PROBE, "wait_for_file", Boolean.class, gate.toString(), 60));
    }
    return held;
  }

  /** What a test does on a connection while five calls are held. */
  interface WithFiveHeld {
    void run(Remote r) throws Exception;
  }

  /**
   * Runs {@code body} on a new connection while five calls stay under way ({@link #holdFive}), then
   * lets them end and checks that each did.
   */
  void withFiveHeld(WithFiveHeld body) throws Exception {
    Path gate = tmp.resolve("gate");
    try (Remote r = connect()) {
      List<CompletableFuture<Boolean>> held = holdFive(r, gate);
      body.run(r);
      Files.createFile(gate);
      for (CompletableFuture<Boolean> h : held) assertTrue(h.get(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void aBurstOfCallsIsWrittenByWorkersNeverByItsSubmitter() throws Exception {
    withFiveHeld(
        r -> {
          String me = Thread.currentThread().getName();
          int mine = writes(me);
          List<CompletableFuture<Long>> burst = new ArrayList<>();
          for (long i = 0; i < 200; i++) burst.add(r.callAsync(PROBE, "echo", Long.class, i));
          assertEquals(mine, writes(me), "the submitting thread wrote a deferred call: " + writers);
          CompletableFuture.allOf(burst.toArray(new CompletableFuture<?>[0]))
              .get(60, TimeUnit.SECONDS);
          for (int i = 0; i < 200; i++) assertEquals(i, (long) burst.get(i).get());
          assertTrue(
              writers.keySet().stream().anyMatch(n -> n.startsWith("rmote-worker-")),
              "written by a worker: " + writers);
        });
  }

  /**
   * A thread that waits for each call is no pipeline: its calls are written by itself at once,
   * however many others are under way, with no worker woken for them.
   */
  @Test
  void blockingCallsAmongManyAreWrittenByTheirCaller() throws Exception {
    withFiveHeld(
        r -> {
          // The first call after the five may be deferred: its thread has not waited since them.
          r.call(PROBE, "echo", String.class, "ends the pipeline of five");
          String me = Thread.currentThread().getName();
          int mine = writes(me);
          int workers = workerWrites();
          for (int i = 0; i < 100; i++) {
            assertEquals("b" + i, r.call(PROBE, "echo", String.class, "b" + i));
          }
          assertEquals(mine + 100, writes(me), "one write of its own per call: " + writers);
          assertEquals(workers, workerWrites(), "no worker wrote: " + writers);
        });
  }

  /**
   * A review's find: a thread waiting with a timed {@code get}, or through {@code allOf}, was still
   * taken for a pipeline, so each of its calls waited for a worker's write. Each of these waits now
   * ends the pipeline: the next call is written by its own thread.
   */
  @Test
  void everyKindOfWaitEndsThePipeline() throws Exception {
    withFiveHeld(
        r -> {
          r.call(PROBE, "echo", String.class, "ends the pipeline of five");
          String me = Thread.currentThread().getName();
          for (int i = 0; i < 20; i++) {
            int mine = writes(me);
            CompletableFuture<String> a = r.callAsync(PROBE, "echo", String.class, "t" + i);
            assertEquals("t" + i, a.get(30, TimeUnit.SECONDS));
            CompletableFuture<String> b = r.callAsync(PROBE, "echo", String.class, "a" + i);
            r.await(CompletableFuture.allOf(b));
            assertEquals(mine + 2, writes(me), "each call written by its own thread: " + writers);
          }
        });
  }

  /**
   * The interpreter's stdin closed under the connection, with a call deferred: whichever notices
   * first (the worker's failed write or the reader's end of stream), every call under way fails at
   * once with the connection, not at its timeout. The failed write alone is FrameWriterTest's.
   */
  @Test
  void aDeferredCallOnAClosedStdinFailsWithTheConnectionAtOnce() throws Exception {
    Path gate = tmp.resolve("gate");
    Remote r = connect();
    try {
      assertEquals("warm", r.call(PROBE, "echo", String.class, "warm"));
      List<CompletableFuture<Boolean>> held = holdFive(r, gate);
      launcher.started.get().output().close();
      CompletableFuture<String> deferred = r.callAsync(PROBE, "echo", String.class, "late");
      List<CompletableFuture<?>> all = new ArrayList<>(held);
      all.add(deferred);
      for (CompletableFuture<?> f : all) {
        ExecutionException e =
            org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
        assertInstanceOf(ConnectionLostException.class, e.getCause());
      }
      assertFalse(r.isOpen());
    } finally {
      r.close();
    }
  }

  private int workerWrites() {
    return writers.entrySet().stream()
        .filter(e -> e.getKey().startsWith("rmote-worker-"))
        .mapToInt(e -> e.getValue().get())
        .sum();
  }

  private int writes(String thread) {
    AtomicInteger n = writers.get(thread);
    return n == null ? 0 : n.get();
  }
}
