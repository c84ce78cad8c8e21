package io.rmote.internal.wire;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A stream that knows since when the write under way has been in the stream below: a remote that
 * does not read its input blocks the operating system's {@code write} once the pipe is full, and a
 * call that times out then says so ({@link FrameWriter#blockedNanos()}). Two volatile writes and a
 * clock read per {@code write}, against a system call.
 */
final class TimedOutputStream extends OutputStream {

  private final OutputStream out;
  volatile long since; // 0: no write under way

  TimedOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    since = started();
    try {
      out.write(b, off, len);
    } finally {
      since = 0;
    }
  }

  @Override
  public void flush() throws IOException {
    since = started();
    try {
      out.flush();
    } finally {
      since = 0;
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  private static long started() {
    long t = System.nanoTime();
    return t == 0 ? 1 : t;
  }
}
