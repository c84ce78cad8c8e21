package io.rmote.ssh;

import com.jcraft.jsch.Channel;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exec channel's stdin. JSch's stream for it ({@link Channel#getOutputStream()}) keeps a buffer
 * of the server's largest packet (32 KiB with OpenSSH) from its first write for as long as it is
 * referenced; the channel itself keeps no reference to it. So this stream takes one on its first
 * write and lets go of it ({@link #release}) once everything written has been flushed and nothing
 * has been written for a while: an idle connection then holds no packet buffer, and a busy one
 * allocates one per burst.
 */
final class ChannelStdin extends OutputStream {
  private final Channel channel;

  /*
   * A lock, not synchronized: release() runs on the shared scheduler thread and must never wait
   * for a write that JSch holds up until the server's window opens.
   */
  private final ReentrantLock lock = new ReentrantLock();
  private OutputStream jsch; // guarded by lock; null until the first write and after a release
  private boolean unflushed; // guarded by lock
  private boolean closed; // guarded by lock
  private long lastUse; // guarded by lock: System.nanoTime() of the last write or flush

  ChannelStdin(Channel channel) {
    this.channel = channel;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    lock.lock();
    try {
      if (closed) throw new IOException("stdin is closed");
      if (jsch == null) jsch = channel.getOutputStream();
      unflushed = true;
      lastUse = System.nanoTime();
      jsch.write(b, off, len);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void flush() throws IOException {
    lock.lock();
    try {
      if (closed) throw new IOException("stdin is closed");
      if (jsch == null) return;
      jsch.flush();
      unflushed = false;
      lastUse = System.nanoTime();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sends what is unflushed and then the end of input (SSH's channel EOF), as JSch's own stream
   * does on close; later writes fail, and a second close does nothing.
   */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      if (closed) return;
      closed = true;
      // Channel.eof() is JSch's own; a fresh stream's close is the public way to it
      if (jsch == null) jsch = channel.getOutputStream();
      jsch.close();
      jsch = null;
    } finally {
      lock.unlock();
    }
  }

  /** Whether a stream of JSch's (and its packet buffer) is held now, for tests. */
  boolean holdsStream() {
    lock.lock();
    try {
      return jsch != null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Drops JSch's stream if everything written was flushed and the last write or flush is at least
   * {@code idleNanos} old; returns at once, doing nothing, while a write or flush is under way.
   *
   * @return whether a stream was dropped
   */
  boolean release(long idleNanos) {
    if (!lock.tryLock()) return false;
    try {
      if (jsch == null || unflushed || System.nanoTime() - lastUse < idleNanos) return false;
      jsch = null;
      return true;
    } finally {
      lock.unlock();
    }
  }
}
