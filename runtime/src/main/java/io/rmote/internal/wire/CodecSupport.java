package io.rmote.internal.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.rmote.MappingException;
import io.rmote.wire.Codecs;
import io.rmote.wire.ValueCodec;

/**
 * The few wire steps that the codecs generated for records and enums share, so that each generated
 * codec reads as the list of its fields or members. Not meant for hand-written code; see {@code
 * docs/processor.md} for what the generated codecs look like.
 */
public final class CodecSupport {

  /**
   * Reads the head of a dataclass or namedtuple value whose tag was already read (its type name is
   * not checked: fields are matched by name) and returns its field count.
   *
   * @throws MappingException if the value is neither
   */
  public static int readFields(Input in, int tag, ValueCodec<?> codec) {
    if (tag != Tag.DATACLASS && tag != Tag.NAMEDTUPLE) throw codec.mismatch(tag);
    Wire.skip(in, Tag.STR);
    return Wire.readCount(in, 5);
  }

  /** Reads one field's value; a failure inside it names the field. */
  public static <T> T readField(Kryo kryo, Input in, ValueCodec<T> codec, String field) {
    try {
      return codec.read(kryo, in, null);
    } catch (MappingException e) {
      throw e.atField(field);
    }
  }

  /**
   * Checks that a field was present and not {@code None}, for record components that cannot be
   * {@code null} (primitives).
   */
  public static <T> T required(T value, String field, ValueCodec<?> record) {
    if (value == null) {
      throw new MappingException(
              "field '"
                  + field
                  + "' of "
                  + record.javaType()
                  + " is missing or None, which its primitive component cannot hold")
          .atField(field);
    }
    return value;
  }

  /** Writes the head of a dataclass value: the remote makes an instance of {@code type}. */
  public static void writeFields(Output out, String type, int fields) {
    out.writeByte(Tag.DATACLASS);
    Wire.writeStr(out, type);
    Wire.writeInt(out, fields);
  }

  /** Writes one field: its name and value. */
  public static <T> void writeField(
      Kryo kryo, Output out, String name, ValueCodec<T> codec, T value) {
    Wire.writeStr(out, name);
    codec.write(kryo, out, value);
  }

  /**
   * Reads an enum member whose tag was already read and returns its name; the member's value is
   * skipped, because members are matched by name.
   */
  public static String readMember(Input in, int tag, ValueCodec<?> codec) {
    if (tag != Tag.ENUM) throw codec.mismatch(tag);
    Wire.skip(in, Tag.STR);
    String name = Wire.readStr(in);
    Wire.skip(in);
    return name;
  }

  /** The failure for a member the Java enum does not have. */
  public static MappingException unknownMember(String member, ValueCodec<?> codec) {
    return new MappingException(
        "the Python enum member "
            + member
            + " has no constant in "
            + codec.javaType()
            + ": the Python source changed since the interface was compiled?");
  }

  /** Writes an enum member by name; the remote resolves it with {@code cls[member]}. */
  public static void writeMember(Kryo kryo, Output out, String type, String member) {
    Codecs.writeEnum(kryo, out, type, member, member);
  }

  /**
   * A codec that rejects {@code None}, for results declared as a Java primitive ({@code long},
   * {@code boolean}, …).
   */
  public static <T> ValueCodec<T> nonNull(ValueCodec<T> codec) {
    return new ValueCodec<>() {
      @Override
      public T decode(Kryo kryo, Input in, int tag) {
        if (tag == Tag.NONE) throw mismatch(tag);
        return codec.decode(kryo, in, tag);
      }

      @Override
      public void write(Kryo kryo, Output out, T value) {
        codec.write(kryo, out, value);
      }

      @Override
      public String javaType() {
        return codec.javaType();
      }
    };
  }

  private CodecSupport() {}
}
