package io.rmote.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.rmote.MappingException;
import io.rmote.PyEnum;
import io.rmote.PyOpaque;
import io.rmote.internal.wire.AnyDecoder;
import io.rmote.internal.wire.Tag;
import io.rmote.internal.wire.Wire;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;

/**
 * The codecs of {@link Codecs}' scalar types: {@code None} is {@code null}, a value of one of the
 * kind's tags is read by the kind's case below, any other tag is refused, and a value is written
 * through {@link Codecs#writeAny}.
 *
 * <p>One class with a switch, not a lambda per type: {@link Codecs}' initialiser runs in every
 * connecting JVM, and in a fresh one each lambda is a class spun at run time (about 0.8 ms each, 22
 * of them), where this is one class loaded from the jar.
 */
final class BuiltinCodec<T> extends ValueCodec<T> {
  static final int BOOLEAN = 0;
  static final int LONG = 1;
  static final int INT = 2;
  static final int SHORT = 3;
  static final int BYTE = 4;
  static final int BIG_INTEGER = 5;
  static final int DOUBLE = 6;
  static final int FLOAT = 7;
  static final int STRING = 8;
  static final int BYTES = 9;
  static final int PATH = 10;
  static final int LOCAL_DATE = 11;
  static final int LOCAL_DATE_TIME = 12;
  static final int OFFSET_DATE_TIME = 13;
  static final int INSTANT = 14;
  static final int LOCAL_TIME = 15;
  static final int DURATION = 16;
  static final int COMPLETED_PROCESS = 17;
  static final int TEMPLATE = 18;
  static final int PY_RECORD = 19;
  static final int PY_ENUM = 20;
  static final int PY_OPAQUE = 21;

  private static final int[] INTEGERS = {Tag.INT32, Tag.INT64, Tag.BIGINT};
  private static final int[] NUMBERS = {Tag.FLOAT, Tag.INT32, Tag.INT64, Tag.BIGINT};

  private final int kind;
  private final String javaType;
  private final int[] tags;

  private BuiltinCodec(int kind, String javaType, int... tags) {
    this.kind = kind;
    this.javaType = javaType;
    this.tags = tags;
  }

  /** The codec of {@code kind}, named {@code javaType} in messages, reading {@code tags}. */
  static <T> BuiltinCodec<T> of(int kind, String javaType, int... tags) {
    return new BuiltinCodec<>(kind, javaType, tags);
  }

  /** A Python int narrowed to a Java integer type: {@code kind} is {@link #INT}, … */
  static <T> BuiltinCodec<T> integer(int kind, String javaType) {
    return new BuiltinCodec<>(kind, javaType, INTEGERS);
  }

  /** A Python float, or an int read as the nearest value. */
  static <T> BuiltinCodec<T> number(int kind, String javaType) {
    return new BuiltinCodec<>(kind, javaType, NUMBERS);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T decode(Kryo kryo, Input in, int tag) {
    if (tag == Tag.NONE) return null;
    for (int t : tags) {
      if (t == tag) return (T) read(kryo, in, tag);
    }
    throw mismatch(tag);
  }

  private Object read(Kryo k, Input in, int tag) {
    switch (kind) {
      case BOOLEAN:
        return tag == Tag.TRUE;
      case LONG:
        return readLong(in, tag);
      case INT:
        return (int) narrow(readLong(in, tag), Integer.MIN_VALUE, Integer.MAX_VALUE);
      case SHORT:
        return (short) narrow(readLong(in, tag), Short.MIN_VALUE, Short.MAX_VALUE);
      case BYTE:
        return (byte) narrow(readLong(in, tag), Byte.MIN_VALUE, Byte.MAX_VALUE);
      case BIG_INTEGER:
        return readBigInteger(in, tag);
      case DOUBLE:
        return readDouble(in, tag);
      case FLOAT:
        return (float) readDouble(in, tag);
      case STRING:
        return Wire.readStr(in);
      case BYTES:
        return Wire.readBytes(in);
      case PATH:
        return Wire.readPath(in);
      case LOCAL_DATE:
        return AnyDecoder.readDate(in);
      case LOCAL_DATE_TIME:
        return readLocalDateTime(in);
      case OFFSET_DATE_TIME:
        return readOffsetDateTime(in);
      case INSTANT:
        return readOffsetDateTime(in).toInstant();
      case LOCAL_TIME:
        Object time = AnyDecoder.readTime(in);
        return time instanceof LocalTime ? time : ((OffsetTime) time).toLocalTime();
      case DURATION:
        return AnyDecoder.readDuration(in);
      case COMPLETED_PROCESS:
        return AnyDecoder.readCompletedProcess(k, in);
      case TEMPLATE:
        return AnyDecoder.readTemplate(in);
      case PY_RECORD:
        return AnyDecoder.readPyRecord(k, in, tag == Tag.NAMEDTUPLE);
      case PY_ENUM:
        return new PyEnum(Wire.readStr(in), Wire.readStr(in), Codecs.ANY.read(k, in, null));
      case PY_OPAQUE:
        return new PyOpaque(Wire.readStr(in), Wire.readStr(in));
      default:
        throw new AssertionError(kind);
    }
  }

  private long narrow(long v, long min, long max) {
    if (v < min || v > max)
      throw new MappingException("Python int " + v + " does not fit in " + javaType);
    return v;
  }

  private static long readLong(Input in, int tag) {
    if (tag == Tag.INT32) return Wire.readInt(in);
    if (tag == Tag.INT64) return Wire.readLong(in);
    BigInteger b = new BigInteger(Wire.readBytes(in));
    if (b.bitLength() < 64) return b.longValue();
    throw new MappingException("Python int " + b + " does not fit in a long");
  }

  private static BigInteger readBigInteger(Input in, int tag) {
    if (tag == Tag.INT32) return BigInteger.valueOf(Wire.readInt(in));
    if (tag == Tag.INT64) return BigInteger.valueOf(Wire.readLong(in));
    return new BigInteger(Wire.readBytes(in));
  }

  private static double readDouble(Input in, int tag) {
    if (tag == Tag.FLOAT) return Double.longBitsToDouble(Wire.readLong(in));
    return readBigInteger(in, tag).doubleValue();
  }

  private static LocalDateTime readLocalDateTime(Input in) {
    Object v = AnyDecoder.readDateTime(in);
    if (v instanceof LocalDateTime) return (LocalDateTime) v;
    throw new MappingException(
        "cannot map an aware Python datetime ("
            + v
            + ") to LocalDateTime: use OffsetDateTime or Instant");
  }

  private static OffsetDateTime readOffsetDateTime(Input in) {
    Object v = AnyDecoder.readDateTime(in);
    if (v instanceof OffsetDateTime) return (OffsetDateTime) v;
    throw new MappingException(
        "cannot map a naive Python datetime ("
            + v
            + ", no tzinfo) to OffsetDateTime: use LocalDateTime");
  }

  @Override
  public void write(Kryo kryo, Output out, T value) {
    Codecs.writeAny(kryo, out, value);
  }

  @Override
  public String javaType() {
    return javaType;
  }
}
