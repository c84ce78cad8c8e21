package io.rmote.ssh;

import com.jcraft.jsch.Session;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reaches one hop: every address of its name in turn, the whole round as often as
 * ConnectionAttempts says, and a connection a busy server drops before authentication again after a
 * backoff; each try is a {@link HopSession}.
 */
final class HopDialer {
  private static final Logger LOG = LoggerFactory.getLogger(SshLauncher.class);

  private final String name;

  /**
   * @param name the connection's name in messages
   */
  HopDialer(String name) {
    this.name = name;
  }

  /**
   * How often a connection closed or reset before authentication is tried again (a busy sshd,
   * MaxStartups).
   */
  static final int BUSY_RETRIES = 6;

  /**
   * One hop: every address of its name in turn (IPv6 and IPv4 as the resolver orders them, filtered
   * by AddressFamily), the whole round {@code ConnectionAttempts} times; a connection the server
   * closes or resets before authentication is retried with backoff and jitter.
   */
  @SuppressWarnings("try") // the pass is held for the handshake, never read
  Session connect(SshLauncher.Hop hop, Session via) {
    if (via != null || hop.proxyCommand != null) return HopSession.open(hop, via, null, name);
    List<InetAddress> addresses = addresses(hop);
    List<String> failures = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      for (InetAddress address : addresses) {
        for (int retry = 0; ; retry++) {
          try (Gate.Pass pass = Gate.enter(address, hop.port, hop.options.handshakesPerServer)) {
            return HopSession.open(hop, null, address, name);
          } catch (HandshakeErrors.AddressFailure f) {
            failures.add(literal(address) + ": " + f.getMessage());
            break;
          } catch (HandshakeErrors.EarlyClose c) {
            if (retry < BUSY_RETRIES) {
              LOG.debug(
                  "{}: {} closed the connection before authentication ({}); trying again",
                  name,
                  literal(address),
                  c.getMessage());
              pause(backoff(retry));
              continue;
            }
            throw new SshException(
                "the server at "
                    + literal(address)
                    + " port "
                    + hop.port
                    + " refused new"
                    + " connections: it closed or reset "
                    + (retry + 1)
                    + " in a row before authentication ("
                    + c.getMessage()
                    + "). It is probably busy with too many unauthenticated connections (sshd's MaxStartups);"
                    + " connect fewer at once",
                name,
                c.getCause());
          }
        }
      }
      if (attempt >= hop.connectionAttempts) break;
      pause(1000);
    }
    throw new SshException(
        "cannot connect to " + hop.hostname + ":" + hop.port + ": " + String.join("; ", failures),
        name,
        null);
  }

  /** The host's addresses, in the resolver's order, as AddressFamily allows. */
  private List<InetAddress> addresses(SshLauncher.Hop hop) {
    InetAddress[] all;
    try {
      all = SshLauncher.RESOLVER.resolve(hop.hostname);
    } catch (UnknownHostException e) {
      throw new SshException("unknown host " + hop.hostname, name, e);
    }
    List<InetAddress> out = new ArrayList<>();
    for (InetAddress a : all) {
      boolean v6 = a instanceof java.net.Inet6Address;
      if (hop.addressFamily.equals("inet") && v6) continue;
      if (hop.addressFamily.equals("inet6") && !v6) continue;
      out.add(a);
    }
    if (out.isEmpty()) {
      throw new SshException(
          "unknown host "
              + hop.hostname
              + ": it has no "
              + (hop.addressFamily.equals("inet") ? "IPv4" : "IPv6")
              + " address (AddressFamily "
              + hop.addressFamily
              + ")",
          name,
          null);
    }
    return out;
  }

  private static String literal(InetAddress a) {
    return a instanceof java.net.Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
  }

  /** Exponential backoff from 100 ms, at most 3.2 s, with full jitter over its upper half. */
  static long backoff(int retry) {
    long cap = Math.min(3200, 100L << Math.min(retry, 5));
    return cap / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(cap / 2 + 1);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SshException("interrupted while connecting", null, e);
    }
  }

  /**
   * At most {@link Ssh.Builder#handshakesPerServer} SSH handshakes at once to one server address in
   * this JVM, whatever the fleet or thread pool around: sshd drops unauthenticated connections
   * beyond its MaxStartups (10 by default), so more at once only turns into resets.
   */
  static final class Gate {
    private static final ConcurrentHashMap<String, java.util.concurrent.Semaphore> GATES =
        new ConcurrentHashMap<>();

    interface Pass extends AutoCloseable {
      @Override
      void close();
    }

    static Pass enter(InetAddress address, int port, int permits) {
      java.util.concurrent.Semaphore s =
          GATES.computeIfAbsent(
              address.getHostAddress() + "/" + port + "/" + permits,
              k -> new java.util.concurrent.Semaphore(permits, true));
      try {
        s.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SshException("interrupted while waiting to connect", null, e);
      }
      return s::release;
    }
  }
}
