package io.rmote.internal.wire;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.KryoBufferUnderflowException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * The buffered stream of frames from the remote, which can also tell, without blocking, whether a
 * number of bytes can be had now: a thread that must not block (a caller waiting for its answer,
 * see {@link FrameReader#ready()}) reads only what is already there.
 *
 * <p>The buffer is sized by the traffic, because it is most of an idle connection's heap and a
 * program may hold thousands of connections: it starts at {@link #START} bytes, doubles (up to the
 * largest size given) each time a read asked for at least half of it and got all it asked for,
 * since then the stream had more waiting, and goes back to {@link #START} when it is empty before a
 * read (an idle reader shrinks it before it waits) and no read has filled it so for {@link
 * #SHRINK_AFTER_NANOS}. So a connection that answers small calls holds 4 KiB, a stream of results
 * is read 64 KiB at a time however long it lasts, and a burst costs at most one regrowth a second.
 * An empty buffer is always read into from its start, so that a trickle of small frames never looks
 * like a full buffer.
 */
public final class FrameInput extends Input {
  /** The buffer's first size, in bytes. */
  static final int START = 4096;

  /** How long a grown buffer stays after the last read that filled it, in nanoseconds. */
  static final long SHRINK_AFTER_NANOS = 1_000_000_000L;

  private final int largest;
  private final long shrinkAfterNanos;
  private final LongSupplier clock; // null: System.nanoTime(), with no lambda to spin at start
  private boolean filled; // the last read filled the buffer: the next one gets a larger buffer
  private long lastFilled; // when a read last filled at least half the buffer

  /**
   * @param in the remote's output
   * @param largest the most bytes buffered, in bytes; a frame larger than this is never read
   *     without blocking
   */
  public FrameInput(InputStream in, int largest) {
    this(in, largest, SHRINK_AFTER_NANOS, null);
  }

  /**
   * With another wait before a grown buffer shrinks and another clock: tests drive the clock
   * themselves, so that a paused machine cannot make a buffer look idle.
   */
  FrameInput(InputStream in, int largest, long shrinkAfterNanos, LongSupplier clock) {
    super(in, Math.min(START, largest));
    this.largest = largest;
    this.shrinkAfterNanos = shrinkAfterNanos;
    this.clock = clock;
    this.lastFilled = now();
  }

  @Override
  protected int fill(byte[] buffer, int offset, int count) {
    int n = super.fill(buffer, offset, count);
    // A short tail of the buffer read in full says nothing about the stream: only a read of at
    // least half the buffer counts.
    if (n == count && 2 * count >= capacity) {
      lastFilled = now();
      filled = capacity < largest;
    }
    return n;
  }

  @Override
  protected int require(int required) {
    beforeRead(required);
    return super.require(required);
  }

  /** Used by {@link #end()}, where an idle reader waits for the next frame. */
  @Override
  protected int optional(int optional) {
    beforeRead(Math.min(optional, capacity));
    return super.optional(optional);
  }

  /**
   * Before Kryo reads more for {@code required} bytes: grows the buffer if the last read filled it;
   * else, if it is empty, shrinks it when no read has filled it lately, or reads into it from its
   * start.
   */
  private void beforeRead(int required) {
    int remaining = limit - position;
    if (remaining >= required) return;
    if (filled) {
      resize(Math.min(2 * capacity, largest));
    } else if (remaining == 0) {
      if (capacity > START && required <= START && now() - lastFilled >= shrinkAfterNanos) {
        resize(START);
      } else {
        total += position;
        position = 0;
        limit = 0;
      }
    }
  }

  /**
   * Reads {@code count} bytes into {@code bytes}: a read longer than the buffer copies what is
   * buffered and takes the rest straight from the stream into {@code bytes}, as {@link
   * java.io.BufferedInputStream} does, so a large body (a {@code bytes} result) reaches its final
   * array with no copy through the buffer.
   */
  @Override
  public void readBytes(byte[] bytes, int offset, int count) {
    int buffered = limit - position;
    if (count - buffered < capacity) {
      super.readBytes(bytes, offset, count);
      return;
    }
    System.arraycopy(buffer, position, bytes, offset, buffered);
    position = limit;
    offset += buffered;
    count -= buffered;
    while (count > 0) {
      int n;
      try {
        n = inputStream.read(bytes, offset, count);
      } catch (IOException e) {
        throw new KryoException(e);
      }
      if (n == -1) throw new KryoBufferUnderflowException("Buffer underflow.");
      total += n;
      offset += n;
      count -= n;
    }
  }

  /** Moves the unread bytes to the start of a new buffer of {@code size} bytes. */
  private void resize(int size) {
    int remaining = limit - position;
    byte[] b = new byte[size];
    System.arraycopy(buffer, position, b, 0, remaining);
    total += position;
    buffer = b;
    capacity = size;
    position = 0;
    limit = remaining;
    filled = false;
  }

  /**
   * Whether {@code n} bytes are buffered after the position, reading what the stream holds now
   * (never more than {@link InputStream#available()} promises, so this does not block). When they
   * are in the stream but do not fit the buffer, it grows to hold them (up to the largest size), so
   * that a caller can take a mid-sized answer itself instead of waiting for the reader thread.
   */
  boolean hasNow(int n) throws IOException {
    int buffered = limit - position;
    if (buffered >= n) return true;
    if (n > largest || buffered + inputStream.available() < n) return false;
    if (n > capacity) {
      resize(Math.min(largest, Integer.highestOneBit(n - 1) << 1));
      lastFilled = now(); // kept for a while, as if a read had filled it
    }
    require(n);
    return true;
  }

  /** The unsigned byte {@code at} bytes past the position, which must be buffered. */
  int peek(int at) {
    return buffer[position + at] & 0xFF;
  }

  private long now() {
    return clock == null ? System.nanoTime() : clock.getAsLong();
  }
}
