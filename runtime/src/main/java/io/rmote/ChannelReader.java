package io.rmote;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import io.rmote.internal.wire.FrameKind;
import io.rmote.internal.wire.FrameReader;
import io.rmote.internal.wire.Wire;
import io.rmote.internal.wire.WireFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A connection's reader, on a thread of its own: the start-up handshake, then every frame the
 * remote sends, dispatched to the call it answers (or to the log, or to the connection's end). What
 * ends the reading is turned into the connection's failure: the end of the stream, a broken frame,
 * a FATAL from the remote. A caller spinning for its answer may read in its place, the frames that
 * are already there ({@link #readReady}, {@link Lead}).
 */
final class ChannelReader implements Runnable {
  private static final int ACCEPTED =
      FrameReader.kinds(
          FrameKind.RESULT, FrameKind.ERROR, FrameKind.LOG, FrameKind.QUIT, FrameKind.FATAL);

  private final Channel channel;
  private final Input in;
  private final OutputStream out;
  private final Startup startup;
  private final long maxMessage;
  private final Lead lead;
  private volatile FrameReader frames; // set once the handshake is over; used under the lead

  ChannelReader(
      Channel channel, Input in, OutputStream out, Startup startup, long maxMessage, Lead lead) {
    this.channel = channel;
    this.in = in;
    this.out = out;
    this.startup = startup;
    this.maxMessage = maxMessage;
    this.lead = lead;
  }

  @Override
  public void run() {
    try {
      if (!startup.handshake(in, out)) return;
      FrameReader frames = new FrameReader(in, maxMessage, ACCEPTED);
      this.frames = frames;
      while (true) {
        lead.awaitReaderTurn();
        lead.take();
        try {
          FrameReader.Message m = frames.next();
          if (m == null) break;
          dispatch(m);
        } finally {
          lead.release();
        }
      }
      channel.lost("the remote closed its output");
    } catch (ReadStopped e) {
      // the reason was already handed to whoever waits
    } catch (WireFormatException e) {
      channel.protocolError(e.getMessage(), e);
    } catch (EOFException e) {
      channel.lost("the remote's output ended in the middle of a frame");
    } catch (IOException e) {
      channel.lost("cannot read from the remote: " + e.getMessage());
    } catch (KryoException e) { // only the handshake reads bytes without the frame reader
      if (e.getCause() instanceof IOException)
        channel.lost("cannot read from the remote: " + e.getCause().getMessage());
      else if (String.valueOf(e.getMessage()).contains("underflow"))
        channel.lost("the remote's output ended in the middle of a frame");
      else channel.protocolError(e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      channel.protocolError("internal error while reading: " + e, e);
    }
  }

  /**
   * On a caller's thread, while it spins for its answer: if no one else reads, reads and dispatches
   * the frames already there, never blocking.
   *
   * @return whether it read anything
   */
  boolean readReady() {
    FrameReader f = frames;
    if (f == null || !lead.tryTake()) return false;
    boolean any = false;
    try {
      while (f.ready()) {
        dispatch(f.next());
        any = true;
      }
    } catch (ReadStopped e) {
      // the reason was already handed to whoever waits
    } catch (IOException e) {
      // the reader thread, which reads on, meets it too and says why
    } catch (WireFormatException e) {
      channel.protocolError(e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      channel.protocolError("internal error while reading: " + e, e);
    } finally {
      lead.release();
    }
    return any;
  }

  private void dispatch(FrameReader.Message m) {
    Input body = m.body();
    switch (m.kind()) {
      case FrameKind.RESULT:
      case FrameKind.ERROR:
        {
          PendingCall<?> call = channel.takePending(m.id());
          if (call == null) return;
          if (m.tooLarge()) {
            call.fail(new PayloadTooLargeException(maxMessage));
          } else if (m.kind() == FrameKind.RESULT) {
            call.complete(body);
          } else {
            call.completeWithError(body);
          }
          return;
        }
      case FrameKind.LOG:
        if (m.tooLarge())
          RemoteLogger.LOG.warn(
              "{}: dropped a LOG message over {} bytes", channel.name(), maxMessage);
        else RemoteLog.forward(channel, m.id(), body);
        return;
      case FrameKind.QUIT:
        channel.quitBy(m.id(), Wire.readInt(body));
        return;
      case FrameKind.FATAL:
        channel.protocolError(
            "the remote reported a protocol error: "
                + (m.tooLarge() ? "(too long)" : Wire.readStr(body)),
            null);
        throw new ReadStopped();
      default:
        throw new WireFormatException("unexpected frame " + FrameKind.describe(m.kind()));
    }
  }

  /** Ends the reader after a failure it already reported. */
  private static final class ReadStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReadStopped() {
      super(null, null, false, false);
    }
  }
}
