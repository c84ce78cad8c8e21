package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.testing.ChildJvm;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Back-pressure: large answers for a slow consumer and large arguments for a slowly reading remote
 * pass through a JVM whose heap is a fraction of what crosses (a forked JVM with {@code -Xmx64m}
 * moves 256 MiB of answers and 128 MiB of arguments; its heap after GC ends where it began, within
 * 16 MiB); a writer stuck on a remote that does not read stalls neither the reader (other calls'
 * answers arrive), nor timeouts, cancellations, other callers' timeouts or {@code close()}.
 *
 * <p>The bound: every call in question completes within {@link #BOUND} (30 s) of the moment it
 * should (answered, timed out, cancelled, closed); the forked workloads finish within 5 minutes.
 */
class BackPressureTest {
  static final ToolDescriptor PROBE = RemoteCallTest.PROBE;
  static final Duration BOUND = Duration.ofSeconds(30);
  static final int MIB = 1 << 20;

  /**
   * A pipe between the controller and the interpreter that passes at most {@code $1} bytes per
   * second (the remote reads slowly), or, stopped with SIGSTOP, nothing at all.
   */
  static final String THROTTLE =
      "import os, sys, time\n"
          + "rate = int(sys.argv[1])\n"
          + "while True:\n"
          + "    b = os.read(0, 65536)\n"
          + "    if not b: break\n"
          + "    v = memoryview(b)\n"
          + "    while v: v = v[os.write(1, v):]\n"
          + "    time.sleep(len(b) / rate)\n";

  /** A builder whose interpreter reads its stdin through {@link #THROTTLE} at {@code rate}. */
  static Remote.Builder throttled(long rate) {
    // sh -c SHELL $0 $1 $2 PYTHON-ARGS...: the launcher appends the interpreter's arguments,
    // so the shell shifts its own two away first.
    return Remote.builder()
        .command(
            "sh",
            "-c",
            "t=$1; r=$2; shift 2; /usr/bin/python3 -c \"$t\" \"$r\" | exec \"$@\"",
            "sh",
            THROTTLE,
            Long.toString(rate),
            "/usr/bin/python3")
        .name("throttled");
  }

  @Test
  void largeAnswersForASlowConsumerPassThroughASmallHeap() throws Exception {
    String out = runForked(LargeAnswers.class);
    assertTrue(out.contains("answers 64 of 4194304 bytes"), out);
    assertHeapFlat(out);
  }

  @Test
  void largeArgumentsToASlowlyReadingRemotePassThroughASmallHeap() throws Exception {
    String out = runForked(LargeArguments.class);
    assertTrue(out.contains("arguments 32 of 4194304 bytes"), out);
    assertHeapFlat(out);
  }

  private static void assertHeapFlat(String out) {
    Matcher m = Pattern.compile("heap_after_gc_start=(\\d+) heap_after_gc_end=(\\d+)").matcher(out);
    assertTrue(m.find(), out);
    long start = Long.parseLong(m.group(1));
    long end = Long.parseLong(m.group(2));
    assertTrue(end - start < 16L * MIB, "heap after GC grew from " + start + " to " + end);
  }

  /** Runs {@code main} in a JVM with a 64 MiB heap; its output, once it exited with status 0. */
  static String runForked(Class<?> main) throws Exception {
    return ChildJvm.run(main, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError");
  }

  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** 64 answers of 4 MiB for four consumers that each take their time over every answer. */
  static final class LargeAnswers {
    public static void main(String[] args) throws Exception {
      try (Remote remote = Remote.builder().python("/usr/bin/python3").connect()) {
        remote.call(PROBE, "blob", byte[].class, 1024L); // warm: the tool is loaded
        long start = heapAfterGc();
        List<Thread> consumers = new ArrayList<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        int[] seen = new int[1];
        for (int c = 0; c < 4; c++) {
          Thread t =
              new Thread(
                  () -> {
                    try {
                      for (int i = 0; i < 16; i++) {
                        byte[] b = remote.call(PROBE, "blob", byte[].class, 4L * MIB);
                        if (b.length != 4 * MIB || b[b.length - 1] != 'x')
                          throw new AssertionError("wrong answer");
                        Thread.sleep(20); // a slow consumer
                        synchronized (seen) {
                          seen[0]++;
                        }
                      }
                    } catch (Throwable e) {
                      failed.set(e);
                    }
                  });
          t.start();
          consumers.add(t);
        }
        for (Thread t : consumers) t.join();
        if (failed.get() != null) throw new AssertionError(failed.get());
        long end = heapAfterGc();
        System.out.println("answers " + seen[0] + " of " + 4 * MIB + " bytes");
        System.out.println("heap_after_gc_start=" + start + " heap_after_gc_end=" + end);
      }
    }
  }

  /** 32 arguments of 4 MiB from two threads to a remote whose stdin passes 32 MiB/s. */
  static final class LargeArguments {
    public static void main(String[] args) throws Exception {
      try (Remote remote = throttled(32L * MIB).connect()) {
        remote.call(PROBE, "size_of", Long.class, (Object) new byte[16]);
        long start = heapAfterGc();
        List<Thread> writers = new ArrayList<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        int[] sent = new int[1];
        for (int w = 0; w < 2; w++) {
          Thread t =
              new Thread(
                  () -> {
                    try {
                      for (int i = 0; i < 16; i++) {
                        byte[] data = new byte[4 * MIB];
                        long n = remote.call(PROBE, "size_of", Long.class, (Object) data);
                        if (n != data.length) throw new AssertionError("size " + n);
                        synchronized (sent) {
                          sent[0]++;
                        }
                      }
                    } catch (Throwable e) {
                      failed.set(e);
                    }
                  });
          t.start();
          writers.add(t);
        }
        for (Thread t : writers) t.join();
        if (failed.get() != null) throw new AssertionError(failed.get());
        long end = heapAfterGc();
        System.out.println("arguments " + sent[0] + " of " + 4 * MIB + " bytes");
        System.out.println("heap_after_gc_start=" + start + " heap_after_gc_end=" + end);
      }
    }
  }

  /** The process that runs {@code name} among the children of the interpreter's parent. */
  static ProcessHandle sibling(long pythonPid, String name) {
    ProcessHandle python = ProcessHandle.of(pythonPid).orElseThrow();
    Optional<ProcessHandle> parent = python.parent();
    assertTrue(parent.isPresent());
    return parent
        .get()
        .children()
        .filter(h -> h.pid() != pythonPid)
        .filter(h -> h.info().commandLine().orElse("").contains("rate = int"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " beside " + pythonPid));
  }

  /** Waits until {@code writer} is inside a write to the pipe that does not drain. */
  static void awaitBlockedInWrite(Thread writer) throws InterruptedException {
    long until = System.nanoTime() + BOUND.toNanos();
    while (System.nanoTime() < until) {
      for (StackTraceElement e : writer.getStackTrace()) {
        if (e.getClassName().equals("java.io.FileOutputStream")
            && e.getMethodName().startsWith("write")) {
          Thread.sleep(200); // still there a moment later: blocked, not passing through
          for (StackTraceElement again : writer.getStackTrace()) {
            if (again.getClassName().equals("java.io.FileOutputStream")) return;
          }
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the writer never blocked in a write: " + writer.getState());
  }

  /** A call with a 1 s timeout, made on another thread, which must fail by its timeout. */
  private static <T> CallTimeoutException timesOut(
      Remote remote, String method, Class<T> type, Object argument) throws Exception {
    CallTimeoutException e =
        CompletableFuture.supplyAsync(
                () ->
                    assertThrows(
                        CallTimeoutException.class,
                        () ->
                            remote.call(
                                Call.of(PROBE, method, remote.codec(type))
                                    .args(argument)
                                    .timeout(Duration.ofSeconds(1)))))
            .get(BOUND.toSeconds(), TimeUnit.SECONDS);
    assertEquals(method, e.method());
    return e;
  }

  @Test
  void aWriterStuckOnARemoteThatDoesNotReadStallsNothingElse() throws Exception {
    CallLedger ledger = new CallLedger();
    Remote remote = throttled(1L << 30).eventListener(ledger).connect();
    long pid = remote.call(PROBE, "pid", Long.class);
    ProcessHandle pipe = sibling(pid, "the throttle");
    List<CompletableFuture<Double>> slow = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      slow.add(ledger.track(remote.callAsync(PROBE, "sleep", Double.class, 1.0 + i * 0.2)));
    }
    CompletableFuture<Double> toTimeOut =
        ledger.track(
            remote.callAsync(
                Call.of(PROBE, "sleep", remote.codec(Double.class))
                    .args(20.0)
                    .timeout(Duration.ofSeconds(2))));
    CompletableFuture<Double> toCancel =
        ledger.track(remote.callAsync(PROBE, "async_sleep", Double.class, 60.0));
    // These calls reach the interpreter before its stdin stops: the stream is in order, so once
    // this echo is answered, every frame before it has been read.
    assertEquals("read", remote.call(PROBE, "echo", String.class, "read"));
    RemoteProcessFaultsTest.signal("STOP", pipe.pid());
    CompletableFuture<Long> huge = new CompletableFuture<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                CompletableFuture<Long> f =
                    remote.callAsync(PROBE, "size_of", Long.class, (Object) new byte[32 * MIB]);
                CompletableFuture<Long> unused =
                    f.whenComplete(
                        (v, e) -> {
                          if (e != null) huge.completeExceptionally(e);
                          else huge.complete(v);
                        });
              } catch (RuntimeException e) {
                huge.completeExceptionally(e);
              }
            },
            "stuck-writer");
    try {
      writer.start();
      awaitBlockedInWrite(writer);
      for (int i = 0; i < slow.size(); i++) {
        assertEquals(1.0 + i * 0.2, slow.get(i).get(BOUND.toSeconds(), TimeUnit.SECONDS));
      }
      RmoteException timedOut = RemoteProcessFaultsTest.failure(toTimeOut);
      assertInstanceOf(CallTimeoutException.class, timedOut);
      assertTrue(
          CompletableFuture.supplyAsync(() -> toCancel.cancel(true))
              .get(BOUND.toSeconds(), TimeUnit.SECONDS),
          "cancelled without waiting for the writer");
      // A caller that has to wait for the writer still times out on time, and says why: its
      // call waits in the batch for the blocked writer.
      CallTimeoutException late = timesOut(remote, "echo", String.class, "blocked");
      assertTrue(
          late.getMessage()
              .contains("a write to the remote has been blocked since before the call"),
          late.getMessage());
      // A call too large to gather, which waits for the stream itself, fails at its timeout with
      // nothing of it written, saying so too.
      CallTimeoutException unsent = timesOut(remote, "size_of", Long.class, new byte[64 << 10]);
      assertTrue(
          unsent.getMessage().contains("the call may not have reached it"), unsent.getMessage());
      assertTrue(writer.isAlive(), "the writer is still blocked");
    } finally {
      RemoteProcessFaultsTest.signal("CONT", pipe.pid());
    }
    assertEquals(32L * MIB, huge.get(BOUND.toSeconds(), TimeUnit.SECONDS));
    writer.join(BOUND.toMillis());
    assertFalse(writer.isAlive());
    // the cancellation owed while the writer held the pipe reached the remote
    long until = System.nanoTime() + BOUND.toNanos();
    while (remote.call(PROBE, "was_cancelled", List.class).isEmpty() && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertEquals(List.of(60.0), remote.call(PROBE, "was_cancelled", List.class));
    assertEquals("after", remote.call(PROBE, "echo", String.class, "after"));
    remote.close();
    ledger.assertEachEndedOnce(BOUND);
  }

  @Test
  void closingWhileAWriterIsStuckOnAStoppedRemoteReturnsAndFailsTheWriter() throws Exception {
    CallLedger ledger = new CallLedger();
    Remote remote =
        Remote.builder()
            .name("stopped")
            .closeTimeout(Duration.ofSeconds(1))
            .eventListener(ledger)
            .connect();
    long pid = remote.call(PROBE, "pid", Long.class);
    RemoteProcessFaultsTest.signal("STOP", pid);
    AtomicReference<CompletableFuture<Long>> huge = new AtomicReference<>();
    AtomicReference<RuntimeException> thrown = new AtomicReference<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                huge.set(
                    ledger.track(
                        remote.callAsync(
                            PROBE, "size_of", Long.class, (Object) new byte[32 * MIB])));
              } catch (RuntimeException e) {
                thrown.set(e);
              }
            },
            "stuck-writer");
    try {
      writer.start();
      awaitBlockedInWrite(writer);
      CompletableFuture.runAsync(remote::close).get(BOUND.toSeconds(), TimeUnit.SECONDS);
      writer.join(BOUND.toMillis());
      assertFalse(writer.isAlive(), "the writer was released by close");
    } finally {
      new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor(); // may be gone
    }
    assertEquals(null, thrown.get());
    assertNotNull(huge.get());
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> huge.get().get(BOUND.toSeconds(), TimeUnit.SECONDS));
    ConnectionLostException lost = assertInstanceOf(ConnectionLostException.class, e.getCause());
    assertEquals("size_of", lost.method());
    ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(30, TimeUnit.SECONDS).join());
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    ledger.assertEachEndedOnce(BOUND);
  }
}
