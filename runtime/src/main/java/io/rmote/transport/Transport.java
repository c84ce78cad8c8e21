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

  /** The remote's stderr, or {@code null} if the transport merges or drops it. */
  InputStream errors();

  /**
   * Waits up to {@code timeout} for the remote to end and returns its exit status, if known by
   * then.
   */
  OptionalInt awaitExit(Duration timeout);

  /** Stops the remote at once, if it still runs, and releases the streams. Idempotent. */
  @Override
  void close();
}
