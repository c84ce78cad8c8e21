package io.rmote.internal.launch;

import io.rmote.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Takes in the remote interpreter's stderr (pushed by the transport, or drained from its stream so
 * the remote never blocks on a full pipe), keeps its last 40 lines for error messages, and once the
 * connection is up logs each line at INFO to {@code rmote.remote.stderr} with the connection's name
 * in the MDC key {@code rmote.host}.
 */
public final class StderrTail implements Runnable {
  private static final String MDC_HOST = "rmote.host";
  private static final int KEEP_LINES = 40;

  /** The longest piece of a line kept or logged as one, in bytes. */
  static final int MAX_LINE = 8192;

  /*
   * The drain's buffers live as long as the connection, and an idle connection's stderr is mostly
   * silent: small ones keep a thousand connections' share of the heap small (64 KiB + 8 KiB each
   * was most of an idle connection's heap). A chatty stderr costs more reads, not more memory.
   */
  private static final int READ_BUFFER = 2048;
  private static final int FIRST_LINE_BUFFER = 256;

  private final InputStream errors;
  private final String host;
  private final ArrayDeque<String> tail = new ArrayDeque<>();
  private boolean done; // guarded by tail
  private byte[] line = new byte[FIRST_LINE_BUFFER]; // guarded by this: the line so far
  private int length; // guarded by this
  private volatile boolean logging;

  /** A tail of {@code errors}, or of nothing if {@code errors} is {@code null}. */
  public StderrTail(InputStream errors, String host) {
    this(errors, host, errors == null);
  }

  private StderrTail(InputStream errors, String host, boolean done) {
    this.errors = errors;
    this.host = host;
    this.done = done;
  }

  /**
   * The tail of {@code transport}'s stderr: pushed into {@link #sink()} by the transport where it
   * can, else read from {@link Transport#errors()} by {@link #run()} on a thread of its own.
   */
  public static StderrTail of(Transport transport, String host) {
    StderrTail pushed = new StderrTail(null, host, false);
    if (transport.pushErrors(pushed.sink())) return pushed;
    return new StderrTail(transport.errors(), host);
  }

  /** Whether there is a stream to drain, so {@link #run()} needs a thread. */
  public boolean hasStream() {
    return errors != null;
  }

  /** From now on each line is also logged; before, lines belong to the start-up's error message. */
  public void startLogging() {
    logging = true;
  }

  /**
   * Reads the stream to its end in bounded pieces; runs on a thread of its own. A line longer than
   * {@link #MAX_LINE} bytes (a tool writing megabytes without a newline) is cut into pieces of that
   * size, so memory stays bounded whatever the remote writes.
   */
  @Override
  public void run() {
    byte[] buf = new byte[READ_BUFFER];
    try {
      int n;
      while ((n = errors.read(buf)) > 0) accept(buf, 0, n);
    } catch (IOException e) {
      // the stream closes with the process
    } finally {
      finish();
    }
  }

  /**
   * The tail as a stream a transport writes stderr into from its own thread ({@link
   * io.rmote.transport.Transport#pushErrors}); closing it ends the tail. Its writes never wait for
   * anything but this tail's own lock and the logger.
   */
  public OutputStream sink() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        accept(b, off, len);
      }

      @Override
      public void close() {
        finish();
      }
    };
  }

  /**
   * Splits a piece of stderr into lines. Locked because a transport may close the sink from another
   * thread than the one that writes.
   */
  private synchronized void accept(byte[] buf, int off, int n) {
    byte[] line = this.line;
    int length = this.length;
    for (int i = off; i < off + n; i++) {
      byte b = buf[i];
      if (b == '\n') {
        emit(line, length);
        length = 0;
        // a pushed tail keeps its line buffer for the connection's life: a long line's goes
        if (line.length > READ_BUFFER) line = new byte[FIRST_LINE_BUFFER];
      } else {
        if (length == line.length) {
          if (length < MAX_LINE) line = Arrays.copyOf(line, Math.min(MAX_LINE, length * 2));
          else length = emitPiece(line, length, b);
        }
        line[length++] = b;
      }
    }
    this.line = line;
    this.length = length;
  }

  private synchronized void finish() {
    synchronized (tail) {
      if (done) return;
    }
    if (length > 0) emit(line, length);
    length = 0;
    synchronized (tail) {
      done = true;
      tail.notifyAll();
    }
  }

  /**
   * Emits a full buffer, cut where a UTF-8 character starts ({@code next} is the byte that comes
   * after it); moves the rest to the front and returns its length.
   */
  private int emitPiece(byte[] line, int length, byte next) {
    int cut = length;
    byte first = next; // the first byte of what stays behind
    while (cut > length - 3 && (first & 0xC0) == 0x80) first = line[--cut];
    if ((first & 0xC0) == 0x80) cut = length; // not UTF-8: any place will do
    emit(line, cut);
    int rest = length - cut;
    System.arraycopy(line, cut, line, 0, rest);
    return rest;
  }

  private void emit(byte[] bytes, int length) {
    if (length > 0 && bytes[length - 1] == '\r') length--;
    String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
    synchronized (tail) {
      tail.addLast(text);
      if (tail.size() > KEEP_LINES) tail.removeFirst();
    }
    if (logging) {
      MDC.put(MDC_HOST, host);
      Stderr.LOG.info(text);
      MDC.remove(MDC_HOST);
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

  /**
   * Looked up at the first line logged: SLF4J's provider lookup would otherwise run when this class
   * is initialised, between the spawn and the ready line of every connect (RemoteLogger).
   */
  private static final class Stderr {
    static final Logger LOG = LoggerFactory.getLogger("rmote.remote.stderr");
  }
}
