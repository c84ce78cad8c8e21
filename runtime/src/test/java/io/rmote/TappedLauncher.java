package io.rmote;

import io.rmote.transport.Launcher;
import io.rmote.transport.ProcessLauncher;
import io.rmote.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local {@code python3} whose stdin passes each write through a tap first, on the writing thread:
 * tests count who writes, or hold a write back, against a real interpreter. Everything else is the
 * launched transport's own.
 */
final class TappedLauncher implements Launcher {
  /** Called before each write to the interpreter's stdin, with its length in bytes. */
  @FunctionalInterface
  interface Tap {
    void beforeWrite(int length) throws IOException;
  }

  private final Launcher local = new ProcessLauncher(List.of("python3"), Map.of(), "local");
  private final Tap tap;

  /** The transport as launched, without the tap: to close its stdin under the connection. */
  final AtomicReference<Transport> started = new AtomicReference<>();

  TappedLauncher(Tap tap) {
    this.tap = tap;
  }

  @Override
  public Transport launch(List<String> pythonArgs) throws IOException {
    Transport t = local.launch(pythonArgs);
    started.set(t);
    OutputStream raw = t.output();
    OutputStream tapped =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            tap.beforeWrite(1);
            raw.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            tap.beforeWrite(len);
            raw.write(b, off, len);
          }

          @Override
          public void flush() throws IOException {
            raw.flush();
          }

          @Override
          public void close() throws IOException {
            raw.close();
          }
        };
    return new Transport() {
      @Override
      public InputStream input() {
        return t.input();
      }

      @Override
      public OutputStream output() {
        return tapped;
      }

      @Override
      public InputStream errors() {
        return t.errors();
      }

      @Override
      public boolean pushErrors(OutputStream sink) {
        return t.pushErrors(sink);
      }

      @Override
      public boolean readsBlockCarrier() {
        return t.readsBlockCarrier();
      }

      @Override
      public OptionalInt awaitExit(Duration timeout) {
        return t.awaitExit(timeout);
      }

      @Override
      public void close() {
        t.close();
      }
    };
  }

  @Override
  public String name() {
    return "tapped";
  }
}
