package io.rmote.internal.wire;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Primitive reads and writes of the wire format over Kryo's {@link Input} and {@link Output}.
 *
 * <p>The wire is big-endian (network order, and one {@code struct} call in Python) while Kryo's
 * fixed-width methods are little-endian, so each int goes through a byte swap, which the JIT turns
 * into a single instruction. Text is UTF-8 with a byte length, lone surrogates passed through as
 * Python's {@code surrogatepass} does ({@link SurrogatePass}): Kryo's own {@code writeString}
 * counts UTF-16 units and is never used.
 */
public final class Wire {

  public static int readInt(Input in) {
    return Integer.reverseBytes(in.readInt());
  }

  public static long readLong(Input in) {
    return Long.reverseBytes(in.readLong());
  }

  public static int readU8(Input in) {
    return in.readByte() & 0xFF;
  }

  public static void writeInt(Output out, int value) {
    out.writeInt(Integer.reverseBytes(value));
  }

  public static void writeLong(Output out, long value) {
    out.writeLong(Long.reverseBytes(value));
  }

  /**
   * Reads a u32 count or length and checks that at least {@code count * minBytesEach} bytes follow.
   */
  public static int readCount(Input in, int minBytesEach) {
    int n = readInt(in);
    int left = in.limit() - in.position();
    if (n < 0 || (long) n * minBytesEach > left) {
      throw new WireFormatException(
          "length "
              + Integer.toUnsignedString(n)
              + " exceeds the "
              + left
              + " bytes left in the message");
    }
    return n;
  }

  public static String readStr(Input in) {
    int n = readCount(in, 1);
    int p = in.position();
    String s = SurrogatePass.decode(in.getBuffer(), p, n);
    in.setPosition(p + n);
    return s;
  }

  /**
   * A path's text as a {@link java.nio.file.Path}. A remote name holding bytes that are not UTF-8
   * (a lone surrogate here) has no {@code Path} in a JVM whose {@code sun.jnu.encoding} is UTF-8,
   * so that fails with a message that says to take the value as {@code String}, which keeps it.
   */
  public static java.nio.file.Path readPath(Input in) {
    String s = readStr(in);
    try {
      return java.nio.file.Path.of(s);
    } catch (java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException(
          "the remote path "
              + s
              + " holds bytes that are not UTF-8, which java.nio.file.Path cannot carry on this"
              + " JVM; declare it as String, which names the same file when handed back",
          e);
    }
  }

  public static void writeStr(Output out, String s) {
    byte[] b = SurrogatePass.encode(s);
    writeInt(out, b.length);
    out.writeBytes(b);
  }

  public static byte[] readBytes(Input in) {
    if (in instanceof WholeBytesInput) {
      byte[] whole = ((WholeBytesInput) in).take();
      if (whole != null) return whole;
    }
    return in.readBytes(readCount(in, 1));
  }

  public static void writeBytes(Output out, byte[] b) {
    writeInt(out, b.length);
    out.writeBytes(b);
  }

  /** Skips one whole value, whatever it is. */
  public static void skip(Input in) {
    skip(in, readU8(in));
  }

  /** Skips the rest of a value whose tag was already read. */
  public static void skip(Input in, int tag) {
    if (tag == Tag.BYTES && in instanceof WholeBytesInput) {
      if (((WholeBytesInput) in).take() != null) return;
    }
    switch (tag) {
      case Tag.NONE:
      case Tag.FALSE:
      case Tag.TRUE:
        return;
      case Tag.INT32:
        in.skip(4);
        return;
      case Tag.INT64:
      case Tag.FLOAT:
        in.skip(8);
        return;
      case Tag.BIGINT:
      case Tag.STR:
      case Tag.BYTES:
      case Tag.PATH:
      case Tag.TEMPLATE:
        in.skip(readCount(in, 1));
        return;
      case Tag.LIST:
      case Tag.TUPLE:
      case Tag.SET:
        for (int i = readCount(in, 1); i > 0; i--) skip(in);
        return;
      case Tag.DICT:
        for (int i = readCount(in, 2); i > 0; i--) {
          skip(in);
          skip(in);
        }
        return;
      case Tag.DATACLASS:
      case Tag.NAMEDTUPLE:
        in.skip(readCount(in, 1));
        for (int i = readCount(in, 5); i > 0; i--) {
          in.skip(readCount(in, 1));
          skip(in);
        }
        return;
      case Tag.ENUM:
        in.skip(readCount(in, 1));
        in.skip(readCount(in, 1));
        skip(in);
        return;
      case Tag.DATETIME:
        in.skip(4 + 5 + 4);
        if (readU8(in) != 0) in.skip(4);
        return;
      case Tag.DATE:
        in.skip(6);
        return;
      case Tag.TIME:
        in.skip(3 + 4);
        if (readU8(in) != 0) in.skip(4);
        return;
      case Tag.TIMEDELTA:
        in.skip(16);
        return;
      case Tag.COMPLETED_PROCESS:
        for (int i = 0; i < 4; i++) skip(in);
        return;
      case Tag.EXCEPTION:
        for (int i = readCount(in, 4); i > 0; i--) in.skip(readCount(in, 1));
        skip(in);
        in.skip(readCount(in, 1));
        in.skip(readCount(in, 1));
        skip(in);
        skip(in);
        return;
      case Tag.OPAQUE:
        in.skip(readCount(in, 1));
        in.skip(readCount(in, 1));
        return;
      default:
        throw new WireFormatException(Tag.describe(tag));
    }
  }

  private Wire() {}
}
