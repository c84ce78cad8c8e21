package io.rmote.internal.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Drains the remote interpreter's stderr so it never blocks on a full pipe, keeps its last 40 lines
 * for error messages, and once the connection is up logs each line at INFO to {@code
 * rmote.remote.stderr} with the connection's name in the MDC key {@code rmote.host}.
 */
public final class StderrTail implements Runnable {
  private static final Logger STDERR = LoggerFactory.getLogger("rmote.remote.stderr");
  private static final String MDC_HOST = "rmote.host";
  private static final int KEEP_LINES = 40;

  private final InputStream errors;
  private final String host;
  private final ArrayDeque<String> tail = new ArrayDeque<>();
  private boolean done; // guarded by tail
  private volatile boolean logging;

  /** A tail of {@code errors}, or of nothing if {@code errors} is {@code null}. */
  public StderrTail(InputStream errors, String host) {
    this.errors = errors;
    this.host = host;
    this.done = errors == null;
  }

  /** Whether there is a stream to drain, so {@link #run()} needs a thread. */
  public boolean hasStream() {
    return errors != null;
  }

  /** From now on each line is also logged; before, lines belong to the start-up's error message. */
  public void startLogging() {
    logging = true;
  }

  /** Reads the stream to its end; runs on a thread of its own. */
  @Override
  public void run() {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(errors, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > KEEP_LINES) tail.removeFirst();
        }
        if (logging) {
          MDC.put(MDC_HOST, host);
          STDERR.info(line);
          MDC.remove(MDC_HOST);
        }
      }
    } catch (IOException e) {
      // the stream closes with the process
    } finally {
      synchronized (tail) {
        done = true;
        tail.notifyAll();
      }
    }
  }

  /**
   * Waits up to {@code timeout} for the stream's end, so a message made next has the last lines.
   */
  public void awaitDrained(Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    synchronized (tail) {
      while (!done) {
        long left = until - System.nanoTime();
        if (left <= 0) return;
        try {
          TimeUnit.NANOSECONDS.timedWait(tail, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** The kept lines, joined by newlines. */
  public String text() {
    synchronized (tail) {
      return String.join("\n", tail);
    }
  }
}
