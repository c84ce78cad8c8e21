package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import io.rmote.Remote;
import io.rmote.ToolDescriptor;
import io.rmote.testing.SshServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The exec channel's streams against a real sshd: stdin lets go of JSch's packet buffer while idle
 * and takes a new one on the next write (ChannelStdin); stdout comes through a pipe of ours
 * (StdoutPipe). Every byte must arrive, in order, across both.
 */
@Timeout(120)
class SshChannelStreamsTest {
  /*
   * Threads of the test's own, not the common pool: on 2 cores that pool has one worker, and a
   * task that spins or blocks there keeps the next one from ever starting.
   */
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  static final ToolDescriptor PROBE =
      ToolDescriptor.fromResource(SshChannelStreamsTest.class, "tools/probe.py", "Probe");

  static SshServer server;

  @BeforeAll
  static void startServer() {
    server = SshServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) server.close();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** An exec channel running {@code cat}, its stdout through our pipe, as SshLauncher opens it. */
  private static final class Cat implements AutoCloseable {
    final Session session;
    final ChannelExec channel;
    final StdoutPipe stdout = new StdoutPipe();
    final ChannelStdin stdin;

    Cat() throws Exception {
      JSch jsch = new JSch();
      jsch.addIdentity(server.clientKey.toString());
      jsch.setKnownHosts(server.knownHosts.toString());
      session = jsch.getSession("root", "127.0.0.1", server.port);
      session.connect(30_000);
      channel = (ChannelExec) session.openChannel("exec");
      channel.setCommand("cat");
      channel.setOutputStream(stdout.sink(), false);
      stdin = new ChannelStdin(channel);
      channel.connect(30_000);
    }

    byte[] read(int n) throws Exception {
      byte[] got = new byte[n];
      int at = 0;
      while (at < n) {
        int r = stdout.read(got, at, n - at);
        if (r < 0) throw new AssertionError("stdout ended after " + at + " of " + n + " bytes");
        at += r;
      }
      return got;
    }

    @Override
    public void close() {
      channel.disconnect();
      session.disconnect();
    }
  }

  @Test
  void stdinReleasedWhileIdleTakesANewBufferAndLosesNothing() throws Exception {
    try (Cat cat = new Cat()) {
      assertFalse(cat.stdin.release(0), "nothing written yet, nothing to let go of");
      cat.stdin.write(ascii("one "));
      cat.stdin.flush();
      assertArrayEquals(ascii("one "), cat.read(4));
      assertFalse(cat.stdin.release(60_000_000_000L), "used within the idle time");
      assertTrue(cat.stdin.release(0));
      cat.stdin.write(ascii("two"));
      cat.stdin.flush();
      assertArrayEquals(ascii("two"), cat.read(3));
    }
  }

  @Test
  void stdinKeepsItsStreamWhileAWriteIsNotFlushed() throws Exception {
    try (Cat cat = new Cat()) {
      cat.stdin.write(ascii("held"));
      assertFalse(cat.stdin.release(0), "JSch's buffer holds unsent bytes");
      cat.stdin.flush();
      assertArrayEquals(ascii("held"), cat.read(4));
    }
  }

  @Test
  void closingStdinAfterARelease() throws Exception {
    try (Cat cat = new Cat()) {
      cat.stdin.write('x');
      cat.stdin.flush();
      assertArrayEquals(new byte[] {'x'}, cat.read(1));
      assertTrue(cat.stdin.release(0));
      cat.stdin.close(); // SSH's channel EOF: cat ends, so does its stdout
      assertEquals(-1, cat.stdout.read());
    }
  }

  /** Writes {@code data} in pieces of {@code piece} bytes on another thread, flushing per piece. */
  private CompletableFuture<Void> writeAsync(Cat cat, byte[] data, int piece) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            for (int at = 0; at < data.length; at += piece) {
              cat.stdin.write(data, at, Math.min(piece, data.length - at));
              cat.stdin.flush();
            }
          } catch (IOException e) {
            cat.stdout.close(); // the reader then fails instead of waiting for bytes never sent
            throw new UncheckedIOException(e);
          }
        },
        threads);
  }

  @Test
  void megabytesBothWaysWithReleasesBetweenBursts() throws Exception {
    byte[] data = new byte[3 << 20];
    new Random(11).nextBytes(data);
    try (Cat cat = new Cat()) {
      for (int burst = 0; burst < 3; burst++) {
        byte[] part = Arrays.copyOfRange(data, burst << 20, (burst + 1) << 20);
        // cat echoes while we write: read here, write on another thread, or both windows fill
        CompletableFuture<Void> writer = writeAsync(cat, part, 50_000);
        assertArrayEquals(part, cat.read(part.length), "burst " + burst);
        writer.get();
        assertTrue(cat.stdin.release(0), "burst " + burst);
      }
    }
  }

  @Test
  void releasesRacingWritesLoseNothing() throws Exception {
    // the transport's watch calls release on the scheduler thread while the connection writes:
    // writes of mixed sizes, flushed only now and then, against releases in a tight loop
    byte[] data = new byte[2 << 20];
    new Random(5).nextBytes(data);
    try (Cat cat = new Cat()) {
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicInteger released = new AtomicInteger();
      CompletableFuture<Void> releaser =
          CompletableFuture.runAsync(
              () -> {
                while (writing.get()) {
                  if (cat.stdin.release(0)) released.incrementAndGet();
                  LockSupport.parkNanos(10_000); // often, but not a spin that starves the writer
                }
              },
              threads);
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                Random sizes = new Random(9);
                try {
                  int at = 0;
                  while (at < data.length) {
                    int n = Math.min(1 + sizes.nextInt(40_000), data.length - at);
                    cat.stdin.write(data, at, n);
                    if (sizes.nextInt(3) == 0) {
                      cat.stdin.flush();
                      // now and then a pause after a flush, so releases fall mid-stream too
                      if (sizes.nextBoolean()) LockSupport.parkNanos(200_000);
                    }
                    at += n;
                  }
                  cat.stdin.flush();
                } catch (IOException e) {
                  cat.stdout.close();
                  throw new UncheckedIOException(e);
                }
              },
              threads);
      try {
        assertArrayEquals(data, cat.read(data.length));
        writer.get();
      } finally {
        writing.set(false);
      }
      releaser.get();
      assertTrue(released.get() > 0, "no release ran between the writes");
    }
  }

  @Test
  void theTransportsWatchLetsGoOfAnIdleStdin() throws Exception {
    try (Cat cat = new Cat()) {
      SshTransport transport =
          new SshTransport(cat.channel, List.of(), cat.stdout, cat.stdin, new StderrRelay());
      try {
        transport.output().write('a');
        transport.output().flush();
        assertArrayEquals(new byte[] {'a'}, cat.read(1));
        assertTrue(cat.stdin.holdsStream());
        // the watch looks every 250 ms and lets go after 1 s unused
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (cat.stdin.holdsStream() && System.nanoTime() < deadline) Thread.sleep(50);
        assertFalse(cat.stdin.holdsStream(), "still held after 60 s idle");
        transport.output().write('b');
        transport.output().flush();
        assertArrayEquals(new byte[] {'b'}, cat.read(1));
      } finally {
        transport.close();
      }
    }
  }

  @Test
  void writesAfterCloseFail() throws Exception {
    try (Cat cat = new Cat()) {
      cat.stdin.write('x');
      cat.stdin.flush();
      cat.stdin.close();
      cat.stdin.close(); // a second close does nothing
      assertFalse(cat.stdin.holdsStream(), "close lets go of JSch's stream");
      assertFalse(cat.stdin.release(0));
      assertThrows(IOException.class, () -> cat.stdin.write('y'));
      assertThrows(IOException.class, () -> cat.stdin.flush());
      assertArrayEquals(new byte[] {'x'}, cat.read(1));
      assertEquals(-1, cat.stdout.read());
    }
  }

  @Test
  void aConnectionIdlePastTheReleaseKeepsCalling() throws Exception {
    try (Remote remote = Remote.builder().ssh(server.client().build()).connect()) {
      assertEquals("a", remote.call(PROBE, "echo", String.class, "a"));
      // idle past the release (1 s unused, looked at every 250 ms; that it happens is
      // theTransportsWatchLetsGoOfAnIdleStdin's): the next calls take a new buffer
      Thread.sleep(1_600);
      String big = "y".repeat(200_000);
      assertEquals(big, remote.call(PROBE, "echo", String.class, big));
      Thread.sleep(1_600);
      assertEquals("b", remote.call(PROBE, "echo", String.class, "b"));
    }
  }
}
