package io.rmote.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.rmote.MappingException;
import io.rmote.internal.wire.Tag;
import io.rmote.internal.wire.Wire;

/**
 * The mapping of one Java type to and from the wire: a Kryo {@link Serializer} that reads and
 * writes tagged values (see {@code docs/wire-format.md}), never Kryo's own class-tagged format. The
 * built-in types have theirs in {@link Codecs}; the annotation processor generates one for each
 * record and enum a tool returns. Codecs are stateless and shared between threads.
 *
 * <p>A connection calls its codecs with {@code kryo == null}: Kryo's serializer signature is kept,
 * its object graph machinery is not used. Read and write through the {@link Input} and {@link
 * Output} given, and nested values through other codecs or {@link Codecs#writeAny}, which finds
 * registered codecs through the {@code Output}.
 *
 * @param <T> the Java type
 */
public abstract class ValueCodec<T> extends Serializer<T> {

  /**
   * A codec that reads and writes {@code null} itself and whose values Kryo treats as immutable.
   */
  protected ValueCodec() {
    super(true, true);
  }

  @Override
  public final T read(Kryo kryo, Input in, Class<? extends T> type) {
    return decode(kryo, in, Wire.readU8(in));
  }

  /**
   * Reads the rest of a value whose tag was already read. {@code Tag.NONE} is left to each codec.
   */
  public abstract T decode(Kryo kryo, Input in, int tag);

  /** Writes {@code value}, which may be {@code null} (sent as {@code None}). */
  @Override
  public abstract void write(Kryo kryo, Output out, T value);

  /** The Java type's name, for error messages. */
  public abstract String javaType();

  /** The exception for a value of the wrong Python kind. */
  public final MappingException mismatch(int tag) {
    return new MappingException("cannot map Python " + Tag.describe(tag) + " to " + javaType());
  }
}
