package io.rmote.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Gathering small frames while another write is under way, and the batches' size after a burst. */
class FrameWriterTest {
  private static final long HOUR = TimeUnit.HOURS.toNanos(1);

  /** A stream whose first write waits until {@link #release}. */
  private static final class GateStream extends OutputStream {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final ByteArrayOutputStream got = new ByteArrayOutputStream();
    private boolean first = true;

    @Override
    public synchronized void write(int b) {
      got.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (first) {
        first = false;
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
      }
      synchronized (this) {
        got.write(b, off, len);
      }
    }
  }

  private static void send(FrameWriter w, int id, int body) throws IOException {
    byte[] buf = new byte[FrameKind.HEADER_SIZE + body];
    w.send(FrameKind.CALL, id, buf, buf.length, null);
  }

  /**
   * Frame 0 (too large to gather) holds the stream while frames 1 to 200 pile up in the batch;
   * returns once all are written.
   */
  private static void burst(FrameWriter w, GateStream out) throws Exception {
    Thread holder =
        new Thread(
            () -> {
              try {
                send(w, 0, FrameWriter.GATHERED_FRAME + 1);
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            });
    holder.start();
    assertTrue(out.entered.await(10, TimeUnit.SECONDS));
    for (int id = 1; id <= 200; id++) send(w, id, 1000);
    out.release.countDown();
    holder.join(10_000);
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
    burst(w, out);
    send(w, 201, 10);
    List<Integer> expected = new ArrayList<>();
    for (int id = 0; id <= 201; id++) expected.add(id);
    assertEquals(expected, ids(out.got.toByteArray()));
  }

  @Test
  void aBurstGrowsTheBatchesAndSmallWritesAfterTheDelayShrinkThemBack() throws Exception {
    GateStream out = new GateStream();
    FrameWriter w = new FrameWriter(out, TimeUnit.MILLISECONDS.toNanos(20));
    assertEquals(2 * 1024, w.batchBytes());
    burst(w, out);
    assertTrue(w.batchBytes() > 200_000, "grown: " + w.batchBytes());
    Thread.sleep(50);
    // Each small write puts the batch it wrote back to its first size; the two batches alternate.
    send(w, 201, 10);
    send(w, 202, 10);
    assertEquals(2 * 1024, w.batchBytes());
    assertEquals(203, ids(out.got.toByteArray()).size());
  }

  @Test
  void smallWritesSoonAfterALargeOneKeepTheBatches() throws Exception {
    GateStream out = new GateStream();
    FrameWriter w = new FrameWriter(out, HOUR);
    burst(w, out);
    int grown = w.batchBytes();
    for (int id = 201; id < 210; id++) send(w, id, 10);
    assertEquals(grown, w.batchBytes());
  }
}
