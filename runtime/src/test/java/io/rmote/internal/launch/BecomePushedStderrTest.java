package io.rmote.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Become;
import io.rmote.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Become's handshake over a transport that pushes stderr (as SSH does): the prompt arrives on the
 * pushing thread, the password is answered, and what comes later on stderr is pushed on into the
 * connection's sink. The wrapper is a real interpreter playing sudo, since sudo as root never
 * prompts and the test users of the nspawn hosts may be absent.
 */
class BecomePushedStderrTest {

  /** A local process whose stderr a thread of its own pushes, as JSch's session thread does. */
  static final class PushingTransport implements Transport {
    final Process process;

    PushingTransport(Process process) {
      this.process = process;
    }

    @Override
    public InputStream input() {
      return process.getInputStream();
    }

    @Override
    public OutputStream output() {
      return process.getOutputStream();
    }

    @Override
    public InputStream errors() {
      return null;
    }

    @Override
    public boolean pushErrors(OutputStream sink) {
      Thread t =
          new Thread(
              () -> {
                byte[] buf = new byte[512];
                try (InputStream err = process.getErrorStream()) {
                  int n;
                  while ((n = err.read(buf)) > 0) sink.write(buf, 0, n);
                  sink.close();
                } catch (IOException e) {
                  // ends with the process
                }
              });
      t.setDaemon(true);
      t.start();
      return true;
    }

    @Override
    public OptionalInt awaitExit(Duration timeout) {
      try {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          return OptionalInt.of(process.exitValue());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return OptionalInt.empty();
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  @Test
  void aPushedPromptIsAnsweredAndLaterStderrIsPushedOn() throws Exception {
    BecomeHandshake h = BecomeHandshake.create();
    String script =
        "import sys\n"
            + "sys.stderr.write('lecture line\\n' + sys.argv[1]); sys.stderr.flush()\n"
            + "if sys.stdin.readline().rstrip('\\n') != 'Secret-9': sys.exit(1)\n"
            + "print(sys.argv[2]); sys.stdout.flush()\n"
            + "sys.stderr.write('after the switch\\n'); sys.stderr.flush()\n"
            + "sys.stdin.read()\n";
    Process p =
        new ProcessBuilder(List.of("/usr/bin/python3", "-c", script, h.prompt(), h.successLine()))
            .start();
    Transport wrapped =
        h.await(new PushingTransport(p), Become.sudo().password("Secret-9".toCharArray()), "test");
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    CountDownLatch closed = new CountDownLatch(1);
    OutputStream sink =
        new OutputStream() {
          @Override
          public void write(int b) {
            synchronized (got) {
              got.write(b);
            }
          }

          @Override
          public void write(byte[] b, int off, int len) {
            synchronized (got) {
              got.write(b, off, len);
            }
          }

          @Override
          public void close() {
            closed.countDown();
          }
        };
    assertTrue(wrapped.pushErrors(sink));
    wrapped.output().close(); // the pretend interpreter ends once its stdin does
    assertTrue(closed.await(30, TimeUnit.SECONDS), "the sink was never closed");
    String text;
    synchronized (got) {
      text = got.toString(StandardCharsets.UTF_8);
    }
    assertEquals("lecture line\nafter the switch\n", text);
    assertEquals(OptionalInt.of(0), wrapped.awaitExit(Duration.ofSeconds(30)));
    wrapped.close();
  }
}
