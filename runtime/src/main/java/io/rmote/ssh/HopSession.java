package io.rmote.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.rmote.internal.scheduling.Scheduler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSH session to one hop, set up as its options say (host keys, identities, password,
 * compression, algorithms, keep-alive; a direct socket, a jump host or a ProxyCommand) and
 * connected within a hard deadline.
 */
final class HopSession {
  private static final Logger LOG = LoggerFactory.getLogger(SshLauncher.class);

  private HopSession() {}

  /**
   * @param via the session to the jump host this hop is reached through, or {@code null}
   * @param address the address to dial directly, or {@code null} through {@code via} or a
   *     ProxyCommand
   * @param name the connection's name in messages
   */
  static Session open(SshLauncher.Hop hop, Session via, InetAddress address, String name) {
    Ssh o = hop.options;
    String where = hop.describe();
    KnownHostsRepository hostKeys;
    Session session;
    Identities.Offered offered = new Identities.Offered();
    JSch jsch = new JSch();
    jsch.setInstanceLogger(JschLog.INSTANCE);
    try {
      hostKeys =
          new KnownHostsRepository(
              hop.userKnownHosts, hop.globalKnownHosts, hop.keyHost(), o.hostKeyPolicy);
      jsch.setHostKeyRepository(hostKeys);
      jsch.setIdentityRepository(Identities.repository(hop, offered, name));
      session = jsch.getSession(hop.user, hop.hostname, hop.port);
    } catch (JSchException e) {
      throw new SshException(
          "cannot set up the SSH session to " + where + ": " + e.getMessage(), name, e);
    }
    if (hop.hostKeyAlias != null) session.setHostKeyAlias(hop.hostKeyAlias);
    session.setDaemonThread(true);
    session.setConfig("StrictHostKeyChecking", "yes");
    session.setConfig("HashKnownHosts", "no");
    String methods = "publickey";
    if (o.password != null) {
      methods += ",keyboard-interactive,password";
      session.setPassword(Secrets.utf8(o.password));
      offered.methods.add("password");
    }
    session.setConfig("PreferredAuthentications", methods);
    boolean z0 =
        Boolean.TRUE.equals(o.compression)
            || (o.compression == null
                && "yes".equalsIgnoreCase(hop.settings.getOrDefault("compression", "no")));
    String z = z0 ? "zlib@openssh.com,zlib,none" : "none";
    session.setConfig("compression.s2c", z);
    session.setConfig("compression.c2s", z);
    preferKnownHostKeyTypes(session, hostKeys.knownTypes(hop.keyHost()));
    for (Map.Entry<String, String> e : hop.settings.entrySet()) {
      if (!e.getKey().equals("compression")) applyOption(session, e.getKey(), e.getValue());
    }
    JschAlgorithms.apply(session, hop.settings.keySet());
    Socket[] socket = new Socket[1];
    try {
      if (hop.keepAlive != null) {
        session.setServerAliveInterval(millis(hop.keepAlive));
        session.setServerAliveCountMax(hop.keepAliveCountMax);
      }
      if (via != null) {
        session.setProxy(new JumpProxy(via));
      } else if (hop.proxyCommand != null) {
        session.setProxy(new CommandProxy(hop.proxyCommand));
      } else {
        session.setSocketFactory(
            new TimedSocketFactory(millis(hop.connectTimeout), address, socket));
      }
    } catch (JSchException e) {
      throw new SshException(
          "cannot set up the SSH session to " + where + ": " + e.getMessage(), name, e);
    }
    if (o.hostKeyPolicy == HostKeyPolicy.INSECURE_ACCEPT_UNKNOWN) {
      LOG.warn(
          "{}: unknown host keys are accepted unchecked (HostKeyPolicy.INSECURE_ACCEPT_UNKNOWN)",
          where);
    }
    // A hard deadline for the whole handshake, also through jump hosts (which have no socket to
    // time out).
    long deadline = (long) millis(hop.connectTimeout) + millis(o.authTimeout);
    ScheduledFuture<?> dog = watch(session, deadline);
    long t0 = System.nanoTime();
    try {
      session.connect(millis(o.authTimeout));
      LOG.debug(
          "{}: SSH session up in {} ms{}",
          where,
          (System.nanoTime() - t0) / 1_000_000,
          via != null ? " (through a jump host)" : "");
      return session;
    } catch (JSchException e) {
      session.disconnect();
      boolean late = dog.isDone();
      throw HandshakeErrors.translate(
          e, hop, hostKeys, offered, late, via != null, socket[0], name);
    } finally {
      dog.cancel(false);
    }
  }

  /** Disconnects {@code session} if its handshake is not over after {@code millis}. */
  private static ScheduledFuture<?> watch(Session session, long millis) {
    return Scheduler.shared().schedule(Duration.ofMillis(millis), session::disconnect);
  }

  /** Like OpenSSH, asks first for the host key types known_hosts holds for the host. */
  private static void preferKnownHostKeyTypes(Session session, Set<String> known) {
    if (known.isEmpty()) return;
    List<String> all =
        new ArrayList<>(Arrays.asList(session.getConfig("server_host_key").split(",")));
    List<String> first = new ArrayList<>();
    for (String t : known) {
      List<String> algs =
          t.equals("ssh-rsa") ? List.of("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa") : List.of(t);
      for (String a : algs) if (all.remove(a)) first.add(a);
    }
    first.addAll(all);
    session.setConfig("server_host_key", String.join(",", first));
  }

  private static void applyOption(Session session, String name, String value) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "ciphers":
        session.setConfig("cipher.c2s", algorithms(value, session.getConfig("cipher.c2s")));
        session.setConfig("cipher.s2c", algorithms(value, session.getConfig("cipher.s2c")));
        break;
      case "macs":
        session.setConfig("mac.c2s", algorithms(value, session.getConfig("mac.c2s")));
        session.setConfig("mac.s2c", algorithms(value, session.getConfig("mac.s2c")));
        break;
      case "kexalgorithms":
        session.setConfig("kex", algorithms(value, session.getConfig("kex")));
        break;
      case "hostkeyalgorithms":
        session.setConfig(
            "server_host_key", algorithms(value, session.getConfig("server_host_key")));
        break;
      case "pubkeyacceptedalgorithms":
      case "pubkeyacceptedkeytypes":
        session.setConfig(
            "PubkeyAcceptedAlgorithms",
            algorithms(value, session.getConfig("PubkeyAcceptedAlgorithms")));
        break;
      case "casignaturealgorithms":
        session.setConfig(
            "ca_signature_algorithms",
            algorithms(value, session.getConfig("ca_signature_algorithms")));
        break;
      case "preferredauthentications":
        session.setConfig("PreferredAuthentications", value);
        break;
      default:
        session.setConfig(name, value);
    }
  }

  /**
   * An algorithm list as ssh_config writes it: {@code +a,b} appends to the defaults, {@code -a*}
   * removes those matching the patterns, {@code ^a,b} puts them first; otherwise the list itself.
   */
  static String algorithms(String value, String defaults) {
    String v = value.strip();
    if (v.isEmpty() || "+-^".indexOf(v.charAt(0)) < 0 || defaults == null) return v;
    List<String> current = new ArrayList<>(Arrays.asList(defaults.split(",")));
    List<String> given = Arrays.asList(v.substring(1).split(","));
    switch (v.charAt(0)) {
      case '+':
        for (String g : given) if (!current.contains(g)) current.add(g);
        return String.join(",", current);
      case '-':
        current.removeIf(c -> SshPatterns.list(v.substring(1), c, false));
        return String.join(",", current);
      default:
        List<String> out = new ArrayList<>(given);
        for (String c : current) if (!out.contains(c)) out.add(c);
        return String.join(",", out);
    }
  }

  static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
  }

  /** JSch's own messages, on {@code io.rmote.ssh.jsch}: chatter at debug, trouble at warn. */
  private static final class JschLog implements com.jcraft.jsch.Logger {
    static final JschLog INSTANCE = new JschLog();
    private static final Logger L = LoggerFactory.getLogger("io.rmote.ssh.jsch");

    @Override
    public boolean isEnabled(int level) {
      return level >= WARN ? L.isWarnEnabled() : L.isDebugEnabled();
    }

    @Override
    public void log(int level, String message) {
      if (level >= WARN) L.warn(message);
      else L.debug(message);
    }
  }

  /** TCP with a connect timeout and Nagle off. */
  private static final class TimedSocketFactory implements com.jcraft.jsch.SocketFactory {
    private final int timeout;
    private final InetAddress address;
    private final Socket[] made;

    TimedSocketFactory(int timeout, InetAddress address, Socket[] made) {
      this.timeout = timeout;
      this.address = address;
      this.made = made;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      Socket s = new Socket();
      made[0] = s;
      try {
        s.connect(new InetSocketAddress(address, port), timeout);
        s.setTcpNoDelay(true);
      } catch (IOException e) {
        s.close();
        throw e;
      }
      return s;
    }

    @Override
    public InputStream getInputStream(Socket socket) throws IOException {
      return socket.getInputStream();
    }

    @Override
    public OutputStream getOutputStream(Socket socket) throws IOException {
      return socket.getOutputStream();
    }
  }
}
