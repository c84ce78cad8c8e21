package io.rmote;

import com.esotericsoftware.kryo.io.Output;
import io.rmote.ToolDescriptor.ToolSource;
import io.rmote.internal.wire.CodecRegistry;
import io.rmote.internal.wire.FrameKind;
import io.rmote.internal.wire.FrameWriter;
import io.rmote.internal.wire.Wire;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes CALL frames for one connection, each preceded, the first time its tool is used, by the
 * SYNC frame that loads the tool's source under a module number of this connection, and before that
 * by a SYNC (module 0) for each support module the source imports that this connection has not
 * received yet.
 */
final class CallSender {
  private final FrameWriter writer;
  private final CodecRegistry codecs;
  // Put under the writer's lock once the module's SYNC is in the stream; read without it by the
  // senders of later calls.
  private final Map<ToolSource, Integer> modules = new ConcurrentHashMap<>();
  private final Set<String> supportSent = new HashSet<>(); // by name; under the writer's lock

  CallSender(FrameWriter writer, CodecRegistry codecs) {
    this.writer = writer;
    this.codecs = codecs;
  }

  /**
   * Sends a CALL whose body {@code o} holds, after the header, a placeholder module number; waits
   * at most {@code lockWaitNanos} for the stream (see {@link FrameWriter#send}).
   */
  void send(ToolSource source, int id, Output o, long lockWaitNanos) throws IOException {
    byte[] buf = o.getBuffer();
    Integer known = modules.get(source);
    if (known != null) {
      // The tool's SYNC is in the stream already: no prelude, so a small CALL can be gathered.
      putModule(buf, known);
      writer.send(FrameKind.CALL, id, buf, o.position(), null, lockWaitNanos);
      return;
    }
    writer.send(
        FrameKind.CALL,
        id,
        buf,
        o.position(),
        w -> {
          Integer module = modules.get(source);
          if (module == null) {
            for (ToolSource support : source.support()) {
              if (supportSent.add(support.name())) sync(w, 0, support);
            }
            module = modules.size() + 1;
            sync(w, module, source);
            modules.put(source, module);
          }
          putModule(buf, module);
        },
        lockWaitNanos);
  }

  private static void putModule(byte[] buf, int module) {
    int at = FrameKind.HEADER_SIZE;
    buf[at] = (byte) (module >>> 24);
    buf[at + 1] = (byte) (module >>> 16);
    buf[at + 2] = (byte) (module >>> 8);
    buf[at + 3] = (byte) module;
  }

  private void sync(FrameWriter w, int module, ToolSource source) throws IOException {
    Output sync = codecs.newOutput(4096);
    sync.setPosition(FrameKind.HEADER_SIZE);
    Wire.writeInt(sync, module);
    Wire.writeStr(sync, source.name());
    Wire.writeStr(sync, source.text());
    w.writeFrameLocked(FrameKind.SYNC, 0, sync.getBuffer(), sync.position());
  }
}
