package io.rmote.wire;

import io.rmote.internal.wire.CodecRegistry;
import io.rmote.internal.wire.Tag;
import io.rmote.internal.wire.Wire;
import io.rmote.internal.wire.WireFormatException;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.rmote.CompletedProcess;
import io.rmote.MappingException;
import io.rmote.PyEnum;
import io.rmote.PyRecord;
import io.rmote.PyOpaque;
import io.rmote.Template;
import io.rmote.python.PythonException;
import io.rmote.internal.python.PythonExceptions;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The codecs of the built-in types, and the composite ones ({@link #list}, {@link #map}, …)
 * that generated code and the dynamic API build typed results from.
 */
public final class Codecs {

  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** Any value, decoded to its natural Java type (see the table in {@code docs/wire-format.md}). */
  public static final ValueCodec<Object> ANY = new ValueCodec<>() {
    @Override
    public Object decode(Kryo kryo, Input in, int tag) {
      return decodeAny(kryo, in, tag);
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
  public static final ValueCodec<Void> VOID = new ValueCodec<>() {
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

  public static final ValueCodec<Boolean> BOOLEAN =
      simple("boolean", (k, in, tag) -> tag == Tag.TRUE, Tag.TRUE, Tag.FALSE);

  public static final ValueCodec<Long> LONG = simple("long", (k, in, tag) -> {
    if (tag == Tag.INT32) return (long) Wire.readInt(in);
    if (tag == Tag.INT64) return Wire.readLong(in);
    BigInteger b = new BigInteger(Wire.readBytes(in));
    if (b.bitLength() < 64) return b.longValue();
    throw new MappingException("Python int " + b + " does not fit in a long");
  }, Tag.INT32, Tag.INT64, Tag.BIGINT);

  public static final ValueCodec<Integer> INTEGER = narrowed("int", Integer.MIN_VALUE, Integer.MAX_VALUE, Long::intValue);
  public static final ValueCodec<Short> SHORT = narrowed("short", Short.MIN_VALUE, Short.MAX_VALUE, Long::shortValue);
  public static final ValueCodec<Byte> BYTE = narrowed("byte", Byte.MIN_VALUE, Byte.MAX_VALUE, Long::byteValue);

  public static final ValueCodec<BigInteger> BIG_INTEGER = simple("BigInteger", (k, in, tag) -> {
    if (tag == Tag.INT32) return BigInteger.valueOf(Wire.readInt(in));
    if (tag == Tag.INT64) return BigInteger.valueOf(Wire.readLong(in));
    return new BigInteger(Wire.readBytes(in));
  }, Tag.INT32, Tag.INT64, Tag.BIGINT);

  public static final ValueCodec<Double> DOUBLE = simple("double", (k, in, tag) -> {
    if (tag == Tag.FLOAT) return Double.longBitsToDouble(Wire.readLong(in));
    return BIG_INTEGER.decode(k, in, tag).doubleValue();
  }, Tag.FLOAT, Tag.INT32, Tag.INT64, Tag.BIGINT);

  public static final ValueCodec<Float> FLOAT =
      simple("float", (k, in, tag) -> DOUBLE.decode(k, in, tag).floatValue(), Tag.FLOAT, Tag.INT32, Tag.INT64, Tag.BIGINT);

  /** Text; a path is accepted too, as its text. */
  public static final ValueCodec<String> STRING = simple("String", (k, in, tag) -> Wire.readStr(in), Tag.STR, Tag.PATH);

  public static final ValueCodec<byte[]> BYTES = simple("byte[]", (k, in, tag) -> Wire.readBytes(in), Tag.BYTES);

  /** A remote path; it names a file on the remote host, not on this one, so keep it as text if in doubt. */
  public static final ValueCodec<Path> PATH = simple("Path", (k, in, tag) -> Path.of(Wire.readStr(in)), Tag.PATH, Tag.STR);

  public static final ValueCodec<LocalDate> LOCAL_DATE = simple("LocalDate", (k, in, tag) -> readDate(in), Tag.DATE);

  public static final ValueCodec<LocalDateTime> LOCAL_DATE_TIME = simple("LocalDateTime", (k, in, tag) -> {
    Object v = readDateTime(in);
    if (v instanceof LocalDateTime) return (LocalDateTime) v;
    throw new MappingException(
        "cannot map an aware Python datetime (" + v + ") to LocalDateTime: use OffsetDateTime or Instant");
  }, Tag.DATETIME);

  public static final ValueCodec<OffsetDateTime> OFFSET_DATE_TIME = simple("OffsetDateTime", (k, in, tag) -> {
    Object v = readDateTime(in);
    if (v instanceof OffsetDateTime) return (OffsetDateTime) v;
    throw new MappingException(
        "cannot map a naive Python datetime (" + v + ", no tzinfo) to OffsetDateTime: use LocalDateTime");
  }, Tag.DATETIME);

  public static final ValueCodec<Instant> INSTANT =
      simple("Instant", (k, in, tag) -> OFFSET_DATE_TIME.decode(k, in, tag).toInstant(), Tag.DATETIME);

  /** A time of day; an aware one loses its offset. */
  public static final ValueCodec<LocalTime> LOCAL_TIME = simple("LocalTime", (k, in, tag) -> {
    Object v = readTime(in);
    return v instanceof LocalTime ? (LocalTime) v : ((OffsetTime) v).toLocalTime();
  }, Tag.TIME);

  public static final ValueCodec<Duration> DURATION = simple("Duration", (k, in, tag) -> readDuration(in), Tag.TIMEDELTA);

  public static final ValueCodec<CompletedProcess> COMPLETED_PROCESS =
      simple("CompletedProcess", (k, in, tag) -> readCompletedProcess(k, in), Tag.COMPLETED_PROCESS);

  public static final ValueCodec<Template> TEMPLATE =
      simple("Template", (k, in, tag) -> Template.of(Wire.readStr(in)), Tag.TEMPLATE);

  public static final ValueCodec<PyRecord> PY_RECORD =
      simple("PyRecord", (k, in, tag) -> readPyRecord(k, in, tag == Tag.NAMEDTUPLE), Tag.DATACLASS, Tag.NAMEDTUPLE);

  public static final ValueCodec<PyEnum> PY_ENUM =
      simple("PyEnum", (k, in, tag) -> new PyEnum(Wire.readStr(in), Wire.readStr(in), ANY.read(k, in, null)), Tag.ENUM);

  /** Received only: an opaque value cannot be sent back. */
  public static final ValueCodec<PyOpaque> PY_OPAQUE =
      simple("PyOpaque", (k, in, tag) -> new PyOpaque(Wire.readStr(in), Wire.readStr(in)), Tag.OPAQUE);

  /** A list of values of one type; accepts a Python list, tuple or set. */
  public static <E> ValueCodec<List<E>> list(ValueCodec<E> element) {
    return new ValueCodec<>() {
      @Override
      public List<E> decode(Kryo kryo, Input in, int tag) {
        switch (tag) {
          case Tag.NONE: return null;
          case Tag.LIST:
          case Tag.TUPLE:
          case Tag.SET:
            int n = Wire.readCount(in, 1);
            List<E> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
              try {
                list.add(element.read(kryo, in, null));
              } catch (MappingException e) {
                throw e.atIndex(i);
              }
            }
            return list;
          default: throw mismatch(tag);
        }
      }

      @Override
      public void write(Kryo kryo, Output out, List<E> v) {
        if (v == null) {
          out.writeByte(Tag.NONE);
          return;
        }
        out.writeByte(Tag.LIST);
        Wire.writeInt(out, v.size());
        for (E e : v) element.write(kryo, out, e);
      }

      @Override
      public String javaType() {
        return "List<" + element.javaType() + ">";
      }
    };
  }

  /** A set of values of one type; accepts a Python set, list or tuple. */
  public static <E> ValueCodec<Set<E>> set(ValueCodec<E> element) {
    ValueCodec<List<E>> asList = list(element);
    return new ValueCodec<>() {
      @Override
      public Set<E> decode(Kryo kryo, Input in, int tag) {
        List<E> l = asList.decode(kryo, in, tag);
        return l == null ? null : new LinkedHashSet<>(l);
      }

      @Override
      public void write(Kryo kryo, Output out, Set<E> v) {
        if (v == null) {
          out.writeByte(Tag.NONE);
          return;
        }
        out.writeByte(Tag.SET);
        Wire.writeInt(out, v.size());
        for (E e : v) element.write(kryo, out, e);
      }

      @Override
      public String javaType() {
        return "Set<" + element.javaType() + ">";
      }
    };
  }

  /** A dict; keeps the remote's order. */
  public static <K, V> ValueCodec<Map<K, V>> map(ValueCodec<K> key, ValueCodec<V> value) {
    return new ValueCodec<>() {
      @Override
      public Map<K, V> decode(Kryo kryo, Input in, int tag) {
        if (tag == Tag.NONE) return null;
        if (tag != Tag.DICT) throw mismatch(tag);
        int n = Wire.readCount(in, 2);
        Map<K, V> map = new LinkedHashMap<>(Math.max(16, n * 4 / 3 + 1));
        for (int i = 0; i < n; i++) {
          K k = key.read(kryo, in, null);
          try {
            map.put(k, value.read(kryo, in, null));
          } catch (MappingException e) {
            throw e.atField(String.valueOf(k));
          }
        }
        return map;
      }

      @Override
      public void write(Kryo kryo, Output out, Map<K, V> v) {
        if (v == null) {
          out.writeByte(Tag.NONE);
          return;
        }
        out.writeByte(Tag.DICT);
        Wire.writeInt(out, v.size());
        for (Map.Entry<K, V> e : v.entrySet()) {
          key.write(kryo, out, e.getKey());
          value.write(kryo, out, e.getValue());
        }
      }

      @Override
      public String javaType() {
        return "Map<" + key.javaType() + ", " + value.javaType() + ">";
      }
    };
  }

  /** {@code None} as {@link Optional#empty()}, anything else through {@code inner}. */
  public static <T> ValueCodec<Optional<T>> optional(ValueCodec<T> inner) {
    return new ValueCodec<>() {
      @Override
      public Optional<T> decode(Kryo kryo, Input in, int tag) {
        return tag == Tag.NONE ? Optional.empty() : Optional.ofNullable(inner.decode(kryo, in, tag));
      }

      @Override
      public void write(Kryo kryo, Output out, Optional<T> v) {
        if (v == null || v.isEmpty()) out.writeByte(Tag.NONE);
        else inner.write(kryo, out, v.get());
      }

      @Override
      public String javaType() {
        return "Optional<" + inner.javaType() + ">";
      }
    };
  }

  /**
   * The codec for a plain Java class: the built-in ones, else the one registered with {@code
   * kryo}, which may be {@code null} for the built-ins only. A connection's own mapping, with its
   * generated and registered codecs, is {@link io.rmote.Remote#codec}.
   */
  @SuppressWarnings("unchecked")
  public static <T> ValueCodec<T> forClass(Kryo kryo, Class<T> type) {
    ValueCodec<?> builtin = builtin(type);
    if (builtin != null) return (ValueCodec<T>) builtin;
    Registration r = kryo == null ? null : kryo.getClassResolver().getRegistration(type);
    if (r != null && r.getSerializer() instanceof ValueCodec) return (ValueCodec<T>) r.getSerializer();
    throw new MappingException(
        "no wire mapping for " + type.getName()
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

  // ---- generic decoding -------------------------------------------------------------------

  static Object decodeAny(Kryo kryo, Input in, int tag) {
    switch (tag) {
      case Tag.NONE: return null;
      case Tag.FALSE: return false;
      case Tag.TRUE: return true;
      case Tag.INT32: return (long) Wire.readInt(in);
      case Tag.INT64: return Wire.readLong(in);
      case Tag.BIGINT: return new BigInteger(Wire.readBytes(in));
      case Tag.FLOAT: return Double.longBitsToDouble(Wire.readLong(in));
      case Tag.STR: return Wire.readStr(in);
      case Tag.BYTES: return Wire.readBytes(in);
      case Tag.LIST: return readList(kryo, in);
      case Tag.TUPLE: return Collections.unmodifiableList(readList(kryo, in));
      case Tag.SET: return new LinkedHashSet<>(readList(kryo, in));
      case Tag.DICT: return map(ANY, ANY).decode(kryo, in, tag);
      case Tag.DATACLASS: return readPyRecord(kryo, in, false);
      case Tag.NAMEDTUPLE: return readPyRecord(kryo, in, true);
      case Tag.ENUM: return PY_ENUM.decode(kryo, in, tag);
      case Tag.DATETIME: return readDateTime(in);
      case Tag.DATE: return readDate(in);
      case Tag.TIME: return readTime(in);
      case Tag.TIMEDELTA: return readDuration(in);
      case Tag.PATH: return Path.of(Wire.readStr(in));
      case Tag.COMPLETED_PROCESS: return readCompletedProcess(kryo, in);
      case Tag.EXCEPTION: return readException(kryo, in);
      case Tag.TEMPLATE: return Template.of(Wire.readStr(in));
      case Tag.OPAQUE: return new PyOpaque(Wire.readStr(in), Wire.readStr(in));
      default: throw new WireFormatException(Tag.describe(tag));
    }
  }

  private static List<Object> readList(Kryo kryo, Input in) {
    int n = Wire.readCount(in, 1);
    List<Object> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) list.add(ANY.read(kryo, in, null));
    return list;
  }

  private static PyRecord readPyRecord(Kryo kryo, Input in, boolean namedTuple) {
    String type = Wire.readStr(in);
    int n = Wire.readCount(in, 5);
    Map<String, Object> fields = new LinkedHashMap<>(Math.max(16, n * 4 / 3 + 1));
    for (int i = 0; i < n; i++) {
      String name = Wire.readStr(in);
      fields.put(name, ANY.read(kryo, in, null));
    }
    return new PyRecord(type, fields, namedTuple);
  }

  private static LocalDate readDate(Input in) {
    int year = Wire.readInt(in);
    int month = Wire.readU8(in);
    int day = Wire.readU8(in);
    return LocalDate.of(year, month, day);
  }

  private static Object readDateTime(Input in) {
    LocalDate d = readDate(in);
    int h = Wire.readU8(in);
    int m = Wire.readU8(in);
    int s = Wire.readU8(in);
    int micros = Wire.readInt(in);
    LocalDateTime t = LocalDateTime.of(d, LocalTime.of(h, m, s, micros * 1000));
    if (Wire.readU8(in) == 0) return t;
    return OffsetDateTime.of(t, ZoneOffset.ofTotalSeconds(Wire.readInt(in)));
  }

  private static Object readTime(Input in) {
    int h = Wire.readU8(in);
    int m = Wire.readU8(in);
    int s = Wire.readU8(in);
    LocalTime t = LocalTime.of(h, m, s, Wire.readInt(in) * 1000);
    if (Wire.readU8(in) == 0) return t;
    return OffsetTime.of(t, ZoneOffset.ofTotalSeconds(Wire.readInt(in)));
  }

  private static Duration readDuration(Input in) {
    long days = Wire.readLong(in);
    int seconds = Wire.readInt(in);
    int micros = Wire.readInt(in);
    return Duration.ofDays(days).plusSeconds(seconds).plusNanos(micros * 1000L);
  }

  private static CompletedProcess readCompletedProcess(Kryo kryo, Input in) {
    Object args = ANY.read(kryo, in, null);
    Long code = LONG.read(kryo, in, null);
    byte[] out = textOrBytes(ANY.read(kryo, in, null));
    byte[] err = textOrBytes(ANY.read(kryo, in, null));
    List<?> argList = args instanceof List ? (List<?>) args : List.of(String.valueOf(args));
    return new CompletedProcess(argList, code == null ? -1 : code.intValue(), out, err);
  }

  private static byte[] textOrBytes(Object v) {
    if (v == null) return null;
    if (v instanceof byte[]) return (byte[]) v;
    return v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Reads the rest of an exception value (its tag already read). */
  public static PythonException readException(Kryo kryo, Input in) {
    int n = Wire.readCount(in, 4);
    String[] mro = new String[n];
    for (int i = 0; i < n; i++) mro[i] = Wire.readStr(in);
    Object args = ANY.read(kryo, in, null);
    String message = Wire.readStr(in);
    String traceback = Wire.readStr(in);
    Object attrs = ANY.read(kryo, in, null);
    Object cause = ANY.read(kryo, in, null);
    @SuppressWarnings("unchecked")
    Map<String, Object> attributes = attrs instanceof Map ? (Map<String, Object>) attrs : Map.of();
    List<Object> argList = args instanceof List ? unmodifiableCopy((List<?>) args) : List.of();
    return PythonExceptions.create(
        new PythonException.Details(
            List.of(mro),
            argList,
            message,
            traceback,
            Collections.unmodifiableMap(attributes),
            cause instanceof PythonException ? (PythonException) cause : null));
  }

  private static List<Object> unmodifiableCopy(List<?> l) {
    return Collections.unmodifiableList(new ArrayList<>(l));
  }

  // ---- generic encoding -------------------------------------------------------------------

  /** Writes any supported Java value, asking Kryo's registrations for types not built in. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void writeAny(Kryo kryo, Output out, Object v) {
    if (v == null) {
      out.writeByte(Tag.NONE);
    } else if (v instanceof String) {
      out.writeByte(Tag.STR);
      Wire.writeStr(out, (String) v);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      writeLong(out, ((Number) v).longValue());
    } else if (v instanceof Boolean) {
      out.writeByte((Boolean) v ? Tag.TRUE : Tag.FALSE);
    } else if (v instanceof Double || v instanceof Float) {
      writeDouble(out, ((Number) v).doubleValue());
    } else if (v instanceof byte[]) {
      out.writeByte(Tag.BYTES);
      Wire.writeBytes(out, (byte[]) v);
    } else if (v instanceof BigInteger) {
      writeBigInteger(out, (BigInteger) v);
    } else if (v instanceof List) {
      List<?> l = (List<?>) v;
      out.writeByte(Tag.LIST);
      Wire.writeInt(out, l.size());
      for (Object e : l) writeAny(kryo, out, e);
    } else if (v instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) v;
      out.writeByte(Tag.DICT);
      Wire.writeInt(out, m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        writeAny(kryo, out, e.getKey());
        writeAny(kryo, out, e.getValue());
      }
    } else if (v instanceof Set) {
      writeSequence(kryo, out, Tag.SET, (Collection<?>) v);
    } else if (v instanceof Collection) {
      writeSequence(kryo, out, Tag.LIST, (Collection<?>) v);
    } else if (v instanceof Object[]) {
      writeSequence(kryo, out, Tag.LIST, Arrays.asList((Object[]) v));
    } else if (v instanceof Optional) {
      writeAny(kryo, out, ((Optional<?>) v).orElse(null));
    } else if (v instanceof Character) {
      out.writeByte(Tag.STR);
      Wire.writeStr(out, v.toString());
    } else if (v instanceof Path) {
      out.writeByte(Tag.PATH);
      Wire.writeStr(out, v.toString());
    } else if (v instanceof PyRecord) {
      PyRecord o = (PyRecord) v;
      out.writeByte(o.namedTuple() ? Tag.NAMEDTUPLE : Tag.DATACLASS);
      Wire.writeStr(out, o.type());
      Wire.writeInt(out, o.fields().size());
      for (Map.Entry<String, Object> e : o.fields().entrySet()) {
        Wire.writeStr(out, e.getKey());
        writeAny(kryo, out, e.getValue());
      }
    } else if (v instanceof PyEnum) {
      PyEnum e = (PyEnum) v;
      writeEnum(kryo, out, e.type(), e.name(), e.value());
    } else if (v instanceof LocalDateTime) {
      out.writeByte(Tag.DATETIME);
      writeDateTimeFields(out, (LocalDateTime) v);
      out.writeByte(0);
    } else if (v instanceof OffsetDateTime) {
      writeAware(out, (OffsetDateTime) v);
    } else if (v instanceof ZonedDateTime) {
      writeAware(out, ((ZonedDateTime) v).toOffsetDateTime());
    } else if (v instanceof Instant) {
      writeAware(out, ((Instant) v).atOffset(ZoneOffset.UTC));
    } else if (v instanceof LocalDate) {
      out.writeByte(Tag.DATE);
      writeDateFields(out, (LocalDate) v);
    } else if (v instanceof LocalTime) {
      out.writeByte(Tag.TIME);
      writeTimeFields(out, (LocalTime) v);
      out.writeByte(0);
    } else if (v instanceof OffsetTime) {
      OffsetTime t = (OffsetTime) v;
      out.writeByte(Tag.TIME);
      writeTimeFields(out, t.toLocalTime());
      out.writeByte(1);
      Wire.writeInt(out, t.getOffset().getTotalSeconds());
    } else if (v instanceof Duration) {
      Duration d = (Duration) v;
      out.writeByte(Tag.TIMEDELTA);
      Wire.writeLong(out, Math.floorDiv(d.getSeconds(), 86400L));
      Wire.writeInt(out, (int) Math.floorMod(d.getSeconds(), 86400L));
      Wire.writeInt(out, d.getNano() / 1000);
    } else if (v instanceof Template) {
      out.writeByte(Tag.TEMPLATE);
      Wire.writeStr(out, ((Template) v).source());
    } else if (v instanceof CompletedProcess) {
      CompletedProcess p = (CompletedProcess) v;
      out.writeByte(Tag.COMPLETED_PROCESS);
      writeAny(kryo, out, p.args());
      writeLong(out, p.returnCode());
      writeAny(kryo, out, p.stdoutBytes());
      writeAny(kryo, out, p.stderrBytes());
    } else {
      ValueCodec codec = registered(kryo, out, v.getClass());
      if (codec != null) {
        codec.write(kryo, out, v);
      } else if (v instanceof Enum) {
        Enum<?> e = (Enum<?>) v;
        writeEnum(kryo, out, e.getDeclaringClass().getSimpleName(), e.name(), e.name());
      } else {
        throw new MappingException(
            "cannot send a " + v.getClass().getName()
                + ": it has no wire mapping (records and enums of a @RemoteTool interface get one"
                + " generated; others need a ValueCodec registered with the Remote)");
      }
    }
  }

  /** The codec registered for {@code type} with the registry {@code out} belongs to, or else with {@code kryo}. */
  private static ValueCodec<?> registered(Kryo kryo, Output out, Class<?> type) {
    CodecRegistry registry = CodecRegistry.of(out);
    if (registry != null) return registry.registered(type);
    Registration r = kryo == null ? null : kryo.getClassResolver().getRegistration(type);
    return r != null && r.getSerializer() instanceof ValueCodec ? (ValueCodec<?>) r.getSerializer() : null;
  }

  /** Writes an enum member: type name, member name and value. For generated enum codecs. */
  public static void writeEnum(Kryo kryo, Output out, String type, String name, Object value) {
    out.writeByte(Tag.ENUM);
    Wire.writeStr(out, type);
    Wire.writeStr(out, name);
    writeAny(kryo, out, value);
  }

  private static void writeSequence(Kryo kryo, Output out, int tag, Collection<?> c) {
    out.writeByte(tag);
    Wire.writeInt(out, c.size());
    for (Object e : c) writeAny(kryo, out, e);
  }

  static void writeLong(Output out, long v) {
    if (v == (int) v) {
      out.writeByte(Tag.INT32);
      Wire.writeInt(out, (int) v);
    } else {
      out.writeByte(Tag.INT64);
      Wire.writeLong(out, v);
    }
  }

  static void writeBigInteger(Output out, BigInteger v) {
    if (v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0) {
      writeLong(out, v.longValue());
    } else {
      out.writeByte(Tag.BIGINT);
      Wire.writeBytes(out, v.toByteArray());
    }
  }

  static void writeDouble(Output out, double v) {
    out.writeByte(Tag.FLOAT);
    Wire.writeLong(out, Double.doubleToRawLongBits(v));
  }

  private static void writeDateFields(Output out, LocalDate d) {
    Wire.writeInt(out, d.getYear());
    out.writeByte(d.getMonthValue());
    out.writeByte(d.getDayOfMonth());
  }

  private static void writeTimeFields(Output out, LocalTime t) {
    out.writeByte(t.getHour());
    out.writeByte(t.getMinute());
    out.writeByte(t.getSecond());
    Wire.writeInt(out, t.getNano() / 1000);
  }

  private static void writeDateTimeFields(Output out, LocalDateTime t) {
    writeDateFields(out, t.toLocalDate());
    writeTimeFields(out, t.toLocalTime());
  }

  private static void writeAware(Output out, OffsetDateTime t) {
    out.writeByte(Tag.DATETIME);
    writeDateTimeFields(out, t.toLocalDateTime());
    out.writeByte(1);
    Wire.writeInt(out, t.getOffset().getTotalSeconds());
  }

  /** Reads the rest of a value whose tag was already read. */
  private interface Reader<T> {
    T read(Kryo kryo, Input in, int tag);
  }

  /**
   * A codec that takes {@code None} as {@code null}, reads the given tags with {@code reader},
   * rejects any other tag, and writes through {@link #writeAny}.
   */
  private static <T> ValueCodec<T> simple(String javaType, Reader<T> reader, int... tags) {
    return new ValueCodec<>() {
      @Override
      public T decode(Kryo kryo, Input in, int tag) {
        if (tag == Tag.NONE) return null;
        for (int t : tags) {
          if (t == tag) return reader.read(kryo, in, tag);
        }
        throw mismatch(tag);
      }

      @Override
      public void write(Kryo kryo, Output out, T value) {
        writeAny(kryo, out, value);
      }

      @Override
      public String javaType() {
        return javaType;
      }
    };
  }

  private interface Narrow<T> {
    T apply(Long v);
  }

  private static <T extends Number> ValueCodec<T> narrowed(String name, long min, long max, Narrow<T> narrow) {
    return new ValueCodec<>() {
      @Override
      public T decode(Kryo kryo, Input in, int tag) {
        Long v = LONG.decode(kryo, in, tag);
        if (v == null) return null;
        if (v < min || v > max) throw new MappingException("Python int " + v + " does not fit in " + name);
        return narrow.apply(v);
      }

      @Override
      public void write(Kryo kryo, Output out, T v) {
        if (v == null) out.writeByte(Tag.NONE);
        else writeLong(out, v.longValue());
      }

      @Override
      public String javaType() {
        return name;
      }
    };
  }

  private Codecs() {}
}
