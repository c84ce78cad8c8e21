package io.rmote.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.rmote.MappingException;
import io.rmote.PyOpaque;
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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each scalar codec of {@link Codecs}: the Python kinds it takes, {@code None} as {@code null}, the
 * range of the narrow integer types, and the message for any other kind.
 */
class BuiltinCodecTest {

  /** {@code value} as {@link Codecs#writeAny} puts it on the wire, read back through {@code c}. */
  private static <T> T read(ValueCodec<T> c, Object value) {
    Output out = new Output(64, -1);
    Codecs.writeAny(null, out, value);
    return c.read(null, new Input(out.toBytes()), null);
  }

  private static String refused(ValueCodec<?> c, Object value) {
    return assertThrows(MappingException.class, () -> read(c, value)).getMessage();
  }

  @Test
  void everyCodecReadsNoneAsNull() {
    for (ValueCodec<?> c :
        List.of(
            Codecs.BOOLEAN,
            Codecs.LONG,
            Codecs.INTEGER,
            Codecs.SHORT,
            Codecs.BYTE,
            Codecs.BIG_INTEGER,
            Codecs.DOUBLE,
            Codecs.FLOAT,
            Codecs.STRING,
            Codecs.BYTES,
            Codecs.PATH,
            Codecs.LOCAL_DATE,
            Codecs.LOCAL_DATE_TIME,
            Codecs.OFFSET_DATE_TIME,
            Codecs.INSTANT,
            Codecs.LOCAL_TIME,
            Codecs.DURATION,
            Codecs.COMPLETED_PROCESS,
            Codecs.TEMPLATE,
            Codecs.PY_RECORD,
            Codecs.PY_ENUM,
            Codecs.PY_OPAQUE)) {
      assertNull(read(c, null), c.javaType());
    }
  }

  @Test
  void integersOfEverySizeOnTheWire() {
    BigInteger beyondLong = BigInteger.ONE.shiftLeft(70);
    assertEquals(true, read(Codecs.BOOLEAN, true));
    assertEquals(false, read(Codecs.BOOLEAN, false));
    assertEquals(7L, read(Codecs.LONG, 7));
    assertEquals(Long.MIN_VALUE, read(Codecs.LONG, Long.MIN_VALUE));
    assertEquals(Long.MAX_VALUE, read(Codecs.LONG, BigInteger.valueOf(Long.MAX_VALUE)));
    assertEquals(
        "Python int " + beyondLong + " does not fit in a long", refused(Codecs.LONG, beyondLong));
    assertEquals(beyondLong, read(Codecs.BIG_INTEGER, beyondLong));
    assertEquals(BigInteger.valueOf(-3), read(Codecs.BIG_INTEGER, -3));
    assertEquals(BigInteger.valueOf(1L << 40), read(Codecs.BIG_INTEGER, 1L << 40));
  }

  @Test
  void narrowIntegerTypesTakeTheirRangeAndNameTheirTypeBeyondIt() {
    assertEquals(Integer.MAX_VALUE, read(Codecs.INTEGER, (long) Integer.MAX_VALUE));
    assertEquals(Integer.MIN_VALUE, read(Codecs.INTEGER, (long) Integer.MIN_VALUE));
    assertEquals("Python int 2147483648 does not fit in int", refused(Codecs.INTEGER, 1L << 31));
    assertEquals((short) -32768, read(Codecs.SHORT, -32768));
    assertEquals("Python int 32768 does not fit in short", refused(Codecs.SHORT, 32768));
    assertEquals((byte) 127, read(Codecs.BYTE, 127));
    assertEquals("Python int -129 does not fit in byte", refused(Codecs.BYTE, -129));
    // Named by the type asked for (before stop 22: "... to long" for all three).
    assertEquals("cannot map Python str to int", refused(Codecs.INTEGER, "1"));
    assertEquals("cannot map Python float to short", refused(Codecs.SHORT, 1.0));
    BigInteger beyondLong = BigInteger.ONE.shiftLeft(64);
    assertEquals(
        "Python int " + beyondLong + " does not fit in a long", refused(Codecs.BYTE, beyondLong));
  }

  @Test
  void floatsAndIntsAsFloatingPoint() {
    assertEquals(2.5, read(Codecs.DOUBLE, 2.5));
    assertEquals(3.0, read(Codecs.DOUBLE, 3));
    assertEquals(0x1p70, read(Codecs.DOUBLE, BigInteger.ONE.shiftLeft(70)));
    assertEquals(0.1f, read(Codecs.FLOAT, 0.1));
    assertEquals("cannot map Python str to double", refused(Codecs.DOUBLE, "2.5"));
  }

  @Test
  void textBytesAndPaths() {
    assertEquals("é", read(Codecs.STRING, "é"));
    assertEquals("/etc", read(Codecs.STRING, Path.of("/etc")));
    assertEquals(Path.of("/etc"), read(Codecs.PATH, "/etc"));
    assertArrayEquals(new byte[] {0, -1}, read(Codecs.BYTES, new byte[] {0, -1}));
    assertEquals("cannot map Python bytes to String", refused(Codecs.STRING, new byte[] {1}));
    assertEquals("cannot map Python int to byte[]", refused(Codecs.BYTES, 1));
  }

  @Test
  void datesTimesAndDurations() {
    LocalDateTime naive = LocalDateTime.of(2026, 12, 1, 13, 5, 7, 123_000);
    OffsetDateTime aware = naive.atOffset(ZoneOffset.ofHours(2));
    assertEquals(LocalDate.of(2026, 12, 1), read(Codecs.LOCAL_DATE, LocalDate.of(2026, 12, 1)));
    assertEquals(naive, read(Codecs.LOCAL_DATE_TIME, naive));
    assertEquals(aware, read(Codecs.OFFSET_DATE_TIME, aware));
    assertEquals(aware.toInstant(), read(Codecs.INSTANT, aware));
    assertEquals(aware.toInstant(), read(Codecs.INSTANT, Instant.from(aware)));
    assertEquals(LocalTime.of(1, 2, 3), read(Codecs.LOCAL_TIME, LocalTime.of(1, 2, 3)));
    assertEquals(
        LocalTime.of(1, 2, 3), read(Codecs.LOCAL_TIME, OffsetTime.of(1, 2, 3, 0, ZoneOffset.UTC)));
    assertEquals(Duration.ofMillis(1500), read(Codecs.DURATION, Duration.ofMillis(1500)));
    assertEquals(
        "cannot map an aware Python datetime ("
            + aware
            + ") to LocalDateTime: use OffsetDateTime or Instant",
        refused(Codecs.LOCAL_DATE_TIME, aware));
    assertEquals(
        "cannot map a naive Python datetime ("
            + naive
            + ", no tzinfo) to OffsetDateTime: use LocalDateTime",
        refused(Codecs.INSTANT, naive));
    assertEquals(
        "cannot map Python date to LocalDateTime",
        refused(Codecs.LOCAL_DATE_TIME, LocalDate.of(2026, 12, 1)));
  }

  @Test
  void opaqueValuesAndWritesGoThroughWriteAny() {
    Output out = new Output(64, -1);
    out.writeByte(io.rmote.internal.wire.Tag.OPAQUE);
    io.rmote.internal.wire.Wire.writeStr(out, "socket");
    io.rmote.internal.wire.Wire.writeStr(out, "<socket>");
    assertEquals(
        new PyOpaque("socket", "<socket>"),
        Codecs.PY_OPAQUE.read(null, new Input(out.toBytes()), null));
    Output written = new Output(64, -1);
    Codecs.SHORT.write(null, written, (short) 5);
    assertEquals(5L, Codecs.LONG.read(null, new Input(written.toBytes()), null));
    assertEquals("short", Codecs.SHORT.javaType());
  }
}
