package io.rmote.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Gathering small frames while another write is under way or for a later flush, the order of a
 * gathered frame and its CANCEL, and the batches' size after a burst.
 */
class FrameWriterTest {
  private static final long HOUR = TimeUnit.HOURS.toNanos(1);
  private static final int GATHERED = 200; // frames of 1,000 bytes: most of FrameBatch.MAX
  private static final int BODY = 1000;

  /** A stream whose next write, once armed, waits until released. */
  private static final class GateStream extends OutputStream {
    volatile CountDownLatch entered;
    volatile CountDownLatch release;
    private volatile boolean armed;
    final ByteArrayOutputStream got = new ByteArrayOutputStream();
    int writes;

    void arm() {
      entered = new CountDownLatch(1);
      release = new CountDownLatch(1);
      armed = true;
    }

    @Override
    public synchronized void write(int b) {
      got.write(b);
      writes++;
    }

    /** Arms the next flush instead of the next write. */
    void armFlush() {
      arm();
      armed = false;
      flushArmed = true;
    }

    private volatile boolean flushArmed;
    volatile boolean failing;

    @Override
    public void flush() throws IOException {
      if (flushArmed) {
        flushArmed = false;
        hold();
      }
    }

    private void hold() throws IOException {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (failing) throw new IOException("Broken pipe");
      if (armed) {
        armed = false;
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
      }
      synchronized (this) {
        got.write(b, off, len);
        writes++;
      }
    }
  }

  private static void send(FrameWriter w, int id, int body) throws IOException {
    byte[] buf = new byte[FrameKind.HEADER_SIZE + body];
    w.send(FrameKind.CALL, id, buf, buf.length, null);
  }

  /**
   * Frame {@code first} (too large to gather) holds the stream while the next {@link #GATHERED}
   * frames pile up in the batch; returns once all are written.
   */
  private static void burst(FrameWriter w, GateStream out, int first) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          out.arm();
          Thread holder =
              new Thread(
                  () -> {
                    try {
                      send(w, first, FrameWriter.GATHERED_FRAME + 1);
                    } catch (IOException e) {
                      throw new AssertionError(e);
                    }
                  });
          holder.start();
          assertTrue(out.entered.await(10, TimeUnit.SECONDS));
          for (int id = first + 1; id <= first + GATHERED; id++) send(w, id, BODY);
          out.release.countDown();
          holder.join(10_000);
        });
  }

  private static List<Integer> ids(byte[] stream) {
    List<Integer> ids = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(stream);
    while (b.hasRemaining()) {
      int length = b.getInt();
      b.get(); // kind
      b.get(); // flags
      ids.add(b.getInt());
      b.position(b.position() + length - 6);
    }
    return ids;
  }

  @Test
  void framesSentDuringAWriteLeaveTogetherAfterItWholeAndInOrder() throws Exception {
    GateStream out = new GateStream();
    FrameWriter w = new FrameWriter(out, HOUR);
    burst(w, out, 0);
    // One write for frame 0, one for the frames gathered while it was under way.
    assertEquals(2, out.writes);
    send(w, GATHERED + 1, 10);
    List<Integer> expected = new ArrayList<>();
    for (int id = 0; id <= GATHERED + 1; id++) expected.add(id);
    assertEquals(expected, ids(out.got.toByteArray()));
  }

  @Test
  void aBurstGrowsTheBatchesAndSmallWritesAfterTheDelayShrinkThemBack() throws Exception {
    GateStream out = new GateStream();
    Clock clock = new Clock();
    FrameWriter w = new FrameWriter(out, TimeUnit.MILLISECONDS.toNanos(20), clock);
    assertEquals(2 * 1024, w.batchBytes());
    burst(w, out, 0);
    assertTrue(w.batchBytes() > GATHERED * BODY, "grown: " + w.batchBytes());
    clock.advance(TimeUnit.MILLISECONDS.toNanos(50));
    // Each small write puts the batch it wrote back to its first size; the two batches alternate.
    send(w, GATHERED + 1, 10);
    send(w, GATHERED + 2, 10);
    assertEquals(2 * 1024, w.batchBytes());
    assertEquals(GATHERED + 3, ids(out.got.toByteArray()).size());
  }

  @Test
  void smallWritesSoonAfterALargeOneKeepTheBatches() throws Exception {
    GateStream out = new GateStream();
    FrameWriter w = new FrameWriter(out, HOUR);
    burst(w, out, 0);
    int grown = w.batchBytes();
    for (int id = GATHERED + 1; id < GATHERED + 10; id++) send(w, id, 10);
    assertEquals(grown, w.batchBytes());
  }

  @Test
  void eachLargeWriteStartsTheDelayAgain() throws Exception {
    GateStream out = new GateStream();
    Clock clock = new Clock();
    FrameWriter w = new FrameWriter(out, TimeUnit.MILLISECONDS.toNanos(500), clock);
    burst(w, out, 0);
    clock.advance(TimeUnit.MILLISECONDS.toNanos(600));
    // A second burst, past the first one's delay: small writes right after it keep the batches.
    burst(w, out, GATHERED + 1);
    int grown = w.batchBytes();
    assertTrue(grown > 2 * GATHERED * BODY, "both grown: " + grown);
    send(w, 2 * GATHERED + 2, 10);
    send(w, 2 * GATHERED + 3, 10);
    assertEquals(grown, w.batchBytes());
  }

  /** Each frame as KIND#id, with a {@code +} for a chunk that more follow, in stream order. */
  private static List<String> frames(byte[] stream) {
    List<String> frames = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(stream);
    while (b.hasRemaining()) {
      int length = b.getInt();
      int kind = b.get();
      boolean more = (b.get() & FrameKind.MORE) != 0;
      frames.add(FrameKind.describe(kind) + "#" + b.getInt() + (more ? "+" : ""));
      b.position(b.position() + length - 6);
    }
    return frames;
  }

  private static byte[] small() {
    return new byte[FrameKind.HEADER_SIZE + 8];
  }

  /** Runs {@code job} on a thread of its own, which is to block in the gated stream. */
  private static Thread holding(GateStream out, IoJob job) throws InterruptedException {
    Thread t =
        new Thread(
            () -> {
              try {
                job.run();
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            });
    t.start();
    assertTrue(out.entered.await(10, TimeUnit.SECONDS));
    return t;
  }

  private interface IoJob {
    void run() throws IOException;
  }

  @Test
  void gatheredFramesWaitForTheFlushAndLeaveInOneWrite() throws Exception {
    GateStream out = new GateStream();
    FrameWriter w = new FrameWriter(out, HOUR);
    for (int id = 1; id <= 10; id++) {
      assertTrue(w.gatherOnly(FrameKind.CALL, id, small(), small().length));
    }
    assertEquals(0, out.writes);
    assertTrue(w.hasGathered());
    w.flushGathered();
    assertEquals(1, out.writes);
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), ids(out.got.toByteArray()));
    byte[] large = new byte[FrameKind.HEADER_SIZE + FrameWriter.GATHERED_FRAME + 1];
    assertFalse(w.gatherOnly(FrameKind.CALL, 11, large, large.length), "too large to gather");
  }

  /**
   * A review's find: a worker writing one burst, while the next call is gathered and at once
   * cancelled, wrote the CANCEL first; the remote dropped it as unknown and ran the call.
   */
  @Test
  void aCallGatheredAndThenCancelledLeavesBeforeItsCancel() throws Exception {
    GateStream out = new GateStream();
    FrameWriter w = new FrameWriter(out, HOUR);
    w.gatherOnly(FrameKind.CALL, 1, small(), small().length);
    out.arm();
    Thread worker = holding(out, w::flushGathered);
    w.gatherOnly(FrameKind.CALL, 2, small(), small().length);
    w.sendEmptySoon(FrameKind.CANCEL, 2);
    out.release.countDown();
    worker.join(10_000);
    assertEquals(List.of("CALL#1", "CALL#2", "CANCEL#2"), frames(out.got.toByteArray()));
  }

  /** A CANCEL owed while a burst's write holds the stream is written by it, not left behind. */
  @Test
  void aCancelOwedDuringABurstsFlushIsWrittenByIt() throws Exception {
    GateStream out = new GateStream();
    FrameWriter w = new FrameWriter(out, HOUR);
    w.gatherOnly(FrameKind.CALL, 1, small(), small().length);
    out.armFlush();
    Thread worker = holding(out, w::flushGathered);
    w.sendEmptySoon(FrameKind.CANCEL, 1);
    out.release.countDown();
    worker.join(10_000);
    assertEquals(List.of("CALL#1", "CANCEL#1"), frames(out.got.toByteArray()));
  }

  /** A write blocked in the stream is seen as the same write until it returns. */
  @Test
  void aBlockedWriteIsSeenUnderWayUntilItReturns() throws Exception {
    GateStream out = new GateStream();
    FrameWriter w = new FrameWriter(out, HOUR);
    assertEquals(0, w.writeUnderWay());
    out.arm();
    Thread holder = holding(out, () -> send(w, 1, FrameWriter.GATHERED_FRAME + 1));
    long token = w.writeUnderWay();
    assertTrue(token != 0);
    assertTrue(w.stillWriting(token));
    out.release.countDown();
    holder.join(10_000);
    assertFalse(w.stillWriting(token));
    assertEquals(0, w.writeUnderWay());
    assertFalse(w.stillWriting(0));
  }

  /**
   * Frames left to a writer by senders that have gone on: if writing them fails, the listener hears
   * it, since no sender will.
   */
  @Test
  void aFailedWriteOfFramesLeftByOthersIsReported() throws Exception {
    GateStream out = new GateStream();
    List<IOException> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
    FrameWriter w = new FrameWriter(out, reported::add);
    out.arm();
    Thread holder = holding(out, () -> send(w, 1, FrameWriter.GATHERED_FRAME + 1));
    send(w, 2, 10); // gathered: the holder is to write it
    out.failing = true;
    out.release.countDown();
    holder.join(10_000);
    assertEquals(1, reported.size());
    assertEquals("Broken pipe", reported.get(0).getMessage());
  }

  /**
   * The time as the test sets it, in nanoseconds (read by the writing threads): a paused machine
   * must not make a burst look long past.
   */
  private static final class Clock implements LongSupplier {
    private final AtomicLong now = new AtomicLong();

    void advance(long nanos) {
      now.addAndGet(nanos);
    }

    @Override
    public long getAsLong() {
      return now.get();
    }
  }
}
