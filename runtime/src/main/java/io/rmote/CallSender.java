package io.rmote;

import com.esotericsoftware.kryo.io.Output;
import io.rmote.ToolDescriptor.ToolSource;
import io.rmote.internal.wire.CodecRegistry;
import io.rmote.internal.wire.FrameKind;
import io.rmote.internal.wire.FrameWriter;
import io.rmote.internal.wire.Wire;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes CALL frames for one connection, each preceded, the first time its tool is used, by the
 * SYNC frame that loads the tool's source under a module number of this connection.
 */
final class CallSender {
  private final FrameWriter writer;
  private final CodecRegistry codecs;
  private final Map<ToolSource, Integer> modules = new HashMap<>(); // guarded by the writer's lock

  CallSender(FrameWriter writer, CodecRegistry codecs) {
    this.writer = writer;
    this.codecs = codecs;
  }

  /** Sends a CALL whose body {@code o} holds, after the header, a placeholder module number. */
  void send(ToolSource source, int id, Output o) throws IOException {
    byte[] buf = o.getBuffer();
    writer.send(
        FrameKind.CALL,
        id,
        buf,
        o.position(),
        w -> {
          Integer module = modules.get(source);
          if (module == null) {
            module = modules.size() + 1;
            Output sync = codecs.newOutput(4096);
            sync.setPosition(FrameKind.HEADER_SIZE);
            Wire.writeInt(sync, module);
            Wire.writeStr(sync, source.name());
            Wire.writeStr(sync, source.text());
            w.writeFrameLocked(FrameKind.SYNC, 0, sync.getBuffer(), sync.position());
            modules.put(source, module);
          }
          int at = FrameKind.HEADER_SIZE;
          buf[at] = (byte) (module >>> 24);
          buf[at + 1] = (byte) (module >>> 16);
          buf[at + 2] = (byte) (module >>> 8);
          buf[at + 3] = (byte) (int) module;
        });
  }
}
