package io.rmote.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.rmote.MappingException;
import io.rmote.PyEnum;
import io.rmote.PyRecord;
import io.rmote.wire.Codecs;
import io.rmote.wire.ValueCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire steps of generated codecs, on their own. */
class CodecSupportTest {
  private final Kryo kryo = new Kryo();

  @Test
  void writesADataclassValueTheGenericDecoderReadsBack() {
    Output out = new Output(256, -1);
    CodecSupport.writeFields(out, "DiskInfo", 2);
    CodecSupport.writeField(kryo, out, "path", Codecs.STRING, "/");
    CodecSupport.writeField(kryo, out, "free", Codecs.LONG, 5L);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("path", "/");
    fields.put("free", 5L);
    assertEquals(
        new PyRecord("DiskInfo", fields, false),
        Codecs.ANY.read(kryo, new Input(out.toBytes()), null));
  }

  @Test
  void readsFieldsOfDataclassesAndNamedtuplesAndNamesTheFailingField() {
    Output out = new Output(256, -1);
    Codecs.writeAny(kryo, out, new PyRecord("Size", Map.of("used", "many"), true));
    Input in = new Input(out.toBytes());
    assertEquals(1, CodecSupport.readFields(in, Wire.readU8(in), Codecs.LONG));
    assertEquals("used", Wire.readStr(in));
    MappingException e =
        assertThrows(
            MappingException.class, () -> CodecSupport.readField(kryo, in, Codecs.LONG, "used"));
    assertEquals("at result.used: cannot map Python str to long", e.getMessage());
  }

  @Test
  void anotherKindOfValueIsAMappingError() {
    MappingException e =
        assertThrows(
            MappingException.class,
            () -> CodecSupport.readFields(new Input(new byte[0]), Tag.STR, Codecs.PATH));
    assertEquals("cannot map Python str to Path", e.getMessage());
    e =
        assertThrows(
            MappingException.class,
            () -> CodecSupport.readMember(new Input(new byte[0]), Tag.LIST, Codecs.PATH));
    assertEquals("cannot map Python list to Path", e.getMessage());
  }

  @Test
  void membersTravelByName() {
    Output out = new Output(256, -1);
    CodecSupport.writeMember(kryo, out, "SystemTool.State", "UP");
    byte[] bytes = out.toBytes();
    assertEquals(
        new PyEnum("SystemTool.State", "UP", "UP"), Codecs.ANY.read(kryo, new Input(bytes), null));
    Input in = new Input(bytes);
    assertEquals("UP", CodecSupport.readMember(in, Wire.readU8(in), Codecs.STRING));
    assertEquals(bytes.length, in.position());
    assertEquals(
        "the Python enum member GONE has no constant in String: the Python source changed since the"
            + " interface was compiled?",
        CodecSupport.unknownMember("GONE", Codecs.STRING).getMessage());
  }

  @Test
  void requiredAndNonNullRejectNone() {
    assertEquals(5L, CodecSupport.required(5L, "free", Codecs.LONG));
    MappingException e =
        assertThrows(
            MappingException.class, () -> CodecSupport.required(null, "free", Codecs.LONG));
    assertEquals("result.free", e.path());
    ValueCodec<Long> nonNull = CodecSupport.nonNull(Codecs.LONG);
    assertNull(Codecs.LONG.read(kryo, new Input(new byte[] {Tag.NONE}), null));
    e =
        assertThrows(
            MappingException.class,
            () -> nonNull.read(kryo, new Input(new byte[] {Tag.NONE}), null));
    assertEquals("cannot map Python None to long", e.getMessage());
  }
}
