package io.rmote.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.Session;
import io.rmote.internal.scheduling.Scheduler;
import io.rmote.transport.Transport;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledFuture;

/**
 * The exec channel as a transport; closing it also ends the sessions it runs over. The remote's
 * stderr is pushed: JSch's session thread writes it into the connection's sink, so no thread of
 * ours waits on it.
 *
 * <p>The interpreter's end is its exit status (or exit signal), not the end of its output: a child
 * that a tool started with a plain {@code subprocess.Popen} inherits the channel's stderr, and sshd
 * keeps the channel open for as long as such a child lives. So the transport watches for the exit
 * status and, a short grace later (the last output may still be on its way), closes the channel:
 * the connection's reader then sees the end and fails what is pending. The same watch lets go of
 * stdin's packet buffer while the connection is idle ({@link ChannelStdin}).
 */
final class SshTransport implements Transport {
  private static final Duration WATCH = Duration.ofMillis(250);
  private static final Duration GRACE = Duration.ofMillis(250);

  /** How long stdin stays unused before JSch's packet buffer for it is let go (ChannelStdin). */
  private static final long STDIN_IDLE_NANOS = Duration.ofSeconds(1).toNanos();

  /** RFC 4254's signal names, by number: an exit signal is reported as 128 + number, as sh does. */
  private static final Map<String, Integer> SIGNALS =
      Map.ofEntries(
          Map.entry("HUP", 1),
          Map.entry("INT", 2),
          Map.entry("QUIT", 3),
          Map.entry("ILL", 4),
          Map.entry("ABRT", 6),
          Map.entry("FPE", 8),
          Map.entry("KILL", 9),
          Map.entry("USR1", 10),
          Map.entry("SEGV", 11),
          Map.entry("USR2", 12),
          Map.entry("PIPE", 13),
          Map.entry("ALRM", 14),
          Map.entry("TERM", 15));

  private final ChannelExec channel;
  private final List<Session> sessions;
  private final StdoutPipe stdout;
  private final ChannelStdin stdin;
  private final StderrRelay stderr;
  private volatile boolean closed;
  private volatile ScheduledFuture<?> watch;
  private long exitSeenAt; // only the watch touches it, one run at a time

  SshTransport(
      ChannelExec channel,
      List<Session> sessions,
      StdoutPipe stdout,
      ChannelStdin stdin,
      StderrRelay stderr) {
    this.channel = channel;
    this.sessions = List.copyOf(sessions);
    this.stdout = stdout;
    this.stdin = stdin;
    this.stderr = stderr;
    watch = Scheduler.shared().schedule(WATCH, this::watchExit);
  }

  private void watchExit() {
    if (closed || channel.isClosed()) return;
    stdin.release(STDIN_IDLE_NANOS);
    if (exitStatus().isPresent()) {
      long now = System.nanoTime();
      if (exitSeenAt == 0) {
        exitSeenAt = now;
      } else if (now - exitSeenAt >= GRACE.toNanos()) {
        channel.disconnect(); // the reader sees its end; the sessions go with close()
        return;
      }
    }
    watch = Scheduler.shared().schedule(exitSeenAt == 0 ? WATCH : GRACE, this::watchExit);
  }

  /** The exit status the server reported, an exit signal as 128 + its number, else empty. */
  private OptionalInt exitStatus() {
    int status = channel.getExitStatus();
    if (status >= 0) return OptionalInt.of(status);
    String signal = channel.getExitSignal();
    if (signal == null) return OptionalInt.empty();
    return OptionalInt.of(128 + SIGNALS.getOrDefault(signal, 0));
  }

  @Override
  public InputStream input() {
    return stdout;
  }

  @Override
  public OutputStream output() {
    return stdin;
  }

  /** Always {@code null}: stderr is pushed ({@link #pushErrors}), held until then. */
  @Override
  public InputStream errors() {
    return null;
  }

  /** Accepts the first sink: JSch's session thread writes stderr into it. */
  @Override
  public boolean pushErrors(OutputStream sink) {
    return stderr.pushTo(sink);
  }

  /**
   * {@code false}: stdout is a pipe of ours that waits on a lock, where a virtual thread lets go of
   * its carrier, and stderr is pushed.
   */
  @Override
  public boolean readsBlockCarrier() {
    return false;
  }

  @Override
  public OptionalInt awaitExit(Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    // The exit status ends the wait even while a child keeps the channel open.
    while (!channel.isClosed() && exitStatus().isEmpty() && System.nanoTime() < until) {
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return exitStatus();
  }

  @Override
  public void close() {
    closed = true;
    ScheduledFuture<?> w = watch;
    if (w != null) w.cancel(false);
    // ends the pipe's writing side first: JSch's session thread, if it waits for room there,
    // is freed, and the reader still gets what is held
    stdout.closeWriter();
    channel.disconnect();
    disconnect(sessions);
  }

  /** Ends the sessions, the innermost (the target's) first. */
  static void disconnect(List<Session> sessions) {
    List<Session> reversed = new ArrayList<>(sessions);
    Collections.reverse(reversed);
    for (Session s : reversed) s.disconnect();
  }
}
