package io.rmote.internal.wire;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads whole messages from a stream of frames: checks each header, reassembles messages sent in
 * chunks ({@link FrameKind#MORE}) and enforces the size limits, with no process behind it.
 *
 * <p>Memory stays bounded whatever the bytes say: a header announcing more than {@link
 * FrameKind#MAX_FRAME_BODY} is rejected before anything is allocated, a single frame is read into
 * one buffer that is reused, and the chunks of unfinished messages together never hold more than
 * {@code maxMessage} bytes; past that a message is skipped and reported as {@linkplain
 * Message#tooLarge() too large}. Not thread-safe: one reader thread owns it.
 */
public final class FrameReader {
  private final Input in;
  private final long maxMessage;
  private final int acceptedKinds;
  private final Map<Long, Partial> partials = new HashMap<>();
  private final Message message = new Message();
  private byte[] buffer = new byte[256];
  private long buffered; // bytes held by partials

  /**
   * @param in the stream, already past anything that is not frames
   * @param maxMessage the largest message accepted, in bytes
   * @param acceptedKinds the frame kinds this side may receive, as a bit per kind ({@code 1 <<
   *     kind})
   */
  public FrameReader(Input in, long maxMessage, int acceptedKinds) {
    this.in = in;
    this.maxMessage = Math.min(maxMessage, Integer.MAX_VALUE - 8);
    this.acceptedKinds = acceptedKinds;
  }

  /** A bit set of frame kinds for {@link #FrameReader}. */
  public static int kinds(int... kinds) {
    int bits = 0;
    for (int k : kinds) bits |= 1 << k;
    return bits;
  }

  /**
   * The next whole message, or {@code null} when the stream ends cleanly between messages. The
   * returned view and its body are valid until the next call.
   *
   * @throws WireFormatException if the bytes break the frame format
   * @throws EOFException if the stream ends inside a frame or inside a chunked message
   * @throws IOException if the stream cannot be read
   */
  public Message next() throws IOException {
    try {
      return read();
    } catch (KryoException e) {
      if (e.getCause() instanceof IOException) throw (IOException) e.getCause();
      if (String.valueOf(e.getMessage()).contains("underflow")) {
        throw new EOFException("the stream ended in the middle of a frame");
      }
      throw e;
    }
  }

  private Message read() {
    while (true) {
      if (in.end()) {
        if (!partials.isEmpty()) throw new WireFormatException("the stream ended inside a message");
        return null;
      }
      int length = Wire.readInt(in);
      if (length < 6 || length > 6 + FrameKind.MAX_FRAME_BODY) {
        throw new WireFormatException(
            "frame length " + Integer.toUnsignedString(length) + " is out of bounds");
      }
      int kind = Wire.readU8(in);
      int flags = Wire.readU8(in);
      int id = Wire.readInt(in);
      int body = length - 6;
      if (kind >= 32 || (acceptedKinds & (1 << kind)) == 0) {
        throw new WireFormatException("unexpected frame " + FrameKind.describe(kind));
      }
      boolean more = (flags & FrameKind.MORE) != 0;
      long key = ((long) kind << 32) | (id & 0xFFFFFFFFL);
      Partial partial = partials.get(key);
      if (partial == null && !more) {
        if (body > maxMessage) {
          in.skip(body);
          return message.set(kind, id, null, 0, true);
        }
        return message.set(kind, id, readBody(body), body, false);
      }
      if (partial == null) {
        partial = new Partial();
        partials.put(key, partial);
      }
      partial.size += body;
      if (partial.chunks != null && buffered + body <= maxMessage && partial.size <= maxMessage) {
        partial.append(in, body, maxMessage);
        buffered += body;
      } else {
        drop(partial);
        in.skip(body);
      }
      if (more) continue;
      partials.remove(key);
      if (partial.chunks == null) return message.set(kind, id, null, 0, true);
      buffered -= partial.length;
      return message.set(kind, id, partial.chunks, partial.length, false);
    }
  }

  private byte[] readBody(int body) {
    if (buffer.length < body)
      buffer = new byte[(int) Math.min(Math.max(body, 2L * buffer.length), maxMessage)];
    in.readBytes(buffer, 0, body);
    return buffer;
  }

  private void drop(Partial partial) {
    if (partial.chunks != null) {
      buffered -= partial.length;
      partial.chunks = null;
      partial.length = 0;
    }
  }

  /** Bytes held by messages still arriving in chunks; for tests of the memory bound. */
  long bufferedBytes() {
    return buffered;
  }

  /** The capacity of the reused single-frame buffer; for tests of the memory bound. */
  int bufferCapacity() {
    return buffer.length;
  }

  /** One message read by {@link FrameReader#next()}; a view that the next read overwrites. */
  public static final class Message {
    private final Input body = new Input();
    private int kind;
    private int id;
    private boolean tooLarge;

    private Message() {}

    Message set(int kind, int id, byte[] bytes, int length, boolean tooLarge) {
      this.kind = kind;
      this.id = id;
      this.tooLarge = tooLarge;
      if (bytes != null) body.setBuffer(bytes, 0, length);
      else body.setBuffer(new byte[0]);
      return this;
    }

    /** The frame kind, one of {@link FrameKind}'s constants. */
    public int kind() {
      return kind;
    }

    /** The packet id the message answers. */
    public int id() {
      return id;
    }

    /** Whether the message exceeded the size limit and was skipped; its body is then empty. */
    public boolean tooLarge() {
      return tooLarge;
    }

    /** The message's bytes, positioned at its start and limited to its end. */
    public Input body() {
      return body;
    }
  }

  /** A message that arrives over several frames; {@code chunks == null} once it is dropped. */
  private static final class Partial {
    byte[] chunks = new byte[0];
    int length;
    long size;

    void append(Input in, int n, long max) {
      if (chunks.length < length + n) {
        long grown = Math.min(Math.max((long) length + n, 2L * chunks.length), max);
        chunks = Arrays.copyOf(chunks, (int) grown);
      }
      in.readBytes(chunks, length, n);
      length += n;
    }
  }
}
