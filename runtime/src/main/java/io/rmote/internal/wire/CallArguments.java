package io.rmote.internal.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import io.rmote.wire.Codecs;
import io.rmote.wire.ValueCodec;
import java.util.List;
import java.util.Map;

/**
 * A call's arguments, written straight into its {@code CALL} frame: the positional tuple, then the
 * keyword dict (see {@code docs/wire-format.md}). A generated proxy implements it with the codec of
 * each parameter, known at compile time, so a record argument needs no registration and nothing is
 * looked up by class. The dynamic API uses {@link #of(List, Map)}, which maps each value by its
 * run-time class. For generated code; not meant for hand-written calls.
 */
@FunctionalInterface
public interface CallArguments {

  /** No arguments at all. */
  CallArguments NONE = w -> {};

  /**
   * Writes the arguments in order: every positional one, then every keyword one. Called once, on
   * the calling thread, before the call is sent.
   */
  void writeTo(Writer w);

  /** Values mapped by their run-time class, as the dynamic API ({@code Remote.call}) takes them. */
  static CallArguments of(List<?> args, Map<String, ?> kwargs) {
    if (args.isEmpty() && kwargs.isEmpty()) return NONE;
    return w -> {
      for (Object a : args) w.positional(Codecs.ANY, a);
      for (Map.Entry<String, ?> e : kwargs.entrySet())
        w.keyword(e.getKey(), Codecs.ANY, e.getValue());
    };
  }

  /**
   * Writes {@code arguments} at the output's position: a tuple and a dict, whose counts are filled
   * in once the arguments are written, so that an argument left out costs nothing.
   *
   * @throws io.rmote.MappingException if an argument has no wire mapping
   */
  static void write(CallArguments arguments, Output out) {
    // No Kryo instance exists on the call path (see CodecRegistry): codecs are handed null.
    Writer w = new Writer(null, out);
    arguments.writeTo(w);
    w.finish();
  }

  /** Where the arguments go; the counts of the tuple and the dict are kept as they are written. */
  final class Writer {
    private final Kryo kryo;
    private final Output out;
    private int countAt;
    private int count;
    private boolean keywords;

    private Writer(Kryo kryo, Output out) {
      this.kryo = kryo;
      this.out = out;
      open(Tag.TUPLE);
    }

    /** The next positional argument. */
    public <T> void positional(ValueCodec<T> codec, T value) {
      if (keywords) throw new IllegalStateException("a positional argument after a keyword one");
      codec.write(kryo, out, value);
      count++;
    }

    /** A keyword argument; every positional one comes first. */
    public <T> void keyword(String name, ValueCodec<T> codec, T value) {
      if (!keywords) {
        keywords = true;
        close();
        open(Tag.DICT);
      }
      out.writeByte(Tag.STR);
      Wire.writeStr(out, name);
      codec.write(kryo, out, value);
      count++;
    }

    private void finish() {
      if (!keywords) {
        close();
        open(Tag.DICT);
      }
      close();
    }

    private void open(int tag) {
      out.writeByte(tag);
      countAt = out.position();
      Wire.writeInt(out, 0);
      count = 0;
    }

    /**
     * Fills in the count of the tuple or dict just written (a big-endian u32, like {@link
     * Wire#writeInt}).
     */
    private void close() {
      byte[] b = out.getBuffer();
      b[countAt] = (byte) (count >>> 24);
      b[countAt + 1] = (byte) (count >>> 16);
      b[countAt + 2] = (byte) (count >>> 8);
      b[countAt + 3] = (byte) count;
    }
  }
}
