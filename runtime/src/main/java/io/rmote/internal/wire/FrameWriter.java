package io.rmote.internal.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes frames to a stream from any number of threads: one message's frames never interleave with
 * another's header, and a long message goes out a {@link FrameKind#CHUNK} at a time so other
 * messages pass between its chunks.
 *
 * <p>A message is encoded by the caller into a buffer that leaves {@link FrameKind#HEADER_SIZE}
 * bytes free in front, so a message that fits one frame is written with a single {@code write}.
 */
public final class FrameWriter {
  private final OutputStream out;
  private final ReentrantLock lock = new ReentrantLock();
  private final byte[] chunkHeader = new byte[FrameKind.HEADER_SIZE];

  public FrameWriter(OutputStream out) {
    this.out = out;
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
    int body = end - FrameKind.HEADER_SIZE;
    lock.lock();
    try {
      if (prelude != null) prelude.run(this);
      if (body <= FrameKind.CHUNK) {
        putHeader(buf, 0, kind, 0, id, body);
        out.write(buf, 0, end);
        out.flush();
        return;
      }
    } finally {
      lock.unlock();
    }
    for (int p = FrameKind.HEADER_SIZE; p < end; ) {
      int n = Math.min(FrameKind.CHUNK, end - p);
      boolean last = p + n == end;
      lock.lock();
      try {
        putHeader(chunkHeader, 0, kind, last ? 0 : FrameKind.MORE, id, n);
        out.write(chunkHeader);
        out.write(buf, p, n);
        if (last) out.flush();
      } finally {
        lock.unlock();
      }
      p += n;
    }
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
      putHeader(chunkHeader, 0, kind, 0, id, 0);
      out.write(chunkHeader);
      out.flush();
    } finally {
      lock.unlock();
    }
  }

  /** Closes the stream under the lock, so no frame is cut short; the remote sees its stdin end. */
  public void close() throws IOException {
    lock.lock();
    try {
      out.close();
    } finally {
      lock.unlock();
    }
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
