package io.rmote.internal.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The small frames waiting for a {@link FrameWriter}'s stream, copied in by any thread and written
 * out whole by the holder of the writer's lock, and the memory kept for them: two buffers, one
 * filled while the other is written, grown by a burst and given back once bursts stop.
 */
final class FrameBatch {
  // Small, because every idle connection holds two; add() doubles it when frames pile up.
  private static final int START = 1024;

  /**
   * How many bytes may wait: past it a sender waits for the stream as a sender of a large frame
   * does, so a writer stuck on a remote that does not read holds back memory no larger than this.
   */
  static final int MAX = 256 << 10;

  // Guarded by gather; swapped with spare by the writer lock's holder.
  private final Object gather = new Object();
  private byte[] batch = new byte[START];
  private byte[] spare = new byte[START];
  private volatile int batched;

  // A batch grown by a burst (up to MAX each) goes back to START at a small write once no batch
  // write has needed more than half of it for as long as the read buffer's own delay
  // (FrameInput.SHRINK_AFTER_NANOS): the same fact, one place.
  private final long shrinkAfterNanos;
  private final LongSupplier clock; // null: System.nanoTime(), with no lambda to spin at start
  private long lastLargeWrite; // under the writer's lock

  FrameBatch(long shrinkAfterNanos, LongSupplier clock) {
    this.shrinkAfterNanos = shrinkAfterNanos;
    this.clock = clock;
    this.lastLargeWrite = now();
  }

  /** Copies a whole frame in; {@code false} if the batch is full, and then nothing was copied. */
  boolean add(byte[] frame, int end) {
    synchronized (gather) {
      int n = batched;
      if (n + end > MAX) return false;
      if (batch.length < n + end) {
        batch = Arrays.copyOf(batch, Math.min(Math.max(n + end, 2 * batch.length), MAX));
      }
      System.arraycopy(frame, 0, batch, n, end);
      batched = n + end;
      return true;
    }
  }

  boolean isEmpty() {
    return batched == 0;
  }

  /** Under the writer's lock: writes what was gathered, unflushed, and empties the batch. */
  void writeTo(OutputStream out) throws IOException {
    if (batched == 0) return;
    byte[] b;
    int n;
    synchronized (gather) {
      b = batch;
      n = batched;
      batch = spare; // only the lock's holder swaps, so spare is not being written from
      spare = b;
      batched = 0;
    }
    out.write(b, 0, n);
    if (b.length > START) {
      // b is the spare now; only the lock's holder touches the spare.
      long now = now();
      if (n > b.length / 2) {
        lastLargeWrite = now;
      } else if (now - lastLargeWrite > shrinkAfterNanos) {
        synchronized (gather) {
          spare = new byte[START];
        }
      }
    }
  }

  /** The bytes both buffers hold now, whatever is in them. */
  int bytes() {
    synchronized (gather) {
      return batch.length + spare.length;
    }
  }

  private long now() {
    return clock == null ? System.nanoTime() : clock.getAsLong();
  }
}
