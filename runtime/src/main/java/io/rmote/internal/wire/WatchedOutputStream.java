package io.rmote.internal.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stream that tells whether one and the same write has been under way between two moments: a
 * remote that does not read its input blocks the operating system's {@code write} once the pipe is
 * full, and a call that times out across such a write says so ({@link FrameWriter#writeUnderWay}).
 * Each {@code write} and {@code flush} counts twice, on entry and on return, with release stores
 * (plain stores on x86): no clock and no fence on the write path.
 */
final class WatchedOutputStream extends OutputStream {
  private final OutputStream out;
  // Odd while a write is under way; only the writer lock's holder changes it.
  private final AtomicLong writes = new AtomicLong();

  WatchedOutputStream(OutputStream out) {
    this.out = out;
  }

  /** The write under way now, as a token for {@link #stillUnderWay}; 0 if none is. */
  long underWay() {
    long n = writes.getOpaque();
    return (n & 1) != 0 ? n : 0;
  }

  /** Whether the write that {@code token} names has not returned yet. */
  boolean stillUnderWay(long token) {
    return token != 0 && writes.getOpaque() == token;
  }

  @Override
  public void write(int b) throws IOException {
    long n = writes.getPlain();
    writes.setRelease(n + 1);
    try {
      out.write(b);
    } finally {
      writes.setRelease(n + 2);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    long n = writes.getPlain();
    writes.setRelease(n + 1);
    try {
      out.write(b, off, len);
    } finally {
      writes.setRelease(n + 2);
    }
  }

  @Override
  public void flush() throws IOException {
    long n = writes.getPlain();
    writes.setRelease(n + 1);
    try {
      out.flush();
    } finally {
      writes.setRelease(n + 2);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
