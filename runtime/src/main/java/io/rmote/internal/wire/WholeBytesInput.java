package io.rmote.internal.wire;

import com.esotericsoftware.kryo.io.Input;

/**
 * The body of a message that is one bytes value, read by {@link FrameReader} straight into the
 * value's own array: the buffer holds the five bytes of tag and length, and {@link Wire#readBytes}
 * hands over the array instead of copying it.
 */
final class WholeBytesInput extends Input {
  private byte[] value;

  void set(byte[] header, byte[] value) {
    setBuffer(header, 0, header.length);
    this.value = value;
  }

  /** The value, once, when the reader stands right after the tag; otherwise {@code null}. */
  byte[] take() {
    if (position() != 1 || value == null) return null;
    byte[] v = value;
    value = null;
    setPosition(limit());
    return v;
  }
}
