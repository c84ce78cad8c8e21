package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.rmote.internal.wire.Tag;
import io.rmote.internal.wire.Wire;
import io.rmote.wire.Codecs;
import io.rmote.wire.ValueCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A mapping registered with the connection is used for arguments and results alike. */
class RegisteredCodecTest {
  record Point(long x, long y) {}

  /** Written by hand here; the annotation processor generates codecs like it. */
  static final class PointCodec extends ValueCodec<Point> {
    @Override
    public Point decode(Kryo kryo, Input in, int tag) {
      if (tag == Tag.NONE) return null;
      if (tag != Tag.DATACLASS && tag != Tag.NAMEDTUPLE) throw mismatch(tag);
      Wire.readStr(in);
      long x = 0;
      long y = 0;
      for (int n = Wire.readCount(in, 5); n > 0; n--) {
        String field = Wire.readStr(in);
        switch (field) {
          case "x":
            x = Codecs.LONG.read(kryo, in, null);
            break;
          case "y":
            y = Codecs.LONG.read(kryo, in, null);
            break;
          default:
            Wire.skip(in);
        }
      }
      return new Point(x, y);
    }

    @Override
    public void write(Kryo kryo, Output out, Point p) {
      Codecs.writeAny(
          kryo, out, PyRecord.dataclass("Point", java.util.Map.of("x", p.x(), "y", p.y())));
    }

    @Override
    public String javaType() {
      return "Point";
    }
  }

  @Test
  void aRegisteredCodecMapsArgumentsAndResults() {
    try (Remote remote = Remote.builder().register(Point.class, new PointCodec()).connect()) {
      assertEquals(
          new Point(1, 2), remote.call(RemoteCallTest.PROBE, "echo", Point.class, new Point(1, 2)));
      assertEquals(
          List.of(new Point(3, 4)),
          remote.call(
              RemoteCallTest.PROBE,
              "echo",
              Codecs.list(remote.codec(Point.class)),
              List.of(new Point(3, 4))));
    }
  }

  @Test
  void anUnregisteredTypeFailsWithAClearMessage() {
    try (Remote remote = Remote.local()) {
      MappingException e =
          assertThrows(
              MappingException.class,
              () -> remote.call(RemoteCallTest.PROBE, "echo", Object.class, new Point(1, 2)));
      assertTrue(e.getMessage().contains("RegisteredCodecTest$Point"), e.getMessage());
      assertTrue(e.getMessage().contains("call Probe.echo"), e.getMessage());
      MappingException r = assertThrows(MappingException.class, () -> remote.codec(Point.class));
      assertTrue(r.getMessage().contains("no wire mapping"), r.getMessage());
    }
  }
}
