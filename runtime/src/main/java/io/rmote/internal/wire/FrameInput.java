package io.rmote.internal.wire;

import com.esotericsoftware.kryo.io.Input;
import java.io.IOException;
import java.io.InputStream;

/**
 * The buffered stream of frames from the remote, which can also tell, without blocking, whether a
 * number of bytes can be had now: a thread that must not block (a caller waiting for its answer,
 * see {@link FrameReader#ready()}) reads only what is already there.
 */
public final class FrameInput extends Input {
  /**
   * @param in the remote's output
   * @param bufferSize bytes buffered; a frame larger than this is never read without blocking
   */
  public FrameInput(InputStream in, int bufferSize) {
    super(in, bufferSize);
  }

  /**
   * Whether {@code n} bytes are buffered after the position, reading what the stream holds now
   * (never more than {@link InputStream#available()} promises, so this does not block).
   */
  boolean hasNow(int n) throws IOException {
    int buffered = limit - position;
    if (buffered >= n) return true;
    if (n > capacity || buffered + inputStream.available() < n) return false;
    require(n);
    return true;
  }

  /** The unsigned byte {@code at} bytes past the position, which must be buffered. */
  int peek(int at) {
    return buffer[position + at] & 0xFF;
  }
}
