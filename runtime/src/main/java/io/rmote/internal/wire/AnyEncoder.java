package io.rmote.internal.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Output;
import io.rmote.CompletedProcess;
import io.rmote.MappingException;
import io.rmote.PyEnum;
import io.rmote.PyRecord;
import io.rmote.Template;
import io.rmote.wire.ValueCodec;
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
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Encodes any supported Java value by its runtime type, for {@link io.rmote.wire.Codecs#ANY} and
 * the typed codecs that write through it; types not built in go to their registered codec.
 */
public final class AnyEncoder {

  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** Writes any supported Java value, asking Kryo's registrations for types not built in. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void writeAny(Kryo kryo, Output out, Object v) {
    if (v == null) {
      out.writeByte(Tag.NONE);
    } else if (v instanceof String) {
      out.writeByte(Tag.STR);
      Wire.writeStr(out, (String) v);
    } else if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte) {
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
            "cannot send a "
                + v.getClass().getName()
                + ": it has no wire mapping (records and enums of a @RemoteTool interface get one"
                + " generated; others need a ValueCodec registered with the Remote)");
      }
    }
  }

  /**
   * The codec registered for {@code type} with the registry {@code out} belongs to, or else with
   * {@code kryo}.
   */
  private static ValueCodec<?> registered(Kryo kryo, Output out, Class<?> type) {
    CodecRegistry registry = CodecRegistry.of(out);
    if (registry != null) return registry.registered(type);
    Registration r = kryo == null ? null : kryo.getClassResolver().getRegistration(type);
    return r != null && r.getSerializer() instanceof ValueCodec
        ? (ValueCodec<?>) r.getSerializer()
        : null;
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

  /** Writes an integer as int32 if it fits, else as int64. */
  public static void writeLong(Output out, long v) {
    if (v == (int) v) {
      out.writeByte(Tag.INT32);
      Wire.writeInt(out, (int) v);
    } else {
      out.writeByte(Tag.INT64);
      Wire.writeLong(out, v);
    }
  }

  private static void writeBigInteger(Output out, BigInteger v) {
    if (v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0) {
      writeLong(out, v.longValue());
    } else {
      out.writeByte(Tag.BIGINT);
      Wire.writeBytes(out, v.toByteArray());
    }
  }

  private static void writeDouble(Output out, double v) {
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

  private AnyEncoder() {}
}
