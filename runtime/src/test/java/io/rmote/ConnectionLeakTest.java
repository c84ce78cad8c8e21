package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.testing.SshServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Connections opened, used once and closed in a loop leave nothing behind: 1,000 to a local {@code
 * python3}, 100 over SSH to the test sshd ({@code -Drmote.leak.sshCycles=1000} for the full
 * thousand, which takes minutes: each SSH start is a key exchange and a login). Counted before and
 * after (after a warm-up, and after the counts have settled, up to {@link #SETTLE_MS}): the JVM's
 * threads, in all and those named {@code rmote-reader-}, {@code rmote-stderr-} and JSch's {@code
 * Connect thread} (one per live session); the open file descriptors ({@code /proc/self/fd}); the
 * JVM's child processes; and over SSH, sshd's children (a session's interpreter that outlived it).
 * The tolerance: {@link #SLACK} threads and descriptors for the JVM's own (JIT, GC, a pooled worker
 * that has not yet timed out), nothing for readers, stderr pumps, sessions and processes.
 *
 * <p>The bound: the counts settle within {@link #SETTLE_MS} of the last close.
 */
class ConnectionLeakTest {
  static final ToolDescriptor PROBE = RemoteCallTest.PROBE;
  static final int SLACK = 4;
  static final long SETTLE_MS = 30_000;

  record Counts(int threads, int readers, int sessions, int fds, long children) {
    static Counts now() {
      int threads = 0;
      int readers = 0;
      int sessions = 0;
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (!t.isAlive()) continue;
        threads++;
        String n = t.getName();
        if (n.startsWith("rmote-reader-") || n.startsWith("rmote-stderr-")) readers++;
        if (n.startsWith("Connect thread")) sessions++;
      }
      int fds;
      try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
        fds = (int) s.count() - 1; // the listing's own
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Counts(
          threads, readers, sessions, fds, ProcessHandle.current().descendants().count());
    }

    boolean settledTo(Counts before) {
      return readers <= before.readers
          && sessions <= before.sessions
          && children <= before.children
          && threads <= before.threads + SLACK
          && fds <= before.fds + SLACK;
    }
  }

  /** Waits up to {@link #SETTLE_MS} for the counts to settle, then checks them. */
  static Counts assertNoLeak(Counts before, Supplier<Long> serverChildren)
      throws InterruptedException {
    long until = System.currentTimeMillis() + SETTLE_MS;
    Counts after = Counts.now();
    while (!(after.settledTo(before) && serverChildren.get() == 0)
        && System.currentTimeMillis() < until) {
      Thread.sleep(50);
      after = Counts.now();
    }
    System.out.println("ConnectionLeakTest before " + before + ", after " + after);
    // Not more than before: a child of an earlier test in this JVM may end meanwhile.
    assertTrue(after.readers() <= before.readers(), "reader and stderr threads: " + after);
    assertTrue(after.sessions() <= before.sessions(), "JSch session threads: " + after);
    assertTrue(after.children() <= before.children(), "child processes: " + after);
    assertTrue(after.threads() <= before.threads() + SLACK, "threads " + before + " -> " + after);
    assertTrue(after.fds() <= before.fds() + SLACK, "file descriptors " + before + " -> " + after);
    assertEquals(0L, serverChildren.get(), "interpreters left under sshd");
    return after;
  }

  private static void cycle(Remote.Builder builder, int i) {
    try (Remote remote = builder.connect()) {
      assertEquals(i, remote.call(PROBE, "echo", Integer.class, i));
    }
  }

  static final int SSH_CYCLES = Integer.getInteger("rmote.leak.sshCycles", 100);

  @Test
  void aThousandLocalConnectionsLeakNothing() throws Exception {
    // The interpreter itself, not a version manager's shim: the loop is about rmote, not the shim.
    Remote.Builder builder = Remote.builder().python("/usr/bin/python3").name("leak");
    for (int i = 0; i < 10; i++) cycle(builder, i);
    Counts before = Counts.now();
    for (int i = 0; i < 1000; i++) cycle(builder, i);
    assertNoLeak(before, () -> 0L);
  }

  @Test
  void sshConnectionsLeakNothing() throws Exception {
    try (SshServer server = SshServer.start()) {
      Remote.Builder builder =
          Remote.builder().ssh(server.client().build()).python("/usr/bin/python3");
      ProcessHandle sshd = ProcessHandle.of(server.pid()).orElseThrow();
      Supplier<Long> serverChildren = () -> sshd.descendants().count();
      for (int i = 0; i < 5; i++) cycle(builder, i);
      Counts before = Counts.now();
      for (int i = 0; i < SSH_CYCLES; i++) cycle(builder, i);
      assertNoLeak(before, serverChildren);
    }
  }
}
