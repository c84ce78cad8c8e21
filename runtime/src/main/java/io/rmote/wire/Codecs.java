package io.rmote.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.rmote.CompletedProcess;
import io.rmote.MappingException;
import io.rmote.PyEnum;
import io.rmote.PyOpaque;
import io.rmote.PyRecord;
import io.rmote.Template;
import io.rmote.internal.wire.AnyDecoder;
import io.rmote.internal.wire.AnyEncoder;
import io.rmote.internal.wire.Tag;
import io.rmote.internal.wire.Wire;
import io.rmote.python.PythonException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The codecs of the built-in types, and the composite ones ({@link #list}, {@link #map}, …) that
 * generated code and the dynamic API build typed results from.
 */
public final class Codecs {

  /** Any value, decoded to its natural Java type (see the table in {@code docs/wire-format.md}). */
  public static final ValueCodec<Object> ANY =
      new ValueCodec<>() {
        @Override
        public Object decode(Kryo kryo, Input in, int tag) {
          return AnyDecoder.decode(kryo, in, tag);
        }

        @Override
        public void write(Kryo kryo, Output out, Object value) {
          writeAny(kryo, out, value);
        }

        @Override
        public String javaType() {
          return "Object";
        }
      };

  /** Ignores whatever the remote returned: for {@code void} methods. */
  public static final ValueCodec<Void> VOID =
      new ValueCodec<>() {
        @Override
        public Void decode(Kryo kryo, Input in, int tag) {
          Wire.skip(in, tag);
          return null;
        }

        @Override
        public void write(Kryo kryo, Output out, Void value) {
          out.writeByte(Tag.NONE);
        }

        @Override
        public String javaType() {
          return "void";
        }
      };

  /** Python's {@code bool}. */
  public static final ValueCodec<Boolean> BOOLEAN =
      BuiltinCodec.of(BuiltinCodec.BOOLEAN, "boolean", Tag.TRUE, Tag.FALSE);

  /**
   * Python's {@code int}; one outside the range of {@code long} fails with {@link
   * io.rmote.MappingException}.
   */
  public static final ValueCodec<Long> LONG = BuiltinCodec.integer(BuiltinCodec.LONG, "long");

  /**
   * Python's {@code int}; one outside the range of {@code int} fails with {@link
   * io.rmote.MappingException}.
   */
  public static final ValueCodec<Integer> INTEGER = BuiltinCodec.integer(BuiltinCodec.INT, "int");

  /**
   * Python's {@code int}; one outside the range of {@code short} fails with {@link
   * io.rmote.MappingException}.
   */
  public static final ValueCodec<Short> SHORT = BuiltinCodec.integer(BuiltinCodec.SHORT, "short");

  /**
   * Python's {@code int}; one outside the range of {@code byte} fails with {@link
   * io.rmote.MappingException}.
   */
  public static final ValueCodec<Byte> BYTE = BuiltinCodec.integer(BuiltinCodec.BYTE, "byte");

  /** Python's {@code int}, of any size. */
  public static final ValueCodec<BigInteger> BIG_INTEGER =
      BuiltinCodec.integer(BuiltinCodec.BIG_INTEGER, "BigInteger");

  /** Python's {@code float}; an {@code int} is read as the nearest {@code double}. */
  public static final ValueCodec<Double> DOUBLE =
      BuiltinCodec.number(BuiltinCodec.DOUBLE, "double");

  /** Python's {@code float} (or {@code int}), narrowed to the nearest {@code float}. */
  public static final ValueCodec<Float> FLOAT = BuiltinCodec.number(BuiltinCodec.FLOAT, "float");

  /** Text; a path is accepted too, as its text. */
  public static final ValueCodec<String> STRING =
      BuiltinCodec.of(BuiltinCodec.STRING, "String", Tag.STR, Tag.PATH);

  /** Python's {@code bytes} and {@code bytearray}. */
  public static final ValueCodec<byte[]> BYTES =
      BuiltinCodec.of(BuiltinCodec.BYTES, "byte[]", Tag.BYTES);

  /**
   * A remote path; it names a file on the remote host, not on this one, so keep it as text if in
   * doubt.
   */
  public static final ValueCodec<Path> PATH =
      BuiltinCodec.of(BuiltinCodec.PATH, "Path", Tag.PATH, Tag.STR);

  /** Python's {@code date}. */
  public static final ValueCodec<LocalDate> LOCAL_DATE =
      BuiltinCodec.of(BuiltinCodec.LOCAL_DATE, "LocalDate", Tag.DATE);

  /** A naive Python {@code datetime}; an aware one fails with {@link io.rmote.MappingException}. */
  public static final ValueCodec<LocalDateTime> LOCAL_DATE_TIME =
      BuiltinCodec.of(BuiltinCodec.LOCAL_DATE_TIME, "LocalDateTime", Tag.DATETIME);

  /** An aware Python {@code datetime}; a naive one fails with {@link io.rmote.MappingException}. */
  public static final ValueCodec<OffsetDateTime> OFFSET_DATE_TIME =
      BuiltinCodec.of(BuiltinCodec.OFFSET_DATE_TIME, "OffsetDateTime", Tag.DATETIME);

  /**
   * An aware Python {@code datetime}, as the instant it names; a naive one fails with {@link
   * io.rmote.MappingException}.
   */
  public static final ValueCodec<Instant> INSTANT =
      BuiltinCodec.of(BuiltinCodec.INSTANT, "Instant", Tag.DATETIME);

  /** A time of day; an aware one loses its offset. */
  public static final ValueCodec<LocalTime> LOCAL_TIME =
      BuiltinCodec.of(BuiltinCodec.LOCAL_TIME, "LocalTime", Tag.TIME);

  /** Python's {@code timedelta}. */
  public static final ValueCodec<Duration> DURATION =
      BuiltinCodec.of(BuiltinCodec.DURATION, "Duration", Tag.TIMEDELTA);

  /** Python's {@code subprocess.CompletedProcess}. */
  public static final ValueCodec<CompletedProcess> COMPLETED_PROCESS =
      BuiltinCodec.of(BuiltinCodec.COMPLETED_PROCESS, "CompletedProcess", Tag.COMPLETED_PROCESS);

  /** A compiled template, sent to be rendered on the remote. */
  public static final ValueCodec<Template> TEMPLATE =
      BuiltinCodec.of(BuiltinCodec.TEMPLATE, "Template", Tag.TEMPLATE);

  /** A dataclass or namedtuple value, by field name. */
  public static final ValueCodec<PyRecord> PY_RECORD =
      BuiltinCodec.of(BuiltinCodec.PY_RECORD, "PyRecord", Tag.DATACLASS, Tag.NAMEDTUPLE);

  /** An {@code enum.Enum} member: its class, name and value. */
  public static final ValueCodec<PyEnum> PY_ENUM =
      BuiltinCodec.of(BuiltinCodec.PY_ENUM, "PyEnum", Tag.ENUM);

  /** Received only: an opaque value cannot be sent back. */
  public static final ValueCodec<PyOpaque> PY_OPAQUE =
      BuiltinCodec.of(BuiltinCodec.PY_OPAQUE, "PyOpaque", Tag.OPAQUE);

  /** A list of values of one type; accepts a Python list, tuple or set. */
  public static <E> ValueCodec<List<E>> list(ValueCodec<E> element) {
    return ContainerCodecs.list(element);
  }

  /** A set of values of one type; accepts a Python set, list or tuple. */
  public static <E> ValueCodec<Set<E>> set(ValueCodec<E> element) {
    return ContainerCodecs.set(element);
  }

  /** A dict; keeps the remote's order. */
  public static <K, V> ValueCodec<Map<K, V>> map(ValueCodec<K> key, ValueCodec<V> value) {
    return ContainerCodecs.map(key, value);
  }

  /** {@code None} as {@link Optional#empty()}, anything else through {@code inner}. */
  public static <T> ValueCodec<Optional<T>> optional(ValueCodec<T> inner) {
    return ContainerCodecs.optional(inner);
  }

  /**
   * The codec for a plain Java class: the built-in ones, else the one registered with {@code kryo},
   * which may be {@code null} for the built-ins only. A connection's own mapping, with its
   * generated and registered codecs, is {@link io.rmote.Remote#codec}.
   */
  @SuppressWarnings("unchecked")
  public static <T> ValueCodec<T> forClass(Kryo kryo, Class<T> type) {
    ValueCodec<?> builtin = builtin(type);
    if (builtin != null) return (ValueCodec<T>) builtin;
    Registration r = kryo == null ? null : kryo.getClassResolver().getRegistration(type);
    if (r != null && r.getSerializer() instanceof ValueCodec)
      return (ValueCodec<T>) r.getSerializer();
    throw new MappingException(
        "no wire mapping for "
            + type.getName()
            + ": use a built-in type, or a record or enum of a @RemoteTool interface, or register a ValueCodec");
  }

  /** The built-in codec for {@code type}, or {@code null}. */
  public static ValueCodec<?> builtin(Class<?> type) {
    if (type == Object.class) return ANY;
    if (type == String.class) return STRING;
    if (type == Long.class || type == long.class) return LONG;
    if (type == Integer.class || type == int.class) return INTEGER;
    if (type == Boolean.class || type == boolean.class) return BOOLEAN;
    if (type == Double.class || type == double.class) return DOUBLE;
    if (type == Float.class || type == float.class) return FLOAT;
    if (type == Short.class || type == short.class) return SHORT;
    if (type == Byte.class || type == byte.class) return BYTE;
    if (type == byte[].class) return BYTES;
    if (type == BigInteger.class) return BIG_INTEGER;
    if (type == Void.class || type == void.class) return VOID;
    if (type == Path.class) return PATH;
    if (type == LocalDate.class) return LOCAL_DATE;
    if (type == LocalDateTime.class) return LOCAL_DATE_TIME;
    if (type == OffsetDateTime.class) return OFFSET_DATE_TIME;
    if (type == Instant.class) return INSTANT;
    if (type == LocalTime.class) return LOCAL_TIME;
    if (type == Duration.class) return DURATION;
    if (type == CompletedProcess.class) return COMPLETED_PROCESS;
    if (type == Template.class) return TEMPLATE;
    if (type == PyRecord.class) return PY_RECORD;
    if (type == PyEnum.class) return PY_ENUM;
    if (type == PyOpaque.class) return PY_OPAQUE;
    if (type == List.class) return list(ANY);
    if (type == Set.class) return set(ANY);
    if (type == Map.class) return map(ANY, ANY);
    return null;
  }

  /** Reads the rest of an exception value (its tag already read). */
  public static PythonException readException(Kryo kryo, Input in) {
    return AnyDecoder.readException(kryo, in);
  }

  /** Writes any supported Java value, asking Kryo's registrations for types not built in. */
  public static void writeAny(Kryo kryo, Output out, Object v) {
    AnyEncoder.writeAny(kryo, out, v);
  }

  /** Writes an enum member: type name, member name and value. For generated enum codecs. */
  public static void writeEnum(Kryo kryo, Output out, String type, String name, Object value) {
    AnyEncoder.writeEnum(kryo, out, type, name, value);
  }

  private Codecs() {}
}
