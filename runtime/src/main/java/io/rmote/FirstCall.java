package io.rmote;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.rmote.internal.wire.CallArguments;
import io.rmote.internal.wire.CodecRegistry;
import io.rmote.internal.wire.FrameKind;
import io.rmote.internal.wire.Tag;
import io.rmote.internal.wire.Wire;
import io.rmote.wire.Codecs;
import java.util.List;
import java.util.Map;

/**
 * Loads and initialises the classes a connection's first call needs, on the connecting thread while
 * the interpreter starts. In a fresh JVM that work (class loading, {@link Codecs}' static
 * initialiser, interpreted cold code) otherwise runs after the ready line, adding to the
 * interpreter's start instead of overlapping it on another core. It encodes and decodes into
 * buffers of its own that nothing else sees: no effect on the connection.
 */
final class FirstCall {
  /**
   * Set once a connection of this JVM has prepared: the classes stay loaded for every later one.
   */
  private static volatile boolean prepared;

  /**
   * Encodes a call with one argument and decodes a {@code None} answer, both thrown away; once per
   * JVM, since what it loads and initialises stays so.
   */
  static void prepare(CodecRegistry codecs) {
    if (prepared) return;
    prepared = true;
    Output o = codecs.newOutput(64);
    o.setPosition(FrameKind.HEADER_SIZE);
    Wire.writeInt(o, 0);
    Wire.writeStr(o, "Tool");
    Wire.writeStr(o, "method");
    CallArguments.write(CallArguments.of(List.of("argument"), Map.of()), o);
    Codecs.VOID.read(null, new Input(new byte[] {(byte) Tag.NONE}), null);
    Codecs.ANY.read(null, new Input(new byte[] {(byte) Tag.NONE}), null);
  }

  private FirstCall() {}
}
