package io.rmote.internal.launch;

import io.rmote.Become;
import io.rmote.BootstrapException;
import io.rmote.internal.scheduling.Scheduler;
import io.rmote.transport.Transport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

  static final int KEEP = 16 << 10;

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
    // Stderr is the pipe's: pushed into it by the transport where the transport can push, and
    // pushed on from it into the connection's sink once the connection asks (Wrapped).
    StderrPipe errors = new StderrPipe();
    State state = new State();
    Thread pump = null;
    PromptWatch watch = new PromptWatch(raw, become, errors, state, name);
    if (raw.pushErrors(watch)) {
      watch.pushed = true;
    } else if (raw.errors() != null) {
      pump = Scheduler.shared().start("rmote-become-stderr-" + name, () -> watch.drain(raw));
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
      return new Wrapped(raw, new ByteArrayInputStream(seen.toByteArray()), errors);
    }
    LOG.debug("{}: {} switched users", name, become);
    return new Wrapped(raw, in, errors);
  }

  /**
   * Reads the wrapper's stderr for its password prompt, answers it once, and passes everything else
   * on to the pipe. Fed either by a thread of ours ({@link #drain}) or by the transport's own
   * thread ({@link Transport#pushErrors}); in the latter case what could wait (writing the
   * password, closing the transport) goes to a short thread, since the pushing one must not wait.
   */
  private final class PromptWatch extends OutputStream {
    private final Transport raw;
    private final Become become;
    private final StderrPipe errors;
    private final State state;
    private final String name;
    private final StringBuilder partial = new StringBuilder();
    private int prompts;
    private volatile boolean pushed;

    PromptWatch(Transport raw, Become become, StderrPipe errors, State state, String name) {
      this.raw = raw;
      this.become = become;
      this.errors = errors;
      this.state = state;
      this.name = name;
    }

    void drain(Transport raw) {
      byte[] buf = new byte[4096];
      try (InputStream err = raw.errors()) {
        int n;
        while ((n = err.read(buf)) > 0) write(buf, 0, n);
      } catch (IOException e) {
        // closed with the transport
      } finally {
        close();
      }
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int n) {
      if (state.isDone()) {
        errors.write(buf, off, n);
        return;
      }
      String chunk = new String(buf, off, n, StandardCharsets.UTF_8);
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
      if (!asked) return;
      if (!become.hasPassword()) {
        if (state.fail(become.method().command() + " asks for a password and none was given")) {
          act(raw::close);
        }
      } else if (prompts++ > 0) {
        if (state.fail("the password was refused")) act(raw::close);
      } else {
        act(
            () -> {
              try {
                LaunchAccess.writePassword(become, raw.output());
              } catch (IOException e) {
                // the tool is gone: stdout ends and says so
              }
            });
      }
    }

    private void act(Runnable r) {
      if (pushed) Scheduler.shared().start("rmote-become-answer-" + name, r);
      else r.run();
    }

    @Override
    public void close() {
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
    public boolean pushErrors(OutputStream sink) {
      return errors instanceof StderrPipe && ((StderrPipe) errors).forwardTo(sink);
    }

    @Override
    public boolean readsBlockCarrier() {
      return raw.readsBlockCarrier();
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
}
