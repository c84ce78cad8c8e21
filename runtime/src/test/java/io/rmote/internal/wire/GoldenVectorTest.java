package io.rmote.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.rmote.CompletedProcess;
import io.rmote.PyEnum;
import io.rmote.PyOpaque;
import io.rmote.PyRecord;
import io.rmote.Template;
import io.rmote.python.FileNotFoundError;
import io.rmote.wire.Codecs;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden vectors under {@code src/test/resources/golden}: the Python runtime's test encodes and
 * decodes the same files, so both sides speak one format byte for byte.
 */
class GoldenVectorTest {
  private final Kryo kryo = new Kryo();

  static Map<String, Object> vectors() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("none", null);
    v.put("true", true);
    v.put("false", false);
    v.put("int_small", 42L);
    v.put("int_neg", -7L);
    v.put("int_i64", 1L << 40);
    v.put("int_big", BigInteger.TWO.pow(100));
    v.put("int_big_neg", BigInteger.TWO.pow(70).negate());
    v.put("float", 1.5);
    v.put("str_ascii", "hello");
    v.put("str_unicode", "héllo wörld ✓ 😀");
    v.put("str_empty", "");
    v.put("bytes", new byte[] {0, 1, (byte) 0xff});
    v.put("list", Arrays.asList(1L, "a", null));
    v.put("dict", map("a", 1L, "b", List.of(true)));
    v.put("set", Set.of(3L));
    v.put("dataclass", dataclass("DiskInfo", "path", "/", "free", 123L));
    v.put(
        "dataclass_nested",
        dataclass(
            "Outer", "name", "x", "inner", dataclass("DiskInfo", "path", "/tmp", "free", 5L)));
    v.put("namedtuple", new PyRecord("Point", map("x", 1L, "y", 2L), true));
    v.put("enum", new PyEnum("Color", "RED", "red"));
    v.put("datetime_naive", LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123456000));
    v.put("datetime_aware", OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 6000, ZoneOffset.ofHours(2)));
    v.put("date", LocalDate.of(2024, 2, 29));
    v.put("time", LocalTime.of(23, 59, 58, 7000));
    v.put("timedelta", Duration.ofDays(-1).plusSeconds(5).plusNanos(6000));
    v.put("path", Path.of("/etc/hostname"));
    v.put(
        "completed",
        new CompletedProcess(
            List.of("echo", "hi"), 0, "hi\n".getBytes(StandardCharsets.UTF_8), null));
    v.put("template", Template.of("Hello ${name}"));
    return v;
  }

  static Stream<Arguments> encodable() {
    return vectors().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  private static PyRecord dataclass(String type, Object... kv) {
    return PyRecord.dataclass(type, map(kv));
  }

  static byte[] golden(String name) throws IOException {
    try (InputStream in = GoldenVectorTest.class.getResourceAsStream("/golden/" + name + ".bin")) {
      if (in == null) throw new AssertionError("missing golden vector " + name);
      return in.readAllBytes();
    }
  }

  private byte[] encode(Object value) {
    Output out = new Output(64, -1);
    Codecs.writeAny(kryo, out, value);
    return out.toBytes();
  }

  private Object decode(byte[] bytes) {
    Input in = new Input(bytes);
    Object v = Codecs.ANY.read(kryo, in, null);
    assertEquals(bytes.length, in.position(), "the whole vector is consumed");
    return v;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodable")
  void javaEncodesLikePython(String name, Object value) throws IOException {
    assertArrayEquals(golden(name), encode(value), name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodable")
  void javaDecodesWhatPythonEncodes(String name, Object value) throws IOException {
    Object decoded = decode(golden(name));
    if (value instanceof byte[]) {
      assertArrayEquals((byte[]) value, (byte[]) decoded);
    } else {
      assertEquals(value, decoded, name);
    }
  }

  @Test
  void decodesTuplesExceptionsAndOpaqueValues() throws IOException {
    assertEquals(List.of(1L, 2L), decode(golden("tuple")));
    FileNotFoundError e = assertInstanceOf(FileNotFoundError.class, decode(golden("exception")));
    assertEquals(2, e.errno());
    assertEquals("/nope", e.filename());
    assertEquals(List.of(2L, "No such file or directory"), e.args());
    assertEquals("[Errno 2] No such file or directory: '/nope'", e.pythonMessage());
    assertEquals(
        List.of(
            "builtins.FileNotFoundError",
            "builtins.OSError",
            "builtins.Exception",
            "builtins.BaseException"),
        e.mro());
    assertEquals(new PyOpaque("tests.Opaque", "<Opaque>"), decode(golden("opaque")));
  }

  @Test
  void skipWalksOverEveryVector() throws IOException {
    for (String name :
        List.of(
            "none",
            "dict",
            "dataclass_nested",
            "namedtuple",
            "enum",
            "datetime_aware",
            "time",
            "timedelta",
            "completed",
            "exception",
            "opaque",
            "tuple",
            "set",
            "int_big",
            "template")) {
      byte[] b = golden(name);
      Input in = new Input(b);
      Wire.skip(in);
      assertEquals(b.length, in.position(), name);
    }
  }

  @Test
  void malformedInputIsAWireFormatError() {
    byte[] truncatedStr = {Tag.STR, 0, 0, 0, 10, 'a'};
    WireFormatException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            WireFormatException.class, () -> decode(truncatedStr));
    assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(
        WireFormatException.class, () -> decode(new byte[] {(byte) 0x7f}));
  }
}
