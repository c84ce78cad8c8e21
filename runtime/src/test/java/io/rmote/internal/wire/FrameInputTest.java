package io.rmote.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.KryoException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The frame stream's buffer follows the traffic: 4 KiB for small answers, up to the largest size
 * while a stream of bytes keeps it full, back to 4 KiB once it is empty and has not been filled for
 * a while, and the bytes read are the bytes sent whatever the resizing.
 */
class FrameInputTest {
  private static final int LARGEST = 64 << 10;
  private static final long DELAY = 20_000_000L;

  @Test
  void smallReadsKeepTheStartingBuffer() {
    FrameInput in = new FrameInput(new Trickle(pattern(100_000), 100), LARGEST);
    byte[] got = new byte[100_000];
    for (int at = 0; at < got.length; at += 50) in.readBytes(got, at, 50);
    assertArrayEquals(pattern(100_000), got);
    assertEquals(FrameInput.START, in.getBuffer().length);
  }

  /**
   * As the frame reader reads: {@code end()} before each frame. A pipe handing over one 30-byte
   * frame per read must not make the buffer look full as its free tail runs short.
   */
  @Test
  void aTrickleOfSmallFramesReadAsTheFrameReaderDoesKeepsTheStartingBuffer() {
    byte[] sent = pattern(30 * 10_000);
    FrameInput in = new FrameInput(new Trickle(sent, 30), LARGEST);
    byte[] got = new byte[sent.length];
    for (int at = 0; at < got.length; at += 30) {
      assertFalse(in.end());
      in.readInt();
      in.readBytes(got, at + 4, 26);
      System.arraycopy(sent, at, got, at, 4);
    }
    assertTrue(in.end());
    assertArrayEquals(sent, got);
    assertEquals(FrameInput.START, in.getBuffer().length);
  }

  @Test
  void aStreamThatKeepsTheBufferFullKeepsItPastTheShrinkDelay() {
    byte[] sent = pattern(4 << 20);
    Clock clock = new Clock();
    FrameInput in = new FrameInput(new ByteArrayInputStream(sent), LARGEST, DELAY, clock);
    byte[] got = new byte[sent.length];
    int at = 0;
    while (at < got.length) {
      int n = Math.min(1000, got.length - at);
      in.readBytes(got, at, n);
      at += n;
      // each buffer is read in about 4 ms, well within the delay, but the stream as a whole
      // lasts twelve delays
      clock.now += 60_000L;
      if (at > 1 << 20) assertEquals(LARGEST, in.getBuffer().length, "at byte " + at);
    }
    assertArrayEquals(sent, got);
    assertTrue(clock.now > 12 * DELAY);
  }

  @Test
  void aStreamReadSlowerThanTheDelayShrinksTheBufferWhenItEmpties() {
    byte[] sent = pattern(1 << 20);
    Clock clock = new Clock();
    FrameInput in = new FrameInput(new ByteArrayInputStream(sent), LARGEST, DELAY, clock);
    byte[] got = new byte[sent.length];
    readInPieces(in, got, 300_000);
    assertEquals(LARGEST, in.getBuffer().length);
    in.readBytes(got, 300_000, in.limit() - in.position() - 10);
    clock.now += DELAY; // the last fill was a whole delay ago, but 10 bytes are still buffered
    in.readBytes(got, (int) in.total(), 10);
    assertEquals(LARGEST, in.getBuffer().length);
    in.readBytes(got, (int) in.total(), 10); // empty now: it shrinks first
    assertEquals(FrameInput.START, in.getBuffer().length);
    int done = (int) in.total();
    in.readBytes(got, done, sent.length - done);
    assertArrayEquals(sent, got);
  }

  @Test
  void anIdleReaderShrinksTheBufferBeforeItWaits() {
    byte[] sent = pattern(300_000);
    byte[] got = new byte[sent.length];
    FrameInput in = grownThenEmptiedPastTheDelay(sent, got, 200_000);
    assertFalse(in.end()); // the reader asks for the next frame: the buffer shrinks first
    assertEquals(FrameInput.START, in.getBuffer().length);
    int from = (int) in.total();
    in.readBytes(got, from, sent.length - from);
    assertArrayEquals(sent, got);
  }

  @Test
  void aStreamThatKeepsTheBufferFullGrowsItToTheLargestSize() {
    byte[] sent = pattern(1 << 20);
    FrameInput in = new FrameInput(new ByteArrayInputStream(sent), LARGEST);
    byte[] got = new byte[sent.length];
    readInPieces(in, got, got.length);
    assertArrayEquals(sent, got);
    assertEquals(LARGEST, in.getBuffer().length);
  }

  @Test
  void aReadLongerThanTheBufferGoesStraightIntoTheArray() {
    byte[] sent = pattern(3 << 20);
    FrameInput in = new FrameInput(new Trickle(sent, 65536), LARGEST);
    byte[] got = new byte[sent.length];
    in.readBytes(got, 0, 100);
    in.readBytes(got, 100, sent.length - 100);
    assertArrayEquals(sent, got);
    assertEquals(FrameInput.START, in.getBuffer().length); // nothing went through the buffer
    assertEquals(sent.length, in.total());
  }

  @Test
  void aStreamEndingInsideALongReadIsAnUnderflow() {
    FrameInput in = new FrameInput(new Trickle(pattern(10_000), 1000), LARGEST);
    KryoException e =
        assertThrows(KryoException.class, () -> in.readBytes(new byte[20_000], 0, 20_000));
    assertTrue(e.getMessage().contains("underflow"), e.getMessage());
  }

  @Test
  void aGrownBufferShrinksOnceEmptyAndNotFilledForTheGivenTime() {
    byte[] sent = pattern(200_000);
    byte[] got = new byte[sent.length];
    FrameInput in = grownThenEmptiedPastTheDelay(sent, got, 150_000);
    int from = (int) in.total();
    in.readBytes(got, from, 10); // the next read after the buffer emptied shrinks it
    assertEquals(FrameInput.START, in.getBuffer().length);
    in.readBytes(got, from + 10, sent.length - from - 10);
    assertArrayEquals(sent, got);
  }

  @Test
  void aBufferStillFilledRecentlyIsKept() {
    byte[] sent = pattern(200_000);
    Clock clock = new Clock();
    FrameInput in = new FrameInput(new ByteArrayInputStream(sent), LARGEST, DELAY, clock);
    byte[] got = new byte[sent.length];
    readInPieces(in, got, 150_000);
    int grown = in.getBuffer().length;
    in.readBytes(got, 150_000, in.limit() - in.position());
    clock.now += DELAY - 1;
    in.readBytes(got, 0, 10);
    assertEquals(grown, in.getBuffer().length);
  }

  @Test
  void hasNowReadsOnlyWhatTheStreamHolds() throws IOException {
    FrameInput in = new FrameInput(new Trickle(pattern(10), 4), LARGEST);
    assertTrue(in.hasNow(4));
    assertFalse(in.hasNow(9)); // 4 buffered and 4 more promised by the stream
  }

  @Test
  void hasNowGrowsTheBufferForAFrameThatIsAllThereButLargerThanIt() throws IOException {
    byte[] sent = pattern(100_000);
    FrameInput in = new FrameInput(new ByteArrayInputStream(sent), LARGEST);
    assertTrue(in.hasNow(10_000));
    assertEquals(16_384, in.getBuffer().length);
    assertEquals(sent[9_999] & 0xFF, in.peek(9_999));
    assertFalse(in.hasNow(LARGEST + 1)); // never beyond the largest size: left to the reader
    byte[] got = new byte[10_000];
    in.readBytes(got, 0, got.length);
    in.readBytes(got, 0, 10); // a read right after keeps the grown buffer
    assertEquals(16_384, in.getBuffer().length);
  }

  @Test
  void randomReadSizesAndConstantResizingKeepEveryByte() {
    Random random = new Random(20261201);
    for (int round = 0; round < 50; round++) {
      byte[] sent = new byte[random.nextInt(300_000)];
      random.nextBytes(sent);
      FrameInput in =
          new FrameInput(
              new Trickle(sent, 1 + random.nextInt(20_000)), LARGEST, 0, System::nanoTime);
      byte[] got = new byte[sent.length];
      int at = 0;
      while (at < sent.length) {
        int n =
            Math.min(
                sent.length - at,
                random.nextBoolean() ? 1 + random.nextInt(8) : 1 + random.nextInt(70_000));
        if (n <= 4 && random.nextBoolean()) {
          got[at] = in.readByte();
          n = 1;
        } else {
          in.readBytes(got, at, n);
        }
        at += n;
      }
      assertArrayEquals(sent, got, "round " + round);
      assertTrue(in.getBuffer().length <= LARGEST);
    }
  }

  /**
   * A frame input over {@code sent} whose buffer grew while the first {@code n} bytes were read
   * into {@code got}, and that has since handed over all it buffered and not been read for the
   * whole shrink delay.
   */
  private static FrameInput grownThenEmptiedPastTheDelay(byte[] sent, byte[] got, int n) {
    Clock clock = new Clock();
    FrameInput in = new FrameInput(new ByteArrayInputStream(sent), LARGEST, DELAY, clock);
    readInPieces(in, got, n);
    assertTrue(in.getBuffer().length > FrameInput.START);
    in.readBytes(got, n, in.limit() - in.position()); // all that was buffered
    clock.now += DELAY;
    return in;
  }

  /** Reads the first {@code n} bytes 1,000 at a time, as frames of that size are read. */
  private static void readInPieces(FrameInput in, byte[] got, int n) {
    for (int at = 0; at < n; at += 1000) in.readBytes(got, at, Math.min(1000, n - at));
  }

  private static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) (i * 31 + (i >> 8));
    return b;
  }

  /**
   * The time as the test sets it, in nanoseconds: a paused machine must not make a buffer look idle
   * or busy.
   */
  private static final class Clock implements LongSupplier {
    long now;

    @Override
    public long getAsLong() {
      return now;
    }
  }

  /** A stream that hands out at most {@code most} bytes per read, as a pipe does. */
  private static final class Trickle extends InputStream {
    private final byte[] bytes;
    private final int most;
    private int at;

    Trickle(byte[] bytes, int most) {
      this.bytes = bytes;
      this.most = most;
    }

    @Override
    public int read() {
      return at < bytes.length ? bytes[at++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (at == bytes.length) return -1;
      int n = Math.min(Math.min(len, most), bytes.length - at);
      System.arraycopy(bytes, at, b, off, n);
      at += n;
      return n;
    }

    @Override
    public int available() {
      return Math.min(most, bytes.length - at);
    }
  }
}
