package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import io.rmote.Remote;
import io.rmote.ToolDescriptor;
import io.rmote.testing.SshServer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exec channel's streams against a real sshd: stdin lets go of JSch's packet buffer while idle
 * and takes a new one on the next write (ChannelStdin); stdout comes through a pipe of ours
 * (StdoutPipe). Every byte must arrive, in order, across both.
 */
class SshChannelStreamsTest {
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

  @Test
  void megabytesBothWaysWithReleasesBetweenBursts() throws Exception {
    byte[] data = new byte[3 << 20];
    new Random(11).nextBytes(data);
    try (Cat cat = new Cat()) {
      for (int burst = 0; burst < 3; burst++) {
        byte[] part = Arrays.copyOfRange(data, burst << 20, (burst + 1) << 20);
        // cat echoes while we write: read on another thread, or both windows fill
        Thread writer =
            new Thread(
                () -> {
                  try {
                    for (int at = 0; at < part.length; at += 50_000) {
                      cat.stdin.write(part, at, Math.min(50_000, part.length - at));
                      cat.stdin.flush();
                    }
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        writer.start();
        assertArrayEquals(part, cat.read(part.length), "burst " + burst);
        writer.join();
        assertTrue(cat.stdin.release(0), "burst " + burst);
      }
      assertTrue(cat.stdout.available() == 0);
    }
  }

  @Test
  void aConnectionIdlePastTheReleaseKeepsCalling() throws Exception {
    try (Remote remote = Remote.builder().ssh(server.client().build()).connect()) {
      assertEquals("a", remote.call(PROBE, "echo", String.class, "a"));
      // the transport's watch lets go of stdin's buffer after 1 s unused, looking every 250 ms
      Thread.sleep(1_600);
      String big = "y".repeat(200_000);
      assertEquals(big, remote.call(PROBE, "echo", String.class, big));
      Thread.sleep(1_600);
      assertEquals("b", remote.call(PROBE, "echo", String.class, "b"));
    }
  }
}
