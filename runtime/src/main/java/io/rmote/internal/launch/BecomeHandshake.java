package io.rmote.internal.launch;

import io.rmote.Become;
import io.rmote.BootstrapException;
import io.rmote.internal.scheduling.Scheduler;
import io.rmote.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For launchers: the start of an interpreter wrapped by {@link Become}. Between starting the
 * command and sending the runtime, it waits for the wrapper's success line on stdout and, if the
 * tool prompts on stderr, answers with the password, once. Everything the remote writes on stderr
 * is passed on (minus our own prompt), so start-up errors still carry it; what came on stdout
 * before the success line (banners, rc-file output) is kept for failure messages.
 */
public final class BecomeHandshake {
  private static final Logger LOG = LoggerFactory.getLogger(BecomeHandshake.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * su's prompt, in whatever language the account or the caller has: su has no option for its own
   * prompt, and PAM translates "Password: " ("密码：", "Passwort: ", "Mot de passe : "). What every
   * translation keeps is the form: a line left open, ending in a colon (ASCII, fullwidth or small)
   * and perhaps a space, while su waits for an answer. su's messages end their line.
   */
  private static final Pattern SU_PROMPT = Pattern.compile("[:\\uFF1A\\uFE55\\uFE13]\\s*$");

  private static final int KEEP = 16 << 10;

  /** How long the tool may take to switch users. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String successLine;
  private final String prompt;

  private BecomeHandshake() {
    String token = Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    this.successLine = "rmote-become-ok-" + token;
    this.prompt = "rmote-become-" + token + " password:";
  }

  /**
   * The line the wrapper's shell prints once the user is switched, just before the interpreter
   * starts.
   */
  public String successLine() {
    return successLine;
  }

  /** The password prompt {@code sudo} is asked to print, told apart from anything else it says. */
  public String prompt() {
    return prompt;
  }

  /** A handshake with fresh tokens, one per start. */
  public static BecomeHandshake create() {
    return new BecomeHandshake();
  }

  /**
   * The command that runs {@code interpreterArgv} (the interpreter and its arguments) as {@code
   * become}'s user, through a {@code /bin/sh} that first prints the success line, so that
   * everything before it (a password prompt, a lecture) is told apart from the runtime's start.
   */
  public List<String> command(Become become, List<String> interpreterArgv) {
    String script =
        "echo " + ShellQuote.quote(successLine) + " && exec " + ShellQuote.join(interpreterArgv);
    String user = become.user().orElse(null);
    List<String> argv = new ArrayList<>();
    switch (become.method()) {
      case SUDO:
        argv.add("sudo");
        if (become.hasPassword()) {
          argv.addAll(List.of("-S", "-p", prompt));
        } else {
          argv.add("-n");
        }
        if (user != null) argv.addAll(List.of("-u", user));
        argv.addAll(List.of("--", "/bin/sh", "-c", script));
        break;
      case DOAS:
        argv.addAll(List.of("doas", "-n"));
        if (user != null) argv.addAll(List.of("-u", user));
        argv.addAll(List.of("--", "/bin/sh", "-c", script));
        break;
      case SU:
        argv.add("su");
        if (user != null) argv.add(user);
        argv.addAll(List.of("-c", script));
        break;
      default:
        throw new AssertionError(become.method());
    }
    return argv;
  }

  /**
   * Waits until the wrapped interpreter runs, answering a password prompt if asked, and returns the
   * transport to bootstrap over. If the wrapper exits first, the returned transport reports that to
   * the bootstrap like any early exit (with stdout and stderr kept).
   *
   * @throws BootstrapException if a password is asked for and none was given, the password is
   *     refused, or nothing happens within {@link #TIMEOUT}; the transport is closed then
   */
  public Transport await(Transport raw, Become become, String name) {
    Pipe errors = new Pipe();
    State state = new State();
    Thread pump = null;
    if (raw.errors() != null) {
      pump =
          Scheduler.shared()
              .start("rmote-become-stderr-" + name, () -> pumpErrors(raw, become, errors, state));
    } else {
      errors.close();
    }
    ScheduledFuture<?> watchdog =
        Scheduler.shared()
            .schedule(
                TIMEOUT,
                () -> {
                  if (state.fail(
                      "no answer from "
                          + become.method().command()
                          + " within "
                          + TIMEOUT.toSeconds()
                          + " s")) {
                    raw.close();
                  }
                });

    InputStream in = raw.input();
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean ok = false;
    try {
      int b;
      while ((b = in.read()) >= 0) {
        if (b == '\n') {
          if (line.toString(StandardCharsets.UTF_8).equals(successLine)) {
            ok = true;
            break;
          }
          if (seen.size() < KEEP) {
            line.writeTo(seen);
            seen.write('\n');
          }
          line.reset();
        } else if (line.size() < 4096) {
          line.write(b);
        }
      }
    } catch (IOException e) {
      // the stream broke: reported below like its end
    }
    state.done(ok);
    watchdog.cancel(false);
    String failure = state.failure();
    if (failure != null) {
      raw.close();
      if (pump != null) awaitQuietly(pump);
      throw new BootstrapException(
          become + " on " + name + ": " + failure,
          seen.toString(StandardCharsets.UTF_8),
          errors.text(),
          null);
    }
    if (!ok) {
      // The wrapper ended first (sudo -n refused, no such user, ...): the bootstrap reports the
      // exit status with what came on stdout and stderr.
      seen.writeBytes(line.toByteArray());
      return new Wrapped(raw, new java.io.ByteArrayInputStream(seen.toByteArray()), errors);
    }
    LOG.debug("{}: {} switched users", name, become);
    return new Wrapped(raw, in, errors);
  }

  private void pumpErrors(Transport raw, Become become, Pipe errors, State state) {
    byte[] buf = new byte[4096];
    StringBuilder partial = new StringBuilder();
    int prompts = 0;
    try (InputStream err = raw.errors()) {
      int n;
      while ((n = err.read(buf)) > 0) {
        if (state.isDone()) {
          errors.write(buf, 0, n);
          continue;
        }
        String chunk = new String(buf, 0, n, StandardCharsets.UTF_8);
        partial.append(chunk);
        int nl = partial.lastIndexOf("\n");
        if (nl >= 0) partial.delete(0, nl + 1);
        boolean asked;
        String pass = chunk;
        if (partial.indexOf(prompt) >= 0) {
          asked = true;
          pass = chunk.replace(prompt, "");
          partial.setLength(0);
        } else {
          asked = become.method() == Become.Method.SU && SU_PROMPT.matcher(partial).find();
          if (asked) partial.setLength(0);
        }
        byte[] kept = pass.getBytes(StandardCharsets.UTF_8);
        errors.write(kept, 0, kept.length);
        if (!asked) continue;
        if (!become.hasPassword()) {
          state.fail(become.method().command() + " asks for a password and none was given");
          raw.close();
        } else if (prompts++ > 0) {
          state.fail("the password was refused");
          raw.close();
        } else {
          try {
            LaunchAccess.writePassword(become, raw.output());
          } catch (IOException e) {
            // the tool is gone: stdout ends and says so
          }
        }
      }
    } catch (IOException e) {
      // closed with the transport
    } finally {
      errors.close();
    }
  }

  private static void awaitQuietly(Thread t) {
    try {
      t.join(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class State {
    private boolean done;
    private String failure;

    /** Records the first failure of a handshake still going on, and says whether it did. */
    synchronized boolean fail(String why) {
      if (done || failure != null) return false;
      failure = why;
      return true;
    }

    synchronized String failure() {
      return failure;
    }

    synchronized void done(boolean ok) {
      done = true;
      if (ok) failure = null;
      notifyAll();
    }

    synchronized boolean isDone() {
      return done;
    }
  }

  /** The transport with stdout past the success line and stderr passed through the pump. */
  private static final class Wrapped implements Transport {
    private final Transport raw;
    private final InputStream input;
    private final InputStream errors;

    Wrapped(Transport raw, InputStream input, InputStream errors) {
      this.raw = raw;
      this.input = input;
      this.errors = errors;
    }

    @Override
    public InputStream input() {
      return input;
    }

    @Override
    public OutputStream output() {
      return raw.output();
    }

    @Override
    public InputStream errors() {
      return errors;
    }

    @Override
    public OptionalInt awaitExit(Duration timeout) {
      return raw.awaitExit(timeout);
    }

    @Override
    public void close() {
      raw.close();
    }
  }

  /**
   * An unbounded in-memory pipe: one writer, one reader; keeps a copy of its first bytes for
   * messages.
   */
  static final class Pipe extends InputStream {
    private final List<byte[]> chunks = new ArrayList<>();
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private int at;
    private boolean closed;

    synchronized void write(byte[] b, int off, int len) {
      if (len == 0) return;
      byte[] c = new byte[len];
      System.arraycopy(b, off, c, 0, len);
      chunks.add(c);
      if (head.size() < KEEP) head.write(b, off, Math.min(len, KEEP - head.size()));
      notifyAll();
    }

    @Override
    public synchronized void close() {
      closed = true;
      notifyAll();
    }

    synchronized String text() {
      return head.toString(StandardCharsets.UTF_8);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) return 0;
      while (chunks.isEmpty()) {
        if (closed) return -1;
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException();
        }
      }
      byte[] c = chunks.get(0);
      int n = Math.min(len, c.length - at);
      System.arraycopy(c, at, b, off, n);
      at += n;
      if (at == c.length) {
        chunks.remove(0);
        at = 0;
      }
      return n;
    }
  }
}
