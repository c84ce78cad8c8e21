package io.rmote;

import com.esotericsoftware.kryo.io.Output;
import io.rmote.ToolDescriptor.ToolSource;
import io.rmote.internal.wire.CallArguments;
import io.rmote.internal.wire.CodecRegistry;
import io.rmote.internal.wire.FrameKind;
import io.rmote.internal.wire.FrameWriter;
import io.rmote.internal.wire.Wire;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Encodes and writes CALL frames for one connection, each preceded, the first time its tool is
 * used, by the SYNC frame that loads the tool's source under a module number of this connection,
 * and before that by a SYNC (module 0) for each support module the source imports that this
 * connection has not received yet.
 *
 * <p>A small call may be <em>deferred</em>: gathered, and written by a worker of the connection's
 * scheduler once per burst, together with every call gathered until it runs, instead of by its
 * sender, one {@code write} each. So a thread that submits many calls in a row writes none but the
 * first itself, and the remote reads each burst with one read. Only a call of a tool already
 * loaded, sent by the thread that sent the connection's previous call without having waited for a
 * call since (a pipeline: a blocking caller waits between its calls), with more than {@link
 * #DEFER_BEHIND} other calls under way, is deferred; a thread about to wait writes what is deferred
 * itself ({@link #aboutToWait()}). The worker never reads, so it cannot deadlock with the reader on
 * a remote that writes while it does not read.
 */
final class CallSender {
  /**
   * How many other calls must be under way for a call to be deferred: enough work queued on the
   * remote (a trivial call takes it 15 to 25 µs) to cover a worker's wake-up (5 to 50 µs), so the
   * deferred call is not answered later for it.
   */
  static final int DEFER_BEHIND = 4;

  private final FrameWriter writer;
  private final CodecRegistry codecs;
  private final Executor workers;
  // Put under the writer's lock once the module's SYNC is in the stream; read without it by the
  // senders of later calls.
  private final Map<ToolSource, Integer> modules = new ConcurrentHashMap<>();
  private final Set<String> supportSent = new HashSet<>(); // by name; under the writer's lock
  // The id of the thread that sent last, until it waits (0: none): the same thread sending again
  // is a pipeline. An id, not the thread, so that a thread that has ended is not kept.
  private volatile long lastSender;
  // Set by the sender that gathers a burst's first deferred call, cleared by the worker before
  // it writes: a call gathered after the clear asks for a worker of its own.
  private final AtomicBoolean flushDue = new AtomicBoolean();

  /**
   * @param workers runs the writes of deferred calls; a failed one is told to {@code writer}'s
   *     listener
   */
  CallSender(FrameWriter writer, CodecRegistry codecs, Executor workers) {
    this.writer = writer;
    this.codecs = codecs;
    this.workers = workers;
  }

  /**
   * The body of a CALL of {@code tool.method} in this thread's reusable output, after room for the
   * frame header, with a placeholder module number that {@link #send} fills in.
   *
   * @throws MappingException if an argument cannot be encoded
   */
  Output encode(ToolDescriptor tool, String method, CallArguments arguments) {
    Output o = codecs.threadOutput(FrameKind.HEADER_SIZE);
    try {
      Wire.writeInt(o, 0);
      Wire.writeStr(o, tool.className());
      Wire.writeStr(o, method);
      CallArguments.write(arguments, o);
      return o;
    } catch (MappingException e) {
      throw e;
    } catch (StackOverflowError e) {
      throw new MappingException("an argument is nested too deeply to encode", e);
    } catch (RuntimeException e) { // a registered codec's own exception
      throw new MappingException("cannot encode the arguments: " + e, e);
    }
  }

  /**
   * Sends a CALL whose body {@code o} holds, after the header, a placeholder module number; waits
   * at most {@code lockWaitNanos} for the stream (see {@link FrameWriter#send}). With {@code
   * othersUnderWay} over {@link #DEFER_BEHIND}, a small call of a tool already loaded, from a
   * pipeline, is deferred (see above).
   *
   * @return whether the call was written or gathered; {@code false} if the stream stayed taken for
   *     the whole wait, and nothing of it was written
   */
  boolean send(ToolSource source, int id, Output o, long lockWaitNanos, int othersUnderWay)
      throws IOException {
    byte[] buf = o.getBuffer();
    long me = Thread.currentThread().getId();
    boolean mayDefer = lastSender == me && othersUnderWay > DEFER_BEHIND;
    if (!mayDefer) lastSender = me;
    Integer known = modules.get(source);
    if (known != null) {
      // The tool's SYNC is in the stream already: no prelude, so a small CALL can be gathered.
      putModule(buf, known);
      if (mayDefer && writer.gatherOnly(FrameKind.CALL, id, buf, o.position())) {
        if (flushDue.compareAndSet(false, true)) {
          try {
            workers.execute(this::flushBurst);
          } catch (RuntimeException | Error e) { // a thread factory that made no thread
            flushDue.set(false);
            writer.flushGathered();
          }
        }
        return true;
      }
      return writer.send(FrameKind.CALL, id, buf, o.position(), null, lockWaitNanos);
    }
    return writer.send(
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

  private void flushBurst() {
    flushDue.set(false);
    flushDeferred();
  }

  /**
   * For a thread about to wait for a call: it is no pipeline now, and if it sent last, it writes
   * the deferred calls itself (unless another writes them), so that it does not wait for the worker
   * too. If another thread sent since, that send wrote them or left them to the writer. A thread
   * that deferred nothing writes nothing here: a wait must not become a write to a remote that has
   * stopped reading.
   */
  void aboutToWait() {
    if (lastSender == Thread.currentThread().getId()) {
      lastSender = 0;
      flushDeferred();
    }
  }

  private void flushDeferred() {
    if (writer.hasGathered()) writer.flushGathered();
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
