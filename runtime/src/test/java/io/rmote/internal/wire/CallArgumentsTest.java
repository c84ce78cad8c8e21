package io.rmote.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.esotericsoftware.kryo.io.Output;
import io.rmote.wire.Codecs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The arguments section of a CALL frame: a tuple, then a dict with str keys (docs/wire-format.md).
 * Generated code (typed codecs) and the dynamic API (values by class) write the same bytes.
 */
class CallArgumentsTest {

  private static byte[] written(CallArguments a) {
    Output out =
        new Output(16, -1); // small, so the buffer grows while the counts wait to be filled in
    out.writeByte(0x7f);
    CallArguments.write(a, out);
    return Arrays.copyOf(out.getBuffer(), out.position());
  }

  /** The section as it is defined: each count first, each value by its class. */
  private static byte[] byHand(List<?> args, Map<String, ?> kwargs) {
    Output o = new Output(16, -1);
    o.writeByte(0x7f);
    o.writeByte(Tag.TUPLE);
    Wire.writeInt(o, args.size());
    for (Object a : args) Codecs.writeAny(null, o, a);
    o.writeByte(Tag.DICT);
    Wire.writeInt(o, kwargs.size());
    for (Map.Entry<String, ?> e : kwargs.entrySet()) {
      o.writeByte(Tag.STR);
      Wire.writeStr(o, e.getKey());
      Codecs.writeAny(null, o, e.getValue());
    }
    return Arrays.copyOf(o.getBuffer(), o.position());
  }

  @Test
  void typedCodecsWriteWhatTheDynamicPathWrites() {
    List<Object> args =
        List.of("a long enough string to make the buffer grow", 42L, List.of("x", "y"));
    Map<String, Object> kwargs = new LinkedHashMap<>();
    kwargs.put("path", Path.of("/etc"));
    kwargs.put("n", 7);
    byte[] expected = byHand(args, kwargs);
    assertArrayEquals(expected, written(CallArguments.of(args, kwargs)));
    assertArrayEquals(
        expected,
        written(
            w -> {
              w.positional(Codecs.STRING, "a long enough string to make the buffer grow");
              w.positional(Codecs.LONG, 42L);
              w.positional(Codecs.list(Codecs.STRING), List.of("x", "y"));
              w.keyword("path", Codecs.PATH, Path.of("/etc"));
              w.keyword("n", Codecs.INTEGER, 7);
            }));
  }

  @Test
  void noArgumentsAndOnlyKeywords() {
    assertArrayEquals(byHand(List.of(), Map.of()), written(CallArguments.NONE));
    assertArrayEquals(
        byHand(List.of(), Map.of("k", "v")),
        written(w -> w.keyword("k", Codecs.optional(Codecs.STRING), Optional.of("v"))));
  }

  @Test
  void aPositionalArgumentAfterAKeywordOneIsABug() {
    assertThrows(
        IllegalStateException.class,
        () ->
            written(
                w -> {
                  w.keyword("k", Codecs.STRING, "v");
                  w.positional(Codecs.STRING, "late");
                }));
  }
}
