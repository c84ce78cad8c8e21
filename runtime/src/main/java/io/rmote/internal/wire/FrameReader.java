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
      throw streamFailure(e);
    }
  }

  /** Kryo's exception for a stream that failed or ended, as the IOException it stands for. */
  private static IOException streamFailure(KryoException e) {
    if (e.getCause() instanceof IOException) return (IOException) e.getCause();
    if (String.valueOf(e.getMessage()).contains("underflow")) {
      return new EOFException("the stream ended in the middle of a frame");
    }
    throw e;
  }

  /**
   * Whether {@link #next()} would return a message now without blocking: the next frame is whole in
   * the buffer or in the stream, ends its message, and no message is arriving in chunks. Always
   * {@code false} unless the stream is a {@link FrameInput}; a long frame is left to a reader that
   * may block.
   *
   * @throws IOException if the stream cannot be asked or read, or ends although it said it held
   *     more
   */
  public boolean ready() throws IOException {
    if (!(in instanceof FrameInput) || !partials.isEmpty()) return false;
    FrameInput f = (FrameInput) in;
    try {
      return readyFrame(f);
    } catch (KryoException e) { // a read that available() promised failed: as next() reports it
      throw streamFailure(e);
    }
  }

  private static boolean readyFrame(FrameInput f) throws IOException {
    if (!f.hasNow(FrameKind.HEADER_SIZE)) return false;
    if ((f.peek(5) & FrameKind.MORE) != 0) return false;
    long length =
        ((long) f.peek(0) << 24) | (f.peek(1) << 16) | (f.peek(2) << 8) | (long) f.peek(3);
    return length >= 6 && length <= 6 + FrameKind.MAX_FRAME_BODY && f.hasNow(4 + (int) length);
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
        partial.size += body;
        if (body >= 5) {
          start(partial, body);
          continue; // a first frame always has MORE: the message goes on
        }
        partial.chunks = new byte[0];
      } else {
        partial.size += body;
      }
      if (partial.whole != null) {
        if (partial.length + (long) body > partial.whole.length) {
          throw new WireFormatException("a message runs past the bytes value it consists of");
        }
        in.readBytes(partial.whole, partial.length, body);
        partial.length += body;
      } else if (partial.chunks != null
          && buffered + body <= maxMessage
          && partial.size <= maxMessage) {
        partial.append(in, body, maxMessage);
        buffered += body;
      } else {
        drop(partial);
        in.skip(body);
      }
      if (more) continue;
      partials.remove(key);
      return finish(partial, kind, id);
    }
  }

  /**
   * The first frame of a message that arrives in chunks: when the message is one bytes value (a
   * RESULT of {@code bytes}, the case where results are big), its array is allocated at its final
   * size now and every chunk is read straight into it, so an N-byte result costs N bytes of heap
   * and one copy from the stream, with no growing buffer and no copy when it is decoded.
   */
  private void start(Partial partial, int body) {
    byte[] header = new byte[5];
    in.readBytes(header, 0, 5);
    long n =
        ((header[1] & 0xFFL) << 24)
            | ((header[2] & 0xFF) << 16)
            | ((header[3] & 0xFF) << 8)
            | (header[4] & 0xFF);
    if (header[0] == Tag.BYTES
        && n >= body - 5
        && 5 + n <= maxMessage
        && buffered + n <= maxMessage) {
      partial.whole = new byte[(int) n];
      partial.header = header;
      buffered += n;
      in.readBytes(partial.whole, 0, body - 5);
      partial.length = body - 5;
      return;
    }
    // Any other message: the header read so far is its first five bytes.
    partial.chunks = header;
    partial.length = 5;
    buffered += 5;
    if (partial.size <= maxMessage && buffered + body - 5 <= maxMessage) {
      partial.append(in, body - 5, maxMessage);
      buffered += body - 5;
    } else {
      drop(partial);
      in.skip(body - 5);
    }
  }

  private Message finish(Partial partial, int kind, int id) {
    if (partial.whole != null) {
      buffered -= partial.whole.length;
      if (partial.length != partial.whole.length) {
        throw new WireFormatException("a message ended inside the bytes value it consists of");
      }
      return message.setWholeBytes(kind, id, partial.header, partial.whole);
    }
    if (partial.chunks == null) return message.set(kind, id, null, 0, true);
    buffered -= partial.length;
    return message.set(kind, id, partial.chunks, partial.length, false);
  }

  private byte[] readBody(int body) {
    if (buffer.length < body)
      buffer = new byte[(int) Math.min(Math.max(body, 2L * buffer.length), maxMessage)];
    in.readBytes(buffer, 0, body);
    return buffer;
  }

  private void drop(Partial partial) {
    if (partial.chunks != null) { // a whole bytes value is never dropped: its size was checked
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
    private final WholeBytesInput wholeBytes = new WholeBytesInput();
    private Input current = body;
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
      current = body;
      return this;
    }

    Message setWholeBytes(int kind, int id, byte[] header, byte[] value) {
      this.kind = kind;
      this.id = id;
      this.tooLarge = false;
      wholeBytes.set(header, value);
      current = wholeBytes;
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
      return current;
    }
  }

  /**
   * A message that arrives over several frames: in {@code whole} when it is one bytes value,
   * otherwise in {@code chunks}, which is {@code null} once the message is dropped.
   */
  private static final class Partial {
    byte[] chunks;
    byte[] whole;
    byte[] header;
    int length;
    long size;

    void append(Input in, int n, long max) {
      if (chunks.length < length + n) { // grows when the message is not one bytes value
        long grown = Math.min(Math.max((long) length + n, 2L * chunks.length), max);
        chunks = Arrays.copyOf(chunks, (int) grown);
      }
      in.readBytes(chunks, length, n);
      length += n;
    }
  }
}
