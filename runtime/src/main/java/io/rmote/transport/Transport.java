package io.rmote.transport;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A started remote interpreter, seen as the streams rmote talks over: its stdin, its stdout and,
 * where the transport has one, its stderr. A local process, an SSH channel and {@code docker exec}
 * differ only in how this pair is made.
 */
public interface Transport extends AutoCloseable {

  /** The remote interpreter's stdout: frames come from here. */
  InputStream input();

  /** The remote interpreter's stdin: frames go here. */
  OutputStream output();

  /**
   * The remote's stderr, or {@code null} if the transport merges, drops or pushes it ({@link
   * #pushErrors}). A stream returned here gets a thread that drains it.
   */
  InputStream errors();

  /**
   * Asks the transport to write the remote's stderr into {@code sink} itself, so that no thread has
   * to wait on a stream for it. The connection calls this once, before it reads anything, and falls
   * back to {@link #errors()} and a thread of its own when the answer is {@code false}, which is
   * this default's answer.
   *
   * <p>A transport that accepts writes the stderr bytes the remote sent so far and then each piece
   * as it comes, in order, from its own thread (for SSH, the session's thread that every channel of
   * the session shares), and closes {@code sink} once the stderr ends or the transport closes. So
   * {@code sink} must return at once: it may not block or wait for the caller of this transport.
   *
   * @param sink receives the stderr bytes; its {@code flush} is never needed
   * @return {@code true} if the transport now pushes stderr into {@code sink} and {@link #errors()}
   *     returns {@code null}; {@code false} if it cannot, with nothing written to {@code sink}
   */
  default boolean pushErrors(OutputStream sink) {
    return false;
  }

  /**
   * Whether a virtual thread blocked reading {@link #input()} or {@link #errors()} keeps its
   * carrier: true of pipes and files (a local process's streams), and of streams that wait on a
   * monitor before JDK 24; false of sockets and of streams that wait on a {@code
   * java.util.concurrent} lock. Such a read captures the carrier's operating-system thread, and the
   * JDK's scheduler makes up for it with another carrier only up to {@code
   * jdk.virtualThreadScheduler.maxPoolSize} (256 by default; JEP 444), so a connection reading such
   * streams on virtual threads would, past about 128 connections, leave no carrier for the readers
   * of new ones nor for any other virtual thread of the JVM. Where this answers {@code true}, the
   * connection's reader and stderr drain are daemon platform threads even when {@code
   * Remote.Builder.threadFactory} makes virtual threads. Writes are not covered: a virtual thread
   * writing to an interpreter that has stopped reading keeps its carrier until it reads again or
   * the connection closes, and so does one that connects a local {@code become}, while it waits for
   * the success line (up to the start timeout).
   *
   * @return {@code true} by default, the safe answer for a stream whose kind is unknown
   */
  default boolean readsBlockCarrier() {
    return true;
  }

  /**
   * Waits up to {@code timeout} for the remote to end and returns its exit status, if known by
   * then.
   */
  OptionalInt awaitExit(Duration timeout);

  /** Stops the remote at once, if it still runs, and releases the streams. Idempotent. */
  @Override
  void close();
}
