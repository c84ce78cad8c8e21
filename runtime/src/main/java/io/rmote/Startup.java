package io.rmote;

import com.esotericsoftware.kryo.io.Input;
import io.rmote.internal.bootstrap.Bootstrap;
import io.rmote.internal.bootstrap.ReadyLineReader;
import io.rmote.internal.launch.StderrTail;
import io.rmote.transport.Transport;
import java.io.OutputStream;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A connection's start-up, between the interpreter's launch and its ready line: the reader runs the
 * handshake, the opener waits for its outcome, and a failure on either side becomes one {@link
 * BootstrapException} with what the remote wrote on stdout and stderr.
 */
final class Startup {
  private final String name;
  private final Transport transport;
  private final StderrTail stderr;
  private final Bootstrap bootstrap;
  private final CompletableFuture<String> ready = new CompletableFuture<>();
  private volatile ReadyLineReader reader; // for what came before a ready line that never came

  Startup(String name, Transport transport, StderrTail stderr, Bootstrap bootstrap) {
    this.name = name;
    this.transport = transport;
    this.stderr = stderr;
    this.bootstrap = bootstrap;
  }

  /**
   * On the reader thread: reads up to the ready line. Returns {@code false} if start-up failed, the
   * failure then being handed to the opener.
   */
  boolean handshake(Input in, OutputStream stdin) {
    ReadyLineReader handshake = new ReadyLineReader(in, bootstrap, stdin);
    reader = handshake;
    try {
      String version = handshake.read();
      if (handshake.skippedBytes() > 0) {
        RemoteLogger.LOG.debug(
            "{}: skipped {} bytes before the ready line", name, handshake.skippedBytes());
      }
      return ready.complete(version); // false: the opener gave up first
    } catch (ReadyLineReader.Refused r) {
      if (r.reason() == ReadyLineReader.Refused.Reason.REFUSED) {
        fail(new BootstrapException(r.getMessage(), r.noise(), stderr.text(), null));
      } else {
        ended(r.noise(), r.getMessage() == null ? null : "the remote wrote " + r.getMessage());
      }
      return false;
    } finally {
      stderr.startLogging();
    }
  }

  private void ended(String noise, String what) {
    OptionalInt status = transport.awaitExit(Duration.ofSeconds(1));
    String detail;
    if (what != null) {
      detail = what;
    } else if (status.isPresent()) {
      detail = "the remote exited with status " + status.getAsInt() + " before it was ready";
      if (status.getAsInt() == 127 || status.getAsInt() == 126) {
        detail += " (is Python 3 installed, and is the interpreter's path right?)";
      }
    } else {
      detail = "the remote closed its output before it was ready";
    }
    stderr.awaitDrained(Duration.ofMillis(500));
    fail(new BootstrapException(detail, noise, stderr.text(), null));
  }

  /** Whether the ready line came, or start-up failed. */
  boolean isDone() {
    return ready.isDone();
  }

  /** Whether start-up failed: the opener has its BootstrapException, and nothing else is lost. */
  boolean failed() {
    return ready.isCompletedExceptionally();
  }

  private String stdoutSoFar() {
    ReadyLineReader r = reader;
    return r == null ? "" : r.noiseText();
  }

  /**
   * Fails the start-up with {@code e}, unless it is already over. Every way a start ends before its
   * ready line comes here or to {@link #abandon} (a timeout, an interrupt), which both drop the
   * bytecode the start was sent before the opener hears of it, so that its next start already
   * knows.
   */
  void fail(BootstrapException e) {
    if (!ready.isDone()) {
      bootstrap.failed();
      e.locate(name, null, null);
      ready.completeExceptionally(e);
    }
  }

  /**
   * On the opener's thread: waits for the ready line and returns the remote's Python version. On
   * failure the transport is closed.
   *
   * @throws BootstrapException if start-up failed or took longer than {@code timeout}
   */
  String await(Duration timeout) {
    try {
      return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return abandon(
          new BootstrapException(
              "the remote sent no ready line within " + timeout.toMillis() + " ms",
              stdoutSoFar(),
              stderr.text(),
              null));
    } catch (InterruptedException e) {
      try {
        return abandon(
            new BootstrapException("interrupted while starting", stdoutSoFar(), stderr.text(), e));
      } finally {
        // After the close: a process's close waits for it to end, which an interrupt cuts short.
        Thread.currentThread().interrupt();
      }
    } catch (ExecutionException e) {
      transport.close();
      throw failure(e.getCause());
    }
  }

  /**
   * Ends a start its opener gives up on (a timeout, an interrupt), unless the reader got there
   * first: a ready line then stands and its version is returned, and a failure the reader found is
   * thrown instead of {@code e}, since it says why. {@code ready} is completed before the close, so
   * the reader, which meets the closed stream next, knows the start is over and reports nothing
   * more; a ready line it reads after that is refused ({@link #handshake}).
   */
  String abandon(BootstrapException e) {
    located(e);
    if (!ready.completeExceptionally(e)) {
      try {
        return ready.join();
      } catch (CompletionException | CancellationException first) {
        transport.close();
        throw failure(first.getCause() != null ? first.getCause() : first);
      }
    }
    bootstrap.failed();
    transport.close();
    throw e;
  }

  /** The exception a failed start throws for {@code cause}, which ended {@code ready}. */
  private RuntimeException failure(Throwable cause) {
    if (cause instanceof RmoteException) {
      // made for this start alone, on the reader: the opener's stack says more
      RmoteException re = (RmoteException) cause;
      re.setStackTrace(new Throwable().getStackTrace());
      return re;
    }
    return located(new BootstrapException("start-up failed: " + cause, "", stderr.text(), cause));
  }

  private BootstrapException located(BootstrapException e) {
    e.locate(name, null, null);
    return e;
  }
}
