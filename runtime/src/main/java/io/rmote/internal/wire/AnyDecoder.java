package io.rmote.internal.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import io.rmote.CompletedProcess;
import io.rmote.MappingException;
import io.rmote.PyOpaque;
import io.rmote.PyRecord;
import io.rmote.Template;
import io.rmote.internal.python.PythonExceptions;
import io.rmote.python.PythonException;
import io.rmote.wire.Codecs;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decodes any value to its natural Java type (the table in {@code docs/wire-format.md}), for {@link
 * Codecs#ANY}; its readers of dates, times, processes and records serve the typed codecs of {@link
 * Codecs} too.
 */
public final class AnyDecoder {

  /** Reads the rest of any value whose tag was already read, as its natural Java type. */
  public static Object decode(Kryo kryo, Input in, int tag) {
    switch (tag) {
      case Tag.NONE:
        return null;
      case Tag.FALSE:
        return false;
      case Tag.TRUE:
        return true;
      case Tag.INT32:
        return (long) Wire.readInt(in);
      case Tag.INT64:
        return Wire.readLong(in);
      case Tag.BIGINT:
        return new BigInteger(Wire.readBytes(in));
      case Tag.FLOAT:
        return Double.longBitsToDouble(Wire.readLong(in));
      case Tag.STR:
        return Wire.readStr(in);
      case Tag.BYTES:
        return Wire.readBytes(in);
      case Tag.LIST:
        return readList(kryo, in);
      case Tag.TUPLE:
        return Collections.unmodifiableList(readList(kryo, in));
      case Tag.SET:
        return new LinkedHashSet<>(readList(kryo, in));
      case Tag.DICT:
        return Codecs.map(Codecs.ANY, Codecs.ANY).decode(kryo, in, tag);
      case Tag.DATACLASS:
        return readPyRecord(kryo, in, false);
      case Tag.NAMEDTUPLE:
        return readPyRecord(kryo, in, true);
      case Tag.ENUM:
        return Codecs.PY_ENUM.decode(kryo, in, tag);
      case Tag.DATETIME:
        return readDateTime(in);
      case Tag.DATE:
        return readDate(in);
      case Tag.TIME:
        return readTime(in);
      case Tag.TIMEDELTA:
        return readDuration(in);
      case Tag.PATH:
        return Wire.readPath(in);
      case Tag.COMPLETED_PROCESS:
        return readCompletedProcess(kryo, in);
      case Tag.EXCEPTION:
        return readException(kryo, in);
      case Tag.TEMPLATE:
        return readTemplate(in);
      case Tag.OPAQUE:
        return new PyOpaque(Wire.readStr(in), Wire.readStr(in));
      default:
        throw new WireFormatException(Tag.describe(tag));
    }
  }

  private static List<Object> readList(Kryo kryo, Input in) {
    int n = Wire.readCount(in, 1);
    List<Object> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) list.add(Codecs.ANY.read(kryo, in, null));
    return list;
  }

  /**
   * Reads the rest of a dataclass, or with {@code namedTuple} a namedtuple: type name and fields.
   */
  public static PyRecord readPyRecord(Kryo kryo, Input in, boolean namedTuple) {
    String type = Wire.readStr(in);
    int n = Wire.readCount(in, 5);
    Map<String, Object> fields = new LinkedHashMap<>(Math.max(16, n * 4 / 3 + 1));
    for (int i = 0; i < n; i++) {
      String name = Wire.readStr(in);
      fields.put(name, Codecs.ANY.read(kryo, in, null));
    }
    return new PyRecord(type, fields, namedTuple);
  }

  /** Reads the rest of a date. */
  public static LocalDate readDate(Input in) {
    int year = Wire.readInt(in);
    int month = Wire.readU8(in);
    int day = Wire.readU8(in);
    return LocalDate.of(year, month, day);
  }

  /**
   * Reads the rest of a datetime: a {@link LocalDateTime} if naive, an {@link OffsetDateTime} if
   * aware.
   */
  public static Object readDateTime(Input in) {
    LocalDate d = readDate(in);
    int h = Wire.readU8(in);
    int m = Wire.readU8(in);
    int s = Wire.readU8(in);
    int micros = Wire.readInt(in);
    LocalDateTime t = LocalDateTime.of(d, LocalTime.of(h, m, s, micros * 1000));
    if (Wire.readU8(in) == 0) return t;
    return OffsetDateTime.of(t, ZoneOffset.ofTotalSeconds(Wire.readInt(in)));
  }

  /** Reads the rest of a time: a {@link LocalTime} if naive, an {@link OffsetTime} if aware. */
  public static Object readTime(Input in) {
    int h = Wire.readU8(in);
    int m = Wire.readU8(in);
    int s = Wire.readU8(in);
    LocalTime t = LocalTime.of(h, m, s, Wire.readInt(in) * 1000);
    if (Wire.readU8(in) == 0) return t;
    return OffsetTime.of(t, ZoneOffset.ofTotalSeconds(Wire.readInt(in)));
  }

  /** Reads the rest of a timedelta. */
  public static Duration readDuration(Input in) {
    long days = Wire.readLong(in);
    int seconds = Wire.readInt(in);
    int micros = Wire.readInt(in);
    return Duration.ofDays(days).plusSeconds(seconds).plusNanos(micros * 1000L);
  }

  /**
   * Reads the rest of a template. One the remote made that {@link Template#of} rejects fails the
   * call with a {@link MappingException}, as any value the Java type cannot hold.
   */
  public static Template readTemplate(Input in) {
    String source = Wire.readStr(in);
    try {
      return Template.of(source);
    } catch (Template.SyntaxException e) {
      throw new MappingException(
          "the remote sent a Template that does not parse: " + e.getMessage());
    }
  }

  /** Reads the rest of a completed process; text output is kept as its UTF-8 bytes. */
  public static CompletedProcess readCompletedProcess(Kryo kryo, Input in) {
    Object args = Codecs.ANY.read(kryo, in, null);
    Long code = Codecs.LONG.read(kryo, in, null);
    byte[] out = textOrBytes(Codecs.ANY.read(kryo, in, null));
    byte[] err = textOrBytes(Codecs.ANY.read(kryo, in, null));
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
    return readException(kryo, in, PythonExceptions::create);
  }

  /**
   * Reads the rest of an exception value (its tag already read), made by {@code create}; its cause
   * is made by {@link PythonExceptions#create}.
   */
  public static PythonException readException(
      Kryo kryo, Input in, Function<PythonException.Details, PythonException> create) {
    int n = Wire.readCount(in, 4);
    String[] mro = new String[n];
    for (int i = 0; i < n; i++) mro[i] = Wire.readStr(in);
    Object args = Codecs.ANY.read(kryo, in, null);
    String message = Wire.readStr(in);
    String traceback = Wire.readStr(in);
    Object attrs = Codecs.ANY.read(kryo, in, null);
    Object cause = Codecs.ANY.read(kryo, in, null);
    @SuppressWarnings("unchecked")
    Map<String, Object> attributes = attrs instanceof Map ? (Map<String, Object>) attrs : Map.of();
    List<Object> argList = args instanceof List ? unmodifiableCopy((List<?>) args) : List.of();
    return create.apply(
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

  private AnyDecoder() {}
}
