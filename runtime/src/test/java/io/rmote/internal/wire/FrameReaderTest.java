package io.rmote.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Input;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The frame layer alone: bytes in, messages or a clear exception out, no process behind it. */
class FrameReaderTest {
  static final int ANSWERS =
      FrameReader.kinds(FrameKind.RESULT, FrameKind.ERROR, FrameKind.LOG, FrameKind.FATAL);

  /** One frame's bytes: header then body. */
  static byte[] frame(int kind, int flags, int id, byte[] body) {
    byte[] f = new byte[FrameKind.HEADER_SIZE + body.length];
    FrameWriter.putHeader(f, 0, kind, flags, id, body.length);
    System.arraycopy(body, 0, f, FrameKind.HEADER_SIZE, body.length);
    return f;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }

  static FrameReader reader(byte[] stream, long maxMessage) {
    return new FrameReader(new Input(new ByteArrayInputStream(stream), 64), maxMessage, ANSWERS);
  }

  static byte[] bytes(FrameReader.Message m) {
    Input b = m.body();
    return Arrays.copyOfRange(b.getBuffer(), b.position(), b.limit());
  }

  @Test
  void readsOneFrameAndThenACleanEnd() throws IOException {
    FrameReader r = reader(frame(FrameKind.RESULT, 0, 7, new byte[] {1, 2, 3}), 1024);
    FrameReader.Message m = r.next();
    assertEquals(FrameKind.RESULT, m.kind());
    assertEquals(7, m.id());
    assertFalse(m.tooLarge());
    assertArrayEquals(new byte[] {1, 2, 3}, bytes(m));
    assertNull(r.next());
  }

  /**
   * A caller that must not block reads only a whole frame that ends its message: a frame cut short,
   * a frame with MORE and the frames after it until the message ends are left alone.
   */
  @Test
  void readyOnlyForAWholeFrameThatEndsItsMessage() throws IOException {
    byte[] whole = frame(FrameKind.RESULT, 0, 1, new byte[] {1, 2, 3});
    byte[] cut = Arrays.copyOf(whole, whole.length - 1);
    assertFalse(ready(cut).ready());
    assertFalse(ready(Arrays.copyOf(whole, 5)).ready());
    FrameReader r = ready(whole);
    assertTrue(r.ready());
    assertEquals(1, r.next().id());
    assertFalse(r.ready()); // the stream holds nothing more
    FrameReader chunked =
        ready(
            concat(
                frame(FrameKind.RESULT, FrameKind.MORE, 2, new byte[] {1}),
                frame(FrameKind.LOG, 0, 0, new byte[] {9}),
                frame(FrameKind.RESULT, 0, 2, new byte[] {2})));
    assertFalse(chunked.ready());
    assertFalse(reader(whole, 1024).ready()); // not a FrameInput: never without blocking
  }

  /**
   * A stream that says it holds bytes and then fails, or ends, while a caller asks whether a frame
   * is ready: the same IOException or EOFException that {@code next()} gives, not Kryo's exception
   * (which a caller's thread would report as an internal error instead of a lost connection).
   */
  @Test
  void readyReportsAFailingOrEndingStreamAsNextDoes() {
    IOException broken = new IOException("pipe broken");
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw broken;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            throw broken;
          }

          @Override
          public int available() {
            return 100;
          }
        };
    FrameReader r = new FrameReader(new FrameInput(failing, 1 << 16), 1024, ANSWERS);
    assertSame(broken, assertThrows(IOException.class, r::ready));
    InputStream ending =
        new InputStream() {
          @Override
          public int read() {
            return -1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            return -1;
          }

          @Override
          public int available() {
            return 100;
          }
        };
    FrameReader e = new FrameReader(new FrameInput(ending, 1 << 16), 1024, ANSWERS);
    assertThrows(EOFException.class, e::ready);
  }

  private static FrameReader ready(byte[] stream) {
    return new FrameReader(new FrameInput(new ByteArrayInputStream(stream), 64), 1024, ANSWERS);
  }

  @Test
  void reassemblesChunksWithOtherMessagesBetweenThem() throws IOException {
    byte[] stream =
        concat(
            frame(FrameKind.RESULT, FrameKind.MORE, 1, new byte[] {1, 2}),
            frame(FrameKind.LOG, 0, 0, new byte[] {9}),
            frame(FrameKind.RESULT, FrameKind.MORE, 1, new byte[] {3}),
            frame(FrameKind.ERROR, 0, 2, new byte[] {8}),
            frame(FrameKind.RESULT, 0, 1, new byte[] {4, 5}));
    FrameReader r = reader(stream, 1024);
    assertEquals(FrameKind.LOG, r.next().kind());
    assertEquals(FrameKind.ERROR, r.next().kind());
    FrameReader.Message m = r.next();
    assertEquals(1, m.id());
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, bytes(m));
    assertNull(r.next());
    assertEquals(0, r.bufferedBytes());
  }

  @Test
  void rejectsAHeaderAnnouncingGigabytesBeforeAllocating() {
    byte[] header = new byte[FrameKind.HEADER_SIZE];
    FrameWriter.putHeader(header, 0, FrameKind.RESULT, 0, 1, 3 << 30);
    FrameReader r = reader(header, 1L << 30);
    WireFormatException e = assertThrows(WireFormatException.class, r::next);
    assertTrue(e.getMessage().contains("out of bounds"), e.getMessage());
    assertTrue(r.bufferCapacity() <= 256);
  }

  @Test
  void aMessageOverTheLimitIsSkippedAndTheNextOneRead() throws IOException {
    byte[] stream =
        concat(
            frame(FrameKind.RESULT, FrameKind.MORE, 1, new byte[600]),
            frame(FrameKind.RESULT, 0, 1, new byte[600]),
            frame(FrameKind.RESULT, 0, 2, new byte[2000]),
            frame(FrameKind.RESULT, 0, 3, new byte[] {42}));
    FrameReader r = reader(stream, 1024);
    FrameReader.Message m = r.next();
    assertEquals(1, m.id());
    assertTrue(m.tooLarge());
    m = r.next();
    assertEquals(2, m.id());
    assertTrue(m.tooLarge());
    m = r.next();
    assertEquals(3, m.id());
    assertArrayEquals(new byte[] {42}, bytes(m));
    assertTrue(r.bufferCapacity() <= 1024);
  }

  @Test
  void aStreamCutInsideAFrameIsAnEndOfFile() {
    byte[] f = frame(FrameKind.RESULT, 0, 1, new byte[100]);
    assertThrows(EOFException.class, reader(Arrays.copyOf(f, 50), 1024)::next);
    assertThrows(EOFException.class, reader(Arrays.copyOf(f, 4), 1024)::next);
  }

  @Test
  void aStreamEndingInsideAChunkedMessageIsAProtocolError() throws IOException {
    FrameReader r = reader(frame(FrameKind.RESULT, FrameKind.MORE, 1, new byte[] {1}), 1024);
    WireFormatException e = assertThrows(WireFormatException.class, r::next);
    assertTrue(e.getMessage().contains("inside a message"), e.getMessage());
  }

  @Test
  void aKindThisSideNeverReceivesIsAProtocolError() {
    WireFormatException e =
        assertThrows(
            WireFormatException.class,
            reader(frame(FrameKind.CALL, 0, 1, new byte[0]), 1024)::next);
    assertTrue(e.getMessage().contains("CALL"), e.getMessage());
    assertThrows(WireFormatException.class, reader(frame(200, 0, 1, new byte[0]), 1024)::next);
  }

  @Test
  void aLengthShorterThanTheHeaderIsAProtocolError() {
    byte[] f = frame(FrameKind.RESULT, 0, 1, new byte[0]);
    f[3] = 5;
    assertThrows(WireFormatException.class, reader(f, 1024)::next);
  }

  @Test
  void theWriterCutsALongMessageIntoChunksThatTheReaderJoins() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    FrameWriter w = new FrameWriter(sink);
    byte[] message = new byte[FrameKind.HEADER_SIZE + FrameKind.CHUNK + 10];
    for (int i = FrameKind.HEADER_SIZE; i < message.length; i++) message[i] = (byte) i;
    w.send(FrameKind.RESULT, 5, message, message.length, null);
    byte[] wire = sink.toByteArray();
    assertEquals(FrameKind.MORE, wire[5]);
    FrameReader r = reader(wire, 16 << 20);
    FrameReader.Message m = r.next();
    assertEquals(5, m.id());
    assertArrayEquals(Arrays.copyOfRange(message, FrameKind.HEADER_SIZE, message.length), bytes(m));
    assertNull(r.next());
  }

  @Test
  void aPreludeWritesItsFrameFirstUnderTheLock() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    FrameWriter w = new FrameWriter(sink);
    byte[] call = new byte[FrameKind.HEADER_SIZE + 1];
    byte[] sync = new byte[FrameKind.HEADER_SIZE + 2];
    w.send(
        FrameKind.RESULT,
        1,
        call,
        call.length,
        lw -> lw.writeFrameLocked(FrameKind.LOG, 0, sync, sync.length));
    FrameReader r = reader(sink.toByteArray(), 1024);
    assertEquals(FrameKind.LOG, r.next().kind());
    assertEquals(FrameKind.RESULT, r.next().kind());
    assertThrows(
        IllegalStateException.class, () -> w.writeFrameLocked(FrameKind.LOG, 0, sync, sync.length));
  }

  /** A RESULT of one bytes value, cut into frames, as the remote sends a big {@code bytes}. */
  static byte[] chunkedBytes(int id, byte[] value, int chunk) {
    byte[] body = new byte[5 + value.length];
    body[0] = (byte) Tag.BYTES;
    body[1] = (byte) (value.length >>> 24);
    body[2] = (byte) (value.length >>> 16);
    body[3] = (byte) (value.length >>> 8);
    body[4] = (byte) value.length;
    System.arraycopy(value, 0, body, 5, value.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int at = 0; at < body.length; at += chunk) {
      int end = Math.min(body.length, at + chunk);
      out.writeBytes(
          frame(
              FrameKind.RESULT,
              end < body.length ? FrameKind.MORE : 0,
              id,
              Arrays.copyOfRange(body, at, end)));
    }
    return out.toByteArray();
  }

  @Test
  void aChunkedBytesValueIsReadIntoItsFinalArrayAndHandedOverUncopied() throws IOException {
    byte[] value = new byte[1000];
    new java.util.Random(3).nextBytes(value);
    FrameReader r =
        reader(
            concat(
                chunkedBytes(4, value, 64),
                frame(FrameKind.LOG, 0, 0, new byte[] {9}),
                chunkedBytes(5, new byte[0], 3)),
            4096);
    FrameReader.Message m = r.next();
    assertEquals(4, m.id());
    Input body = m.body();
    assertEquals(Tag.BYTES, Wire.readU8(body));
    byte[] decoded = Wire.readBytes(body);
    assertArrayEquals(value, decoded);
    assertEquals(body.limit(), body.position(), "nothing left to read");
    assertEquals(FrameKind.LOG, r.next().kind());
    FrameReader.Message empty = r.next();
    assertEquals(5, empty.id());
    assertArrayEquals(new byte[0], io.rmote.wire.Codecs.BYTES.read(null, empty.body(), null));
    assertNull(r.next());
    assertEquals(0, r.bufferedBytes());
  }

  @Test
  void aBytesValueThatDisagreesWithItsFramesIsAProtocolError() {
    byte[] stream = chunkedBytes(1, new byte[100], 40);
    // The announced length says 100, the frames carry 99 then end.
    byte[] shorter = concat(Arrays.copyOf(stream, stream.length - FrameKind.HEADER_SIZE - 25));
    byte[] last = frame(FrameKind.RESULT, 0, 1, new byte[24]);
    WireFormatException e =
        assertThrows(WireFormatException.class, () -> reader(concat(shorter, last), 4096).next());
    assertTrue(e.getMessage().contains("ended inside the bytes value"), e.getMessage());
    byte[] longer =
        concat(
            Arrays.copyOf(stream, stream.length - FrameKind.HEADER_SIZE - 25),
            frame(FrameKind.RESULT, 0, 1, new byte[26]));
    e = assertThrows(WireFormatException.class, () -> reader(longer, 4096).next());
    assertTrue(e.getMessage().contains("runs past the bytes value"), e.getMessage());
  }

  @Test
  void aChunkedBytesValueOverTheLimitIsSkippedLikeAnyOther() throws IOException {
    FrameReader r =
        reader(concat(chunkedBytes(1, new byte[500], 64), chunkedBytes(2, new byte[50], 8)), 400);
    FrameReader.Message big = r.next();
    assertEquals(1, big.id());
    assertTrue(big.tooLarge());
    FrameReader.Message small = r.next();
    assertEquals(2, small.id());
    assertFalse(small.tooLarge());
    assertEquals(0, r.bufferedBytes());
  }
}
