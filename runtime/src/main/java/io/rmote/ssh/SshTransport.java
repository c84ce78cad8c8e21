package io.rmote.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.Session;
import io.rmote.transport.Transport;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

/** The exec channel as a transport; closing it also ends the sessions it runs over. */
final class SshTransport implements Transport {
  private final ChannelExec channel;
  private final List<Session> sessions;
  private final InputStream stdout;
  private final OutputStream stdin;
  private final InputStream stderr;

  SshTransport(
      ChannelExec channel,
      List<Session> sessions,
      InputStream stdout,
      OutputStream stdin,
      InputStream stderr) {
    this.channel = channel;
    this.sessions = List.copyOf(sessions);
    this.stdout = stdout;
    this.stdin = stdin;
    this.stderr = stderr;
  }

  @Override
  public InputStream input() {
    return stdout;
  }

  @Override
  public OutputStream output() {
    return stdin;
  }

  @Override
  public InputStream errors() {
    return stderr;
  }

  @Override
  public OptionalInt awaitExit(Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    while (!channel.isClosed() && System.nanoTime() < until) {
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!channel.isClosed()) return OptionalInt.empty();
    int status = channel.getExitStatus();
    return status >= 0 ? OptionalInt.of(status) : OptionalInt.empty();
  }

  @Override
  public void close() {
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
