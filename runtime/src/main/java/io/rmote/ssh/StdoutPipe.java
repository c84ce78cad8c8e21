package io.rmote.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exec channel's stdout between JSch's session thread (the writer, through {@link #sink()}) and
 * the connection's reader: a ring buffer that starts at {@link #FIRST} bytes, doubles to take a
 * write that does not fit (JSch writes a packet at a time, so a burst's first packet grows it), up
 * to {@link #MAX}, and goes back to {@link #FIRST} once the reader has found it empty for {@link
 * #SHRINK_AFTER_MS} ms. A full pipe makes the writer wait, as JSch's own pipe does; unlike that one
 * (the JDK's {@code PipedInputStream}, which wakes every second to poll) an idle reader sleeps
 * until it is signalled, after one timed wake-up to shrink a grown buffer. Both ends wait on a
 * lock's conditions, not on a monitor: before JDK 24 a virtual thread waiting on a monitor holds
 * its carrier, one waiting on a condition does not.
 */
final class StdoutPipe extends InputStream {
  /*
   * JSch's pipe keeps 32 KiB for the life of every channel, most of it unused while the connection
   * is idle: an idle connection holds FIRST bytes, a busy one up to MAX, which bounds memory for a
   * large result since the session thread waits for the reader beyond it.
   */
  static final int FIRST = 1024;
  static final int MAX = 64 << 10;
  static final long SHRINK_AFTER_MS = 1000;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readable = lock.newCondition(); // bytes held, or an end
  private final Condition writable = lock.newCondition(); // room, or the reader's close
  private byte[] buffer = new byte[FIRST]; // guarded by lock
  private int start; // guarded by lock: the next byte to read
  private int size; // guarded by lock: bytes held
  private boolean writerClosed; // guarded by lock
  private boolean readerClosed; // guarded by lock

  /** Where JSch writes stdout; its close ends the stream once the reader has what is held. */
  OutputStream sink() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        put(b, off, len);
      }

      @Override
      public void close() {
        closeWriter();
      }
    };
  }

  private void put(byte[] b, int off, int len) throws IOException {
    lock.lock();
    try {
      while (len > 0) {
        if (readerClosed) throw new IOException("the reader closed the pipe");
        if (writerClosed) throw new IOException("the pipe's writing end is closed");
        int free = buffer.length - size;
        if (free < len && buffer.length < MAX) {
          grow();
          continue;
        }
        if (free == 0) {
          try {
            writable.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
          }
          continue;
        }
        int n = Math.min(free, len);
        int end = (start + size) % buffer.length;
        int first = Math.min(n, buffer.length - end);
        System.arraycopy(b, off, buffer, end, first);
        System.arraycopy(b, off + first, buffer, 0, n - first);
        size += n;
        off += n;
        len -= n;
        readable.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Doubles the buffer (at most to MAX), the held bytes moved to its front. */
  private void grow() {
    byte[] bigger = new byte[Math.min(MAX, buffer.length * 2)];
    copyOut(bigger, 0, size);
    buffer = bigger;
    start = 0;
  }

  /** Copies the first {@code n} held bytes into {@code to}, leaving them held. */
  private void copyOut(byte[] to, int off, int n) {
    int first = Math.min(n, buffer.length - start);
    System.arraycopy(buffer, start, to, off, first);
    System.arraycopy(buffer, 0, to, off + first, n - first);
  }

  /**
   * Ends the stream as the writer's own close does: a write waiting for room fails, and the reader
   * gets what is held and then the end.
   */
  void closeWriter() {
    lock.lock();
    try {
      writerClosed = true;
      readable.signalAll();
      writable.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    lock.lock();
    try {
      if (readerClosed) return -1;
      if (len == 0) return 0;
      while (size == 0) {
        if (writerClosed || readerClosed) return -1;
        try {
          if (buffer.length == FIRST) {
            readable.await();
          } else {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SHRINK_AFTER_MS);
            readable.awaitNanos(TimeUnit.MILLISECONDS.toNanos(SHRINK_AFTER_MS));
            if (size == 0 && System.nanoTime() - until >= 0) {
              buffer = new byte[FIRST];
              start = 0;
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException();
        }
      }
      int n = Math.min(len, size);
      copyOut(b, off, n);
      start = (start + n) % buffer.length;
      size -= n;
      writable.signalAll();
      return n;
    } finally {
      lock.unlock();
    }
  }

  /** The buffer's length now, for tests. */
  int capacity() {
    lock.lock();
    try {
      return buffer.length;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int available() {
    lock.lock();
    try {
      return size;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      readerClosed = true;
      size = 0;
      readable.signalAll();
      writable.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
