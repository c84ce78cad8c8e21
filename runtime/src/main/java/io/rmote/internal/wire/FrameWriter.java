package io.rmote.internal.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Writes frames to a stream from any number of threads: one message's frames never interleave with
 * another's header, and a long message goes out a {@link FrameKind#CHUNK} at a time so other
 * messages pass between its chunks.
 *
 * <p>A message is encoded by the caller into a buffer that leaves {@link FrameKind#HEADER_SIZE}
 * bytes free in front, so a message that fits one frame is written with a single {@code write}.
 *
 * <p>Small frames are gathered: a sender copies its frame into a batch and, if no one writes,
 * writes the batch itself; if someone writes, that writer takes the batch before it lets the stream
 * go. So frames sent while a write is under way leave together in the next single {@code write}
 * (the remote then reads them with one read), and no sender waits for another's write to end.
 */
public final class FrameWriter {
  private final WatchedOutputStream out;
  private final ReentrantLock lock = new ReentrantLock();
  private final byte[] chunkHeader = new byte[FrameKind.HEADER_SIZE];
  // Empty frames (CANCEL) that found the lock taken: the holder writes them before it lets go.
  private final ConcurrentLinkedQueue<Long> owed = new ConcurrentLinkedQueue<>();
  private final FrameBatch batch;

  /** The largest frame that is gathered; a larger one waits for the stream. */
  static final int GATHERED_FRAME = 4096;

  private final Consumer<IOException> broken;

  public FrameWriter(OutputStream out) {
    this(out, e -> {});
  }

  /**
   * @param broken told when a write of frames that other threads left to this one, or that {@link
   *     #flushGathered} writes, fails: their senders have gone on, so no one else learns of it
   */
  public FrameWriter(OutputStream out, Consumer<IOException> broken) {
    this(out, FrameInput.SHRINK_AFTER_NANOS, null, broken);
  }

  FrameWriter(OutputStream out, long shrinkAfterNanos) {
    this(out, shrinkAfterNanos, null);
  }

  /**
   * With another clock for the batches' delay: tests drive it themselves, so that a paused machine
   * cannot make a burst look long past.
   */
  FrameWriter(OutputStream out, long shrinkAfterNanos, LongSupplier clock) {
    this(out, shrinkAfterNanos, clock, e -> {});
  }

  private FrameWriter(
      OutputStream out, long shrinkAfterNanos, LongSupplier clock, Consumer<IOException> broken) {
    this.broken = broken;
    this.out = new WatchedOutputStream(out);
    this.batch = new FrameBatch(shrinkAfterNanos, clock);
  }

  /** The bytes this writer's two batches hold now, whatever is in them. */
  int batchBytes() {
    return batch.bytes();
  }

  /**
   * Work done under the write lock just before a message's first frame, such as a SYNC it needs.
   */
  @FunctionalInterface
  public interface Prelude {
    void run(FrameWriter writer) throws IOException;
  }

  /**
   * Sends the message in {@code buf[HEADER_SIZE, end)}, first running {@code prelude} (may be
   * {@code null}) under the write lock.
   */
  public void send(int kind, int id, byte[] buf, int end, Prelude prelude) throws IOException {
    send(kind, id, buf, end, prelude, Long.MAX_VALUE);
  }

  /**
   * Like {@link #send(int, int, byte[], int, Prelude)}, but waits at most {@code lockWaitNanos} for
   * another writer to let the stream go (one stuck on a remote that does not read).
   *
   * @return whether the message was sent; {@code false} if nothing of it was written
   */
  public boolean send(int kind, int id, byte[] buf, int end, Prelude prelude, long lockWaitNanos)
      throws IOException {
    int body = end - FrameKind.HEADER_SIZE;
    if (prelude == null && body <= GATHERED_FRAME) {
      putHeader(buf, 0, kind, 0, id, body);
      if (batch.add(buf, end)) {
        writeBatch();
        return true;
      }
    }
    if (!lock(lockWaitNanos)) return false;
    try {
      writeBatchLocked(); // frames gathered before this one, by this thread among others, go first
      if (prelude != null) prelude.run(this);
      if (body <= FrameKind.CHUNK) {
        putHeader(buf, 0, kind, 0, id, body);
        out.write(buf, 0, end);
        writeOwed();
        out.flush();
        return true;
      }
    } finally {
      unlock();
    }
    for (int p = FrameKind.HEADER_SIZE; p < end; ) {
      int n = Math.min(FrameKind.CHUNK, end - p);
      boolean last = p + n == end;
      lock.lock();
      try {
        writeBatchLocked();
        putHeader(chunkHeader, 0, kind, last ? 0 : FrameKind.MORE, id, n);
        out.write(chunkHeader);
        out.write(buf, p, n);
        writeOwed();
        if (last) out.flush();
      } finally {
        unlock();
      }
      p += n;
    }
    return true;
  }

  /**
   * Puts a small frame in the batch without writing it: it leaves with the next write, by any
   * thread, or by {@link #flushGathered()}, which its sender must see run soon.
   *
   * @return whether it was gathered; {@code false} for a frame larger than {@link #GATHERED_FRAME}
   *     or a full batch, and then nothing was done with it ({@link #send} it)
   */
  public boolean gatherOnly(int kind, int id, byte[] buf, int end) {
    int body = end - FrameKind.HEADER_SIZE;
    if (body > GATHERED_FRAME) return false;
    putHeader(buf, 0, kind, 0, id, body);
    return batch.add(buf, end);
  }

  /** Whether frames wait in the batch. */
  public boolean hasGathered() {
    return !batch.isEmpty();
  }

  /**
   * Writes the frames gathered so far, unless a writer holds the stream, which then writes them
   * before it lets go. Their senders have gone on, so a failed write is told to the listener given
   * at construction, as for any write of frames left by others.
   */
  public void flushGathered() {
    try {
      writeBatch();
    } catch (IOException e) {
      broken.accept(e);
    }
  }

  private boolean lock(long waitNanos) {
    if (waitNanos == Long.MAX_VALUE) {
      lock.lock();
      return true;
    }
    // An interrupt does not cut the wait short: the caller's wait for the answer sees it.
    long until = System.nanoTime() + waitNanos;
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return lock.tryLock(until - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  /**
   * Writes the batch if no one writes now; else the writer does before it lets go (it looks at the
   * batch after letting go, and this thread gathered before trying the lock, so one of them sees
   * it).
   */
  private void writeBatch() throws IOException {
    while ((!batch.isEmpty() || !owed.isEmpty()) && lock.tryLock()) {
      try {
        writeBatchLocked();
        writeOwed();
        out.flush();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Under the lock: writes what was gathered, unflushed. */
  private void writeBatchLocked() throws IOException {
    batch.writeTo(out);
  }

  /** Lets go of the stream, first writing what was owed or gathered while it was held. */
  private void unlock() {
    lock.unlock();
    IOException failed = null;
    while (failed == null && (!owed.isEmpty() || !batch.isEmpty()) && lock.tryLock()) {
      try {
        writeBatchLocked();
        writeOwed();
        out.flush();
      } catch (IOException e) {
        owed.clear();
        failed = e;
      } finally {
        lock.unlock();
      }
    }
    if (failed != null) broken.accept(failed); // outside the lock: the listener may take time
  }

  /**
   * Under the lock: the empty frames owed, each after every frame gathered before it was owed, so a
   * CALL gathered and then cancelled reaches the stream before its CANCEL. (A CANCEL owed while its
   * call waits for the stream, or goes out in chunks, may still precede the call's last frame: the
   * call's sender cancels it again once sent, see Channel.)
   */
  private void writeOwed() throws IOException {
    if (owed.isEmpty()) return;
    List<Long> due = new ArrayList<>();
    for (Long frame; (frame = owed.poll()) != null; ) due.add(frame);
    writeBatchLocked();
    for (long frame : due) {
      putHeader(chunkHeader, 0, (int) (frame >>> 32), 0, (int) frame, 0);
      out.write(chunkHeader);
    }
  }

  /**
   * Sends a frame with an empty body (CANCEL) without waiting for the stream: now if no one writes,
   * else by the thread writing, before it lets go. Never blocks behind a writer that is stuck on a
   * remote that does not read.
   */
  public void sendEmptySoon(int kind, int id) {
    owed.add(((long) kind << 32) | (id & 0xFFFFFFFFL));
    if (lock.tryLock()) unlock(); // which writes what is owed
  }

  /**
   * Writes one whole frame without flushing; only from a {@link Prelude}, which holds the lock.
   *
   * @throws IOException also if the body is larger than {@link FrameKind#MAX_FRAME_BODY}
   */
  public void writeFrameLocked(int kind, int id, byte[] buf, int end) throws IOException {
    if (!lock.isHeldByCurrentThread())
      throw new IllegalStateException("the write lock is not held");
    int body = end - FrameKind.HEADER_SIZE;
    if (body > FrameKind.MAX_FRAME_BODY)
      throw new IOException("a " + FrameKind.describe(kind) + " is larger than a frame");
    putHeader(buf, 0, kind, 0, id, body);
    out.write(buf, 0, end);
  }

  /** Sends a frame with an empty body (CANCEL, QUIT). */
  public void sendEmpty(int kind, int id) throws IOException {
    lock.lock();
    try {
      writeBatchLocked();
      writeOwed();
      putHeader(chunkHeader, 0, kind, 0, id, 0);
      out.write(chunkHeader);
      out.flush();
    } finally {
      unlock();
    }
  }

  /**
   * Sends a last empty frame (QUIT) and closes the stream under the lock, so no frame is cut short;
   * the remote sees its stdin end. Waits at most {@code lockWaitNanos} for a writer to let go.
   *
   * @return whether the frame was sent and the stream closed; {@code false} if the lock stayed
   *     taken (a writer stuck on a remote that does not read), and nothing was written
   */
  public boolean sendLastAndClose(int kind, long lockWaitNanos) throws IOException {
    if (!lock(lockWaitNanos)) return false;
    try {
      writeBatchLocked();
      writeOwed();
      putHeader(chunkHeader, 0, kind, 0, 0, 0);
      out.write(chunkHeader);
      out.close();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The write to the stream under way now (a remote that does not read its input blocks it once the
   * pipe is full), as a token for {@link #stillWriting}; 0 if none is.
   */
  public long writeUnderWay() {
    return out.underWay();
  }

  /** Whether the write that {@code token}, from {@link #writeUnderWay}, names has not returned. */
  public boolean stillWriting(long token) {
    return out.stillUnderWay(token);
  }

  /** Writes a frame header: u32 length (of kind, flags, id and body), u8 kind, u8 flags, u32 id. */
  public static void putHeader(byte[] b, int at, int kind, int flags, int id, int bodyLength) {
    int length = bodyLength + 6;
    b[at] = (byte) (length >>> 24);
    b[at + 1] = (byte) (length >>> 16);
    b[at + 2] = (byte) (length >>> 8);
    b[at + 3] = (byte) length;
    b[at + 4] = (byte) kind;
    b[at + 5] = (byte) flags;
    b[at + 6] = (byte) (id >>> 24);
    b[at + 7] = (byte) (id >>> 16);
    b[at + 8] = (byte) (id >>> 8);
    b[at + 9] = (byte) id;
  }
}
