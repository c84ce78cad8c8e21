package io.rmote.benchmarks.micro;

import com.esotericsoftware.kryo.io.Output;
import io.rmote.CompletedProcess;
import io.rmote.PyEnum;
import io.rmote.PyOpaque;
import io.rmote.PyRecord;
import io.rmote.Template;
import io.rmote.benchmarks.TypedBench;
import io.rmote.benchmarks.TypedBench_PointCodec;
import io.rmote.internal.wire.Tag;
import io.rmote.internal.wire.Wire;
import io.rmote.wire.Codecs;
import io.rmote.wire.ValueCodec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One sample value of each wire type (docs/wire-format.md, "Values"), with the codec that maps it:
 * small, typical values (a host name, 16 numbers, a 1 KiB buffer) rather than extremes.
 */
final class Values {
  final ValueCodec<Object> codec;
  final Object value;

  private Values(ValueCodec<?> codec, Object value) {
    @SuppressWarnings("unchecked")
    ValueCodec<Object> c = (ValueCodec<Object>) codec;
    this.codec = c;
    this.value = value;
  }

  static Values of(String type) {
    switch (type) {
      case "none":
        return new Values(Codecs.ANY, null);
      case "bool":
        return new Values(Codecs.BOOLEAN, true);
      case "int":
        return new Values(Codecs.LONG, 4242L);
      case "int64":
        return new Values(Codecs.LONG, 1L << 40);
      case "bigint":
        return new Values(Codecs.BIG_INTEGER, BigInteger.ONE.shiftLeft(70).add(BigInteger.TEN));
      case "float":
        return new Values(Codecs.DOUBLE, 3.25);
      case "str":
        return new Values(Codecs.STRING, "web-01.example.org");
      case "bytes":
        return new Values(Codecs.BYTES, new byte[1024]);
      case "list":
      case "tuple":
        return new Values(Codecs.list(Codecs.LONG), numbers());
      case "dict":
        return new Values(Codecs.map(Codecs.STRING, Codecs.LONG), dict());
      case "set":
        return new Values(Codecs.set(Codecs.STRING), new LinkedHashSet<>(dict().keySet()));
      case "dataclass":
        return new Values(Codecs.PY_RECORD, PyRecord.dataclass("DiskInfo", disk()));
      case "record":
        return new Values(TypedBench_PointCodec.INSTANCE, new TypedBench.Point(42, "p"));
      case "namedtuple":
        return new Values(Codecs.PY_RECORD, new PyRecord("Usage", disk(), true));
      case "enum":
        return new Values(Codecs.PY_ENUM, new PyEnum("State", "RUNNING", "running"));
      case "datetime":
        return new Values(
            Codecs.LOCAL_DATE_TIME, LocalDateTime.of(2026, 11, 30, 21, 15, 3, 123456000));
      case "datetime_aware":
        return new Values(
            Codecs.OFFSET_DATE_TIME,
            OffsetDateTime.of(2026, 11, 30, 21, 15, 3, 123456000, ZoneOffset.ofHours(1)));
      case "date":
        return new Values(Codecs.LOCAL_DATE, LocalDate.of(2026, 11, 30));
      case "time":
        return new Values(Codecs.LOCAL_TIME, LocalTime.of(21, 15, 3, 123456000));
      case "timedelta":
        return new Values(Codecs.DURATION, Duration.ofSeconds(90061, 5000));
      case "path":
        return new Values(Codecs.PATH, Path.of("/etc/hostname"));
      case "completed":
        return new Values(
            Codecs.COMPLETED_PROCESS,
            new CompletedProcess(
                List.of("ls", "-l"), 0, "total 0\n".getBytes(StandardCharsets.UTF_8), new byte[0]));
      case "template":
        return new Values(Codecs.TEMPLATE, Template.of("server ${host}\n"));
      case "opaque":
        return new Values(Codecs.PY_OPAQUE, new PyOpaque("socket.socket", "<socket fd=3>"));
      case "exception":
        return new Values(Codecs.ANY, null);
      default:
        throw new IllegalArgumentException("no sample of type " + type);
    }
  }

  /** The sample as the remote sends it. */
  byte[] encoded(String type) {
    Output o = new Output(64, -1);
    if (type.equals("exception")) {
      writeException(o);
      return o.toBytes();
    }
    if (type.equals("opaque")) {
      // The controller never sends one: an opaque value only describes a remote object.
      PyOpaque v = (PyOpaque) value;
      o.writeByte(Tag.OPAQUE);
      Wire.writeStr(o, v.type());
      Wire.writeStr(o, v.repr());
      return o.toBytes();
    }
    codec.write(null, o, value);
    byte[] b = o.toBytes();
    if (type.equals("tuple")) b[0] = (byte) Tag.TUPLE;
    return b;
  }

  /** A FileNotFoundError as runtime.py sends it: MRO, args, message, traceback, attributes. */
  private static void writeException(Output o) {
    o.writeByte(Tag.EXCEPTION);
    List<String> mro = List.of("builtins.FileNotFoundError", "builtins.OSError");
    Wire.writeInt(o, mro.size());
    for (String s : mro) Wire.writeStr(o, s);
    Codecs.ANY.write(null, o, List.of(2L, "No such file or directory"));
    Wire.writeStr(o, "[Errno 2] No such file or directory: '/nope'");
    Wire.writeStr(o, "");
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("errno", 2L);
    attributes.put("strerror", "No such file or directory");
    attributes.put("filename", "/nope");
    attributes.put("filename2", null);
    Codecs.ANY.write(null, o, attributes);
    o.writeByte(Tag.NONE);
  }

  private static List<Long> numbers() {
    List<Long> l = new ArrayList<>();
    for (long i = 0; i < 16; i++) l.add(i * 1000);
    return l;
  }

  private static Map<String, Long> dict() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < 16; i++) m.put("key" + i, (long) i);
    return m;
  }

  private static Map<String, Object> disk() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("device", "/dev/sda1");
    m.put("total", 512L << 30);
    m.put("used", 100L << 30);
    return m;
  }
}
