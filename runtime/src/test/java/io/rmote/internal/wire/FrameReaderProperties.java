package io.rmote.internal.wire;

import static io.rmote.internal.wire.FrameReaderTest.bytes;
import static io.rmote.internal.wire.FrameReaderTest.frame;
import static io.rmote.internal.wire.FrameReaderTest.reader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzing of the frame reader: whatever the bytes, it returns messages, ends cleanly or throws
 * {@link WireFormatException} or {@link EOFException}, always in bounded time (every read consumes
 * input), and never holds more than the message limit. Seeded, so the suite is the same on every
 * run.
 */
class FrameReaderProperties {
  private static final int LIMIT = 1024;

  @Property(tries = 300, seed = "20261130")
  void randomBytesNeverBreakTheReader(@ForAll @Size(max = 3000) byte[] stream) {
    drain(stream);
  }

  @Property(tries = 300, seed = "20261130")
  void chunkedMessagesComeBackWhole(
      @ForAll("messages") List<byte[]> messages, @ForAll @IntRange(min = 1, max = 50) int chunk)
      throws IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    for (int id = 0; id < messages.size(); id++)
      wire.writeBytes(chunked(messages.get(id), id + 1, chunk));
    FrameReader r = reader(wire.toByteArray(), LIMIT);
    for (int id = 0; id < messages.size(); id++) {
      FrameReader.Message m = r.next();
      assertEquals(id + 1, m.id());
      assertArrayEquals(messages.get(id), bytes(m));
    }
    assertNull(r.next());
  }

  @Property(tries = 500, seed = "20261130")
  void mutatedOrTruncatedStreamsFailCleanly(
      @ForAll("messages") List<byte[]> messages,
      @ForAll @IntRange(min = 1, max = 40) int chunk,
      @ForAll("mutations") List<int[]> mutations,
      @ForAll @IntRange(min = 0, max = 100) int keepPercent) {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    for (int id = 0; id < messages.size(); id++)
      wire.writeBytes(chunked(messages.get(id), id + 1, chunk));
    byte[] stream = wire.toByteArray();
    for (int[] m : mutations) {
      if (stream.length > 0) stream[m[0] % stream.length] = (byte) m[1];
    }
    drain(Arrays.copyOf(stream, stream.length * keepPercent / 100));
  }

  @Provide
  Arbitrary<List<byte[]>> messages() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(300).list().ofMaxSize(6);
  }

  @Provide
  Arbitrary<List<int[]>> mutations() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 1 << 20), Arbitraries.integers().between(0, 255))
        .as((at, value) -> new int[] {at, value})
        .list()
        .ofMaxSize(4);
  }

  private static byte[] chunked(byte[] message, int id, int chunk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int p = 0;
    do {
      int n = Math.min(chunk, message.length - p);
      boolean last = p + n == message.length;
      out.writeBytes(
          frame(
              FrameKind.RESULT,
              last ? 0 : FrameKind.MORE,
              id,
              Arrays.copyOfRange(message, p, p + n)));
      p += n;
    } while (p < message.length);
    return out.toByteArray();
  }

  /** Reads until the end or a clean rejection, checking the memory bound after each message. */
  private static void drain(byte[] stream) {
    FrameReader r = reader(stream, LIMIT);
    List<Integer> sizes = new ArrayList<>();
    try {
      for (int i = 0; i <= stream.length; i++) { // each message takes at least one header's bytes
        FrameReader.Message m = r.next();
        assertTrue(r.bufferCapacity() <= LIMIT && r.bufferedBytes() <= LIMIT);
        if (m == null) return;
        sizes.add(m.body().limit() - m.body().position());
      }
      throw new AssertionError("the reader did not stop after " + sizes.size() + " messages");
    } catch (WireFormatException | EOFException e) {
      assertTrue(r.bufferCapacity() <= LIMIT && r.bufferedBytes() <= LIMIT);
      assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
    } catch (IOException e) {
      throw new AssertionError("a byte array cannot fail to read", e);
    }
  }
}
