package io.rmote.internal.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Become's stderr between the wrapper and the connection: an unbounded in-memory pipe (one writer,
 * one reader) that keeps a copy of its first bytes for the handshake's failure messages, or, once
 * the connection takes stderr pushed ({@link #forwardTo}), passes each write straight on.
 */
final class StderrPipe extends InputStream {
  private final List<byte[]> chunks = new ArrayList<>();
  private final ByteArrayOutputStream head = new ByteArrayOutputStream();
  private int at;
  private boolean closed;

  private OutputStream forward; // once set, writes go there and nothing is kept

  /**
   * From now on passes everything on to {@code sink} (first what is still unread), and closes it
   * when this pipe closes; {@code false} if the pipe was already read from or forwarded.
   */
  synchronized boolean forwardTo(OutputStream sink) {
    if (forward != null || at != 0) return false;
    forward = sink;
    for (byte[] c : chunks) pass(c, 0, c.length);
    chunks.clear();
    if (closed) closeForward();
    notifyAll();
    return true;
  }

  private void pass(byte[] b, int off, int len) {
    try {
      forward.write(b, off, len);
    } catch (IOException e) {
      // the sink lost it; the pushing thread must not fail for it
    }
  }

  private void closeForward() {
    try {
      forward.close();
    } catch (IOException e) {
      // as above
    }
  }

  synchronized void write(byte[] b, int off, int len) {
    if (len == 0) return;
    if (forward != null) {
      pass(b, off, len);
      return;
    }
    byte[] c = new byte[len];
    System.arraycopy(b, off, c, 0, len);
    chunks.add(c);
    if (head.size() < BecomeHandshake.KEEP)
      head.write(b, off, Math.min(len, BecomeHandshake.KEEP - head.size()));
    notifyAll();
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    if (forward != null) closeForward();
    notifyAll();
  }

  synchronized String text() {
    return head.toString(StandardCharsets.UTF_8);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    while (chunks.isEmpty()) {
      if (closed || forward != null) return -1;
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException();
      }
    }
    byte[] c = chunks.get(0);
    int n = Math.min(len, c.length - at);
    System.arraycopy(c, at, b, off, n);
    at += n;
    if (at == c.length) {
      chunks.remove(0);
      at = 0;
    }
    return n;
  }
}
