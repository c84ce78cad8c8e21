package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Input;
import io.rmote.internal.bootstrap.Bootstrap;
import io.rmote.internal.launch.StderrTail;
import io.rmote.transport.Transport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The two ends of a start that race: the opener giving up (its timeout, an interrupt) and the
 * reader reading the ready line. A reviewer made a real interpreter's ready line land as the
 * opener's wait timed out: the opener threw "no ready line", while the reader went on into the
 * frame loop of a closed stream and reported a lost connection the user never had. Driven here step
 * by step, with the handshake's bytes as a remote writes them (no interpreter: the race is the
 * point, and a real one cannot be made to land on the instant).
 */
class StartupRaceTest {
  static class Pipes implements Transport {
    volatile boolean closed;

    @Override
    public InputStream input() {
      return new ByteArrayInputStream(new byte[0]);
    }

    @Override
    public OutputStream output() {
      return new ByteArrayOutputStream();
    }

    @Override
    public InputStream errors() {
      return new ByteArrayInputStream(new byte[0]);
    }

    @Override
    public OptionalInt awaitExit(Duration timeout) {
      return OptionalInt.empty();
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static Input readyLine(Bootstrap b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("banner\n".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(b.marker());
    out.writeBytes(" ready 1 3.11.2 -\n".getBytes(StandardCharsets.US_ASCII));
    return new Input(out.toByteArray());
  }

  private static Startup startup(Pipes pipes, Bootstrap b) {
    return new Startup(
        "race", pipes, new StderrTail(new ByteArrayInputStream(new byte[0]), "race"), b);
  }

  @Test
  void aReadyLineReadAfterTheOpenerGaveUpIsRefused() {
    Pipes pipes = new Pipes();
    Bootstrap b = Bootstrap.create();
    Startup s = startup(pipes, b);
    BootstrapException e =
        assertThrows(BootstrapException.class, () -> s.await(Duration.ofMillis(20)));
    assertTrue(e.getMessage().contains("no ready line within 20 ms"), e.getMessage());
    assertTrue(pipes.closed, "the transport is closed");
    assertFalse(s.handshake(readyLine(b), new ByteArrayOutputStream()), "the late line refused");
    assertTrue(s.failed(), "the start stays failed: the reader's end reports nothing more");
  }

  @Test
  void aReadyLineTheReaderReadFirstStandsWhenTheOpenerGivesUp() {
    Pipes pipes = new Pipes();
    Bootstrap b = Bootstrap.create();
    Startup s = startup(pipes, b);
    assertTrue(s.handshake(readyLine(b), new ByteArrayOutputStream()));
    // The opener's wait timed out just after: it gives up, and finds the start made.
    assertEquals("3.11.2", s.abandon(new BootstrapException("no ready line", "", "", null)));
    assertFalse(s.failed());
    assertFalse(pipes.closed);
  }

  @Test
  void aFailureTheReaderFoundFirstIsWhatTheOpenerThrows() {
    Pipes pipes = new Pipes();
    Startup s = startup(pipes, Bootstrap.create());
    s.fail(new BootstrapException("the remote exited with status 127", "", "", null));
    BootstrapException e =
        assertThrows(
            BootstrapException.class,
            () -> s.abandon(new BootstrapException("no ready line", "", "", null)));
    assertTrue(e.getMessage().contains("status 127"), e.getMessage());
    assertTrue(pipes.closed);
  }

  /**
   * The second review: with the interrupt flag set again before the close, a local process's close
   * skipped its SIGTERM grace (its wait for the process was cut short at once).
   */
  @Test
  void anInterruptedOpenerClosesBeforeItSetsItsInterruptAgain() {
    AtomicReference<Boolean> interruptedAtClose = new AtomicReference<>();
    Pipes pipes =
        new Pipes() {
          @Override
          public void close() {
            interruptedAtClose.set(Thread.currentThread().isInterrupted());
            super.close();
          }
        };
    Startup s = startup(pipes, Bootstrap.create());
    Thread.currentThread().interrupt();
    try {
      BootstrapException e =
          assertThrows(BootstrapException.class, () -> s.await(Duration.ofSeconds(30)));
      assertTrue(e.getMessage().contains("interrupted while starting"), e.getMessage());
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept");
    } finally {
      Thread.interrupted();
    }
    assertFalse(interruptedAtClose.get(), "closed before the flag was set again");
    assertTrue(s.failed());
  }
}
