package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.ConnectionLostException;
import io.rmote.Remote;
import io.rmote.ToolDescriptor;
import io.rmote.testing.SshServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Over SSH the end of the interpreter is its exit status, not the end of its output: a child that a
 * tool started with plain {@code subprocess.Popen} keeps the channel's stderr open, so sshd holds
 * the channel open after the interpreter died, for as long as the child lives (forever for a
 * daemon). The pending call must fail when the exit status arrives, and close must not wait.
 */
class SshExitTest {
  static final ToolDescriptor PROBE =
      ToolDescriptor.fromResource(SshExitTest.class, "/tools/probe.py", "Probe");

  @Test
  void anInterpreterThatDiesLeavingAChildFailsItsCallsAtOnceAndClosesAtOnce() throws Exception {
    try (SshServer server = SshServer.start()) {
      Remote remote =
          Remote.builder().ssh(server.client().build()).python("/usr/bin/python3").connect();
      CompletableFuture<Object> call = remote.callAsync(PROBE, "orphan_then_die", Object.class);
      // The bound: the exit status is seen within a second; the rest is slack for a loaded machine.
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS));
      ConnectionLostException lost = assertInstanceOf(ConnectionLostException.class, e.getCause());
      assertTrue(
          lost.getMessage().contains("137") || lost.getMessage().contains("signal"),
          lost.getMessage());
      assertFalse(remote.isOpen());
      long t0 = System.nanoTime();
      remote.close();
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      // At once, not after the orphan's 60 s; the bound leaves room for a loaded machine.
      assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "close took " + took);
    }
  }
}
