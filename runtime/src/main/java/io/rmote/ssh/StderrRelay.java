package io.rmote.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The exec channel's stderr as JSch's session thread writes it: held (bounded) until the connection
 * hands over its sink, then passed straight on. Nothing here waits, so the session thread that
 * every channel of the session shares never stalls on one connection's stderr.
 */
final class StderrRelay extends OutputStream {
  /** What is held before the sink comes; the remote says little before the runtime starts. */
  private static final int HOLD = 16 << 10;

  private ByteArrayOutputStream held; // guarded by this; null once passed on
  private OutputStream sink; // guarded by this
  private boolean closed; // guarded by this

  /** Passes on what came so far, then everything else; {@code false} if a sink was given before. */
  synchronized boolean pushTo(OutputStream to) {
    if (sink != null) return false;
    sink = to;
    if (held != null) pass(held.toByteArray(), 0, held.size());
    held = null;
    if (closed) closeSink();
    return true;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    if (closed) return;
    if (sink != null) {
      pass(b, off, len);
    } else {
      if (held == null) held = new ByteArrayOutputStream(256);
      held.write(b, off, Math.min(len, HOLD - held.size()));
    }
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    if (sink != null) closeSink();
  }

  private void pass(byte[] b, int off, int len) {
    try {
      sink.write(b, off, len);
    } catch (IOException | RuntimeException e) {
      // a sink that fails loses stderr, not the channel: the session thread carries on
    }
  }

  private void closeSink() {
    try {
      sink.close();
    } catch (IOException | RuntimeException e) {
      // as above
    }
  }
}
