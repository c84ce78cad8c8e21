package io.rmote.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.rmote.MappingException;
import io.rmote.internal.wire.AnyEncoder;
import io.rmote.internal.wire.Tag;

/**
 * The codec of a Java integer type narrower than {@code long}: reads a Python int through {@link
 * Codecs#LONG} and rejects one outside {@code [min, max]}.
 */
final class NarrowedCodec<T extends Number> extends ValueCodec<T> {

  /** Converts a value already known to be in range. */
  interface Narrow<T> {
    T apply(Long v);
  }

  private final String name;
  private final long min;
  private final long max;
  private final Narrow<T> narrow;

  NarrowedCodec(String name, long min, long max, Narrow<T> narrow) {
    this.name = name;
    this.min = min;
    this.max = max;
    this.narrow = narrow;
  }

  @Override
  public T decode(Kryo kryo, Input in, int tag) {
    Long v = Codecs.LONG.decode(kryo, in, tag);
    if (v == null) return null;
    if (v < min || v > max)
      throw new MappingException("Python int " + v + " does not fit in " + name);
    return narrow.apply(v);
  }

  @Override
  public void write(Kryo kryo, Output out, T v) {
    if (v == null) out.writeByte(Tag.NONE);
    else AnyEncoder.writeLong(out, v.longValue());
  }

  @Override
  public String javaType() {
    return name;
  }
}
