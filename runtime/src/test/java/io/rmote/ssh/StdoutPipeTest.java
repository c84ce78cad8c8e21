package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SSH channel's stdout pipe: every byte in order, bounded, and both ends' close. */
@Timeout(120)
class StdoutPipeTest {
  /*
   * Threads of the test's own, not the common pool: on 2 cores that pool has one worker, and a
   * task that spins or blocks there keeps the next one from ever starting.
   */
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  /** One byte read on a thread of the test's, failing the future if the read throws. */
  private CompletableFuture<Integer> readOneAsync(StdoutPipe pipe) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return pipe.read();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        },
        threads);
  }

  /** One write on a thread of the test's, failing the future if the write throws. */
  private CompletableFuture<Void> writeAsync(OutputStream sink, byte[] data) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            sink.write(data);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        },
        threads);
  }

  @Test
  void aLargeStreamArrivesWholeThroughTheBoundedBuffer() throws Exception {
    byte[] data = new byte[3 << 20];
    new Random(7).nextBytes(data);
    StdoutPipe pipe = new StdoutPipe();
    OutputStream sink = pipe.sink();
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              try {
                // JSch writes up to a packet at a time; some writes are larger than the buffer
                int at = 0;
                int step = 1;
                while (at < data.length) {
                  int n = Math.min(step, data.length - at);
                  sink.write(data, at, n);
                  at += n;
                  step = step * 3 % 200_000 + 1;
                }
                sink.close();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            },
            threads);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[777];
    int n;
    while ((n = pipe.read(buf)) >= 0) {
      got.write(buf, 0, n);
      assertTrue(pipe.capacity() <= StdoutPipe.MAX);
    }
    writer.get(60, TimeUnit.SECONDS);
    assertArrayEquals(data, got.toByteArray());
  }

  @Test
  void singleBytesAndTheWritersCloseAfterTheLastByte() throws Exception {
    StdoutPipe pipe = new StdoutPipe();
    pipe.sink().write('a');
    pipe.sink().write(new byte[] {'b', 'c'}, 0, 2);
    pipe.sink().close();
    assertEquals('a', pipe.read());
    byte[] two = new byte[5];
    assertEquals(2, pipe.read(two, 0, 5));
    assertEquals(-1, pipe.read());
  }

  @Test
  void theReadersCloseFailsAWriterThatWaitsForRoom() throws Exception {
    StdoutPipe pipe = new StdoutPipe();
    CompletableFuture<Void> writer = writeAsync(pipe.sink(), new byte[StdoutPipe.MAX + 1]);
    while (pipe.available() < StdoutPipe.MAX) Thread.sleep(5);
    pipe.close();
    Exception e = assertThrows(Exception.class, () -> writer.get(60, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
    assertEquals(-1, pipe.read());
  }

  @Test
  void theWritersOwnCloseFailsAWriteThatWaitsForRoom() throws Exception {
    // JSch closes the sink from another thread when the channel is disconnected
    StdoutPipe pipe = new StdoutPipe();
    OutputStream sink = pipe.sink();
    CompletableFuture<Void> writer = writeAsync(sink, new byte[StdoutPipe.MAX + 1]);
    while (pipe.available() < StdoutPipe.MAX) Thread.sleep(5);
    sink.close();
    Exception e = assertThrows(Exception.class, () -> writer.get(60, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
    assertEquals(StdoutPipe.MAX, pipe.available(), "what was held is still read");
  }

  @Test
  void aBurstGrowsTheBufferAndAnIdleReaderShrinksItBack() throws Exception {
    StdoutPipe pipe = new StdoutPipe();
    assertEquals(StdoutPipe.FIRST, pipe.capacity());
    pipe.sink().write(new byte[40_000]); // one JSch packet's worth and more
    assertTrue(pipe.capacity() >= 40_000, "grown to take the write: " + pipe.capacity());
    assertEquals(40_000, pipe.readNBytes(40_000).length);
    // the reader now waits on the empty pipe; after SHRINK_AFTER_MS it lets the large buffer go
    CompletableFuture<Integer> waiting = readOneAsync(pipe);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (pipe.capacity() != StdoutPipe.FIRST && System.nanoTime() < deadline) Thread.sleep(20);
    assertEquals(StdoutPipe.FIRST, pipe.capacity());
    pipe.sink().write(7);
    assertEquals(7, waiting.get(60, TimeUnit.SECONDS));
  }

  @Test
  void eitherCloseWakesAReaderWaitingOnAnEmptyPipe() throws Exception {
    for (boolean readersOwn : new boolean[] {true, false}) {
      StdoutPipe pipe = new StdoutPipe();
      CompletableFuture<Integer> waiting = readOneAsync(pipe);
      Thread.sleep(50); // most likely waiting by now; the assertion holds either way
      if (readersOwn) pipe.close();
      else pipe.closeWriter();
      assertEquals(-1, waiting.get(60, TimeUnit.SECONDS), "closed by the reader: " + readersOwn);
    }
  }

  @Test
  void theWritersCloseLeavesWhatIsHeldToRead() throws Exception {
    StdoutPipe pipe = new StdoutPipe();
    pipe.sink().write(new byte[] {1, 2, 3});
    pipe.closeWriter();
    assertArrayEquals(new byte[] {1, 2, 3}, pipe.readNBytes(10));
    assertEquals(-1, pipe.read());
  }
}
