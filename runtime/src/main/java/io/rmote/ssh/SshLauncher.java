package io.rmote.ssh;


import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ConfigRepository;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.OpenSSHConfig;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import io.rmote.Become;
import io.rmote.internal.launch.BecomeHandshake;
import io.rmote.internal.scheduling.Scheduler;
import io.rmote.transport.Launcher;
import io.rmote.internal.launch.ShellQuote;
import io.rmote.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.Vector;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the remote interpreter over SSH with JSch: one session (plus one per jump host), one
 * exec channel whose command is the shell-quoted interpreter command line, and the channel's
 * stdin, stdout and stderr as the {@link Transport}. Made by {@link io.rmote.Remote.Builder#ssh}
 * through {@link io.rmote.internal.launch.LaunchAccess}, which {@link Ssh} hands this constructor.
 */
final class SshLauncher implements Launcher {
  private static final Logger LOG = LoggerFactory.getLogger(SshLauncher.class);
  /** More nested jump hosts than any real network has: a config that gets there loops. */
  private static final int MAX_JUMP_DEPTH = 16;

  private final Ssh ssh;
  private final String python;
  private final Map<String, String> environment;
  private final Become become;
  private final String name;

  /**
   * @param python the interpreter: a name on the remote PATH or a path
   * @param environment variables set for the interpreter (through {@code env})
   * @param become runs the interpreter as another user, or {@code null}
   * @param name the connection's name in messages; {@code null} for the target as given
   */
  SshLauncher(Ssh ssh, String python, Map<String, String> environment, Become become, String name) {
    this.ssh = ssh;
    this.python = python;
    this.environment = new LinkedHashMap<>(environment);
    this.become = become;
    this.name = name != null ? name : ssh.target();
  }

  @Override
  public String name() {
    return name;
  }

  /** The remote command line for the interpreter's arguments: every word quoted for the remote shell. */
  String commandLine(List<String> pythonArgs, BecomeHandshake handshake) {
    List<String> interpreter = new ArrayList<>();
    if (!environment.isEmpty()) {
      interpreter.add("env");
      environment.forEach((k, v) -> {
        if (k.isEmpty() || k.contains("=")) throw new IllegalArgumentException("not a variable name: '" + k + "'");
        interpreter.add(k + "=" + v);
      });
    }
    interpreter.add(python);
    interpreter.addAll(pythonArgs);
    return ShellQuote.join(handshake != null ? handshake.command(become, interpreter) : interpreter);
  }

  @Override
  public Transport launch(List<String> pythonArgs) throws IOException {
    ConfigRepository config = loadConfig(ssh);
    List<Session> sessions = new ArrayList<>();
    boolean handedOver = false;
    try {
      Hop target = resolve(ssh, config, true);
      Session via = null;
      for (Ssh jump : expandJumps(target.jumps, config, List.of(hopName(ssh)))) {
        via = connect(resolve(jump, config, false), via);
        sessions.add(via);
      }
      Session session = connect(target, via);
      sessions.add(session);
      BecomeHandshake handshake = become != null ? BecomeHandshake.create() : null;
      ChannelExec channel;
      try {
        channel = (ChannelExec) session.openChannel("exec");
        channel.setCommand(commandLine(pythonArgs, handshake));
        InputStream stdout = channel.getInputStream();
        InputStream stderr = channel.getErrStream();
        OutputStream stdin = channel.getOutputStream();
        channel.connect(millis(ssh.authTimeout));
        SshTransport transport = new SshTransport(channel, sessions, stdout, stdin, stderr);
        handedOver = true;
        return handshake != null ? handshake.await(transport, become, name) : transport;
      } catch (JSchException e) {
        throw new SshException("the server refused to run the interpreter: " + e.getMessage(), name, e);
      }
    } finally {
      if (!handedOver) disconnect(sessions);
    }
  }

  // ---- resolution -------------------------------------------------------------------------

  /** One SSH hop with everything the config file and the code say about it. */
  static final class Hop {
    final Ssh options;
    final String hostname;
    final String user;
    final int port;
    final List<Ssh.Identity> identities;
    final List<Ssh> jumps;

    Hop(Ssh options, String hostname, String user, int port, List<Ssh.Identity> identities, List<Ssh> jumps) {
      this.options = options;
      this.hostname = hostname;
      this.user = user;
      this.port = port;
      this.identities = identities;
      this.jumps = jumps;
    }

    String describe() {
      return user + "@" + hostname + (port != 22 ? ":" + port : "");
    }
  }

  private static ConfigRepository loadConfig(Ssh ssh) {
    if (!ssh.useConfig) return null;
    Path file = ssh.config != null ? ssh.config : Ssh.defaultConfig();
    if (file == null) return null;
    try {
      return OpenSSHConfig.parseFile(file.toString());
    } catch (IOException e) {
      throw new SshException("cannot read the SSH config file " + file + ": " + e.getMessage(), ssh.target(), e);
    }
  }

  /**
   * All hops before a connection, in the order they are dialled, as OpenSSH finds them: the
   * first jump host of a chain is itself reached through the jumps that its own options or
   * config entry name, and so on; the later hops of a chain go through the earlier ones.
   *
   * @param path the hosts being reached, outermost first, to tell a loop from a chain
   */
  static List<Ssh> expandJumps(List<Ssh> jumps, ConfigRepository config, List<String> path) {
    if (jumps.isEmpty()) return jumps;
    Ssh first = jumps.get(0);
    if (path.contains(hopName(first)) || path.size() > MAX_JUMP_DEPTH) {
      throw new SshException("ProxyJump loops: " + String.join(" -> ", path) + " -> " + hopName(first)
          + " (give a jump host 'ProxyJump none' in its own Host entry)", path.get(0), null);
    }
    List<String> deeper = new ArrayList<>(path);
    deeper.add(hopName(first));
    List<Ssh> all = new ArrayList<>(expandJumps(resolve(first, config, true).jumps, config, deeper));
    all.addAll(jumps);
    return all;
  }

  /** A hop as given, before the config file resolves it: an alias, or an address with its port. */
  private static String hopName(Ssh s) {
    return s.port > 0 ? s.host + ":" + s.port : s.host;
  }

  static Hop resolve(Ssh s, ConfigRepository config, boolean withJumps) {
    ConfigRepository.Config c = config != null ? config.getConfig(s.host) : null;
    String hostname = s.host;
    if (c != null && c.getHostname() != null) hostname = c.getHostname().replace("%h", s.host);
    String user = s.user;
    if (user == null && c != null && c.getUser() != null) user = c.getUser();
    if (user == null) user = System.getProperty("user.name");
    int port = s.port > 0 ? s.port : (c != null && c.getPort() > 0 ? c.getPort() : 22);
    List<Ssh.Identity> ids = new ArrayList<>(s.identities);
    if (c != null) {
      for (String f : c.getValues("IdentityFile")) {
        ids.add(new Ssh.Identity(Path.of(expandTokens(f, s.host, user)), null));
      }
    }
    if (ids.isEmpty()) {
      for (Path p : Ssh.defaultIdentities()) ids.add(new Ssh.Identity(p, null));
    }
    List<Ssh> jumps = new ArrayList<>();
    if (withJumps) {
      if (!s.jumps.isEmpty()) {
        jumps.addAll(s.jumps);
      } else if (c != null && c.getValue("ProxyJump") != null && !c.getValue("ProxyJump").equalsIgnoreCase("none")) {
        for (String hop : c.getValue("ProxyJump").split(",")) {
          // a hop named only in the config inherits this connection's host-key settings
          Ssh.Builder b = Ssh.to(hop.strip()).hostKeyPolicy(s.hostKeyPolicy)
              .connectTimeout(s.connectTimeout).authTimeout(s.authTimeout);
          if (s.knownHosts != null) b.knownHosts(s.knownHosts);
          if (s.config != null) b.config(s.config);
          if (s.agentSocket != null) b.agentSocket(s.agentSocket);
          jumps.add(b.build());
        }
      }
    }
    return new Hop(s, hostname, user, port, ids, jumps);
  }

  private static String expandTokens(String file, String host, String remoteUser) {
    String home = System.getProperty("user.home");
    String f = Ssh.expandHome(file);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < f.length(); i++) {
      char ch = f.charAt(i);
      if (ch != '%' || i + 1 == f.length()) {
        out.append(ch);
        continue;
      }
      char t = f.charAt(++i);
      switch (t) {
        case 'd': out.append(home); break;
        case 'u': out.append(System.getProperty("user.name")); break;
        case 'h': out.append(host); break;
        case 'r': out.append(remoteUser); break;
        case '%': out.append('%'); break;
        default: out.append('%').append(t);
      }
    }
    return out.toString();
  }

  // ---- connecting -------------------------------------------------------------------------

  private Session connect(Hop hop, Session via) {
    Ssh o = hop.options;
    String where = hop.describe();
    Path knownHostsFile = o.knownHosts != null ? o.knownHosts : Ssh.defaultKnownHosts();
    KnownHostsRepository hostKeys;
    Session session;
    Offered offered = new Offered();
    JSch jsch = new JSch();
    jsch.setInstanceLogger(JschLog.INSTANCE);
    try {
      hostKeys = new KnownHostsRepository(knownHostsFile, o.hostKeyPolicy);
      jsch.setHostKeyRepository(hostKeys);
      jsch.setIdentityRepository(identities(hop, offered));
      session = jsch.getSession(hop.user, hop.hostname, hop.port);
    } catch (JSchException e) {
      throw new SshException("cannot set up the SSH session to " + where + ": " + e.getMessage(), name, e);
    }
    session.setDaemonThread(true);
    session.setConfig("StrictHostKeyChecking", "yes");
    session.setConfig("HashKnownHosts", "no");
    String methods = "publickey";
    if (o.password != null) {
      methods += ",keyboard-interactive,password";
      session.setPassword(utf8(o.password));
      offered.methods.add("password");
    }
    session.setConfig("PreferredAuthentications", methods);
    String z = Boolean.TRUE.equals(o.compression) ? "zlib@openssh.com,zlib,none" : "none";
    session.setConfig("compression.s2c", z);
    session.setConfig("compression.c2s", z);
    preferKnownHostKeyTypes(session, hostKeys.knownTypes(KnownHostsRepository.keyHost(hop.hostname, hop.port)));
    for (Map.Entry<String, String> e : o.options.entrySet()) applyOption(session, e.getKey(), e.getValue());
    Socket[] socket = new Socket[1];
    try {
      if (o.keepAlive != null) {
        session.setServerAliveInterval(millis(o.keepAlive));
        session.setServerAliveCountMax(o.keepAliveCountMax);
      }
      if (via != null) {
        session.setProxy(new JumpProxy(via));
      } else {
        session.setSocketFactory(new TimedSocketFactory(millis(o.connectTimeout), socket));
      }
    } catch (JSchException e) {
      throw new SshException("cannot set up the SSH session to " + where + ": " + e.getMessage(), name, e);
    }
    if (o.hostKeyPolicy == Ssh.HostKeyPolicy.INSECURE_ACCEPT_UNKNOWN) {
      LOG.warn("{}: unknown host keys are accepted unchecked (HostKeyPolicy.INSECURE_ACCEPT_UNKNOWN)", where);
    }
    // A hard deadline for the whole handshake, also through jump hosts (which have no socket to time out).
    long deadline = (long) millis(o.connectTimeout) + millis(o.authTimeout);
    ScheduledFuture<?> dog = Scheduler.shared().schedule(Duration.ofMillis(deadline), session::disconnect);
    long t0 = System.nanoTime();
    try {
      session.connect(millis(o.authTimeout));
      LOG.debug("{}: SSH session up in {} ms{}", where, (System.nanoTime() - t0) / 1_000_000,
          via != null ? " (through a jump host)" : "");
      return session;
    } catch (JSchException e) {
      session.disconnect();
      boolean late = dog.isDone();
      throw translate(e, hop, hostKeys, offered, late, via != null);
    } finally {
      dog.cancel(false);
    }
  }

  private RuntimeException translate(JSchException e, Hop hop, KnownHostsRepository hostKeys, Offered offered,
      boolean late, boolean jumped) {
    String where = hop.describe();
    String msg = String.valueOf(e.getMessage());
    if (hostKeys.refused() || e instanceof JSchUnknownHostKeyException || e instanceof JSchChangedHostKeyException
        || msg.startsWith("UnknownHostKey") || msg.startsWith("HostKey has been changed")) {
      return hostKeys.refusal(name, e);
    }
    if (msg.startsWith("Auth fail") || msg.startsWith("Auth cancel")) {
      return new AuthenticationException("authentication as " + hop.user + " at " + hop.hostname + ":" + hop.port
          + " failed: the server accepted none of " + offered.describe(), name, null);
    }
    Throwable c = e.getCause();
    if (c instanceof UnknownHostException) {
      return new SshException("unknown host " + hop.hostname, name, e);
    }
    if (c instanceof ConnectException || c instanceof NoRouteToHostException) {
      return new SshException("cannot connect to " + hop.hostname + ":" + hop.port + ": " + c.getMessage(), name, e);
    }
    if (late || c instanceof SocketTimeoutException || msg.contains("timeout") || msg.contains("timed out")) {
      return new SshException("the SSH connection to " + where + " timed out (connect timeout "
          + hop.options.connectTimeout.toMillis() + " ms, authentication timeout " + hop.options.authTimeout.toMillis()
          + " ms)", name, e);
    }
    if (jumped && (msg.contains("channel is not opened") || msg.contains("ChannelOpenFailure") || msg.contains("proxy"))) {
      return new SshException("the jump host would not forward to " + hop.hostname + ":" + hop.port + ": " + msg, name, e);
    }
    return new SshException("the SSH connection to " + where + " failed: " + msg, name, e);
  }

  /** What authentication offered, for the message when the server refuses it all: names only. */
  private static final class Offered {
    final List<String> methods = new ArrayList<>();

    String describe() {
      return methods.isEmpty() ? "nothing (no key file, agent or password)" : String.join(", ", methods);
    }
  }

  private IdentityRepository identities(Hop hop, Offered offered) {
    List<Identity> keys = new ArrayList<>();
    for (Ssh.Identity id : hop.identities) {
      if (!Files.isReadable(id.file)) {
        if (!hop.options.identities.contains(id)) continue; // a default or config-file key that is not there
        throw new AuthenticationException("cannot read the identity file " + id.file, name, null);
      }
      JSch loader = new JSch();
      try {
        loader.addIdentity(id.file.toString(), id.passphrase == null ? null : id.passphrase.clone());
      } catch (JSchException e) {
        throw new AuthenticationException("cannot load the identity file " + id.file + ": " + e.getMessage(), name, e);
      }
      for (Identity k : loader.getIdentityRepository().getIdentities()) {
        if (k.isEncrypted()) {
          if (hop.options.identities.contains(id)) {
            throw new AuthenticationException("cannot decrypt the identity file " + id.file + ": "
                + (id.passphrase == null ? "it is encrypted and no passphrase was given" : "wrong passphrase"), name, null);
          }
          LOG.warn("{}: skipping the encrypted identity file {} (no passphrase given)", name, id.file);
          continue;
        }
        keys.add(k);
        offered.methods.add("key " + id.file);
      }
    }
    IdentityRepository agent = null;
    if (hop.options.agent) {
      Path sock = hop.options.agentSocket;
      if (sock == null && System.getenv("SSH_AUTH_SOCK") != null) sock = Path.of(System.getenv("SSH_AUTH_SOCK"));
      if (sock != null && Files.exists(sock)) {
        try {
          agent = new AgentIdentityRepository(new SSHAgentConnector(sock));
          offered.methods.add("ssh-agent keys");
        } catch (Exception | LinkageError e) {
          LOG.debug("{}: no ssh-agent at {}: {}", name, sock, e.toString());
        }
      }
    }
    return new Keys(keys, agent);
  }

  /** Keys from files first, then the agent's; read-only. */
  private static final class Keys implements IdentityRepository {
    private final List<Identity> files;
    private final IdentityRepository agent;

    Keys(List<Identity> files, IdentityRepository agent) {
      this.files = files;
      this.agent = agent;
    }

    @Override
    public String getName() {
      return "rmote";
    }

    @Override
    public int getStatus() {
      return RUNNING;
    }

    @Override
    public Vector<Identity> getIdentities() {
      Vector<Identity> all = new Vector<>(files);
      if (agent != null) {
        try {
          all.addAll(agent.getIdentities());
        } catch (RuntimeException e) {
          LOG.debug("ssh-agent: {}", e.toString());
        }
      }
      return all;
    }

    @Override
    public boolean add(byte[] identity) {
      return false;
    }

    @Override
    public boolean remove(byte[] blob) {
      return false;
    }

    @Override
    public void removeAll() {}
  }

  /** Like OpenSSH, asks first for the host key types known_hosts holds for the host. */
  private static void preferKnownHostKeyTypes(Session session, Set<String> known) {
    if (known.isEmpty()) return;
    List<String> all = new ArrayList<>(Arrays.asList(session.getConfig("server_host_key").split(",")));
    List<String> first = new ArrayList<>();
    for (String t : known) {
      List<String> algs = t.equals("ssh-rsa") ? List.of("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa") : List.of(t);
      for (String a : algs) if (all.remove(a)) first.add(a);
    }
    first.addAll(all);
    session.setConfig("server_host_key", String.join(",", first));
  }

  private static void applyOption(Session session, String name, String value) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "ciphers":
        session.setConfig("cipher.c2s", value);
        session.setConfig("cipher.s2c", value);
        break;
      case "macs":
        session.setConfig("mac.c2s", value);
        session.setConfig("mac.s2c", value);
        break;
      case "kexalgorithms":
        session.setConfig("kex", value);
        break;
      case "hostkeyalgorithms":
        session.setConfig("server_host_key", value);
        break;
      case "pubkeyacceptedalgorithms":
      case "pubkeyacceptedkeytypes":
        session.setConfig("PubkeyAcceptedAlgorithms", value);
        break;
      case "preferredauthentications":
        session.setConfig("PreferredAuthentications", value);
        break;
      default:
        session.setConfig(name, value);
    }
  }

  private static byte[] utf8(char[] chars) {
    ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] out = new byte[b.remaining()];
    b.get(out);
    if (b.hasArray()) Arrays.fill(b.array(), b.arrayOffset(), b.arrayOffset() + b.capacity(), (byte) 0);
    return out;
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
  }

  private static void disconnect(List<Session> sessions) {
    List<Session> reversed = new ArrayList<>(sessions);
    Collections.reverse(reversed);
    for (Session s : reversed) s.disconnect();
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
    private final Socket[] made;

    TimedSocketFactory(int timeout, Socket[] made) {
      this.timeout = timeout;
      this.made = made;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      Socket s = new Socket();
      made[0] = s;
      try {
        s.connect(new InetSocketAddress(host, port), timeout);
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

  /** The exec channel as a transport; closing it also ends the sessions it runs over. */
  private static final class SshTransport implements Transport {
    private final ChannelExec channel;
    private final List<Session> sessions;
    private final InputStream stdout;
    private final OutputStream stdin;
    private final InputStream stderr;

    SshTransport(ChannelExec channel, List<Session> sessions, InputStream stdout, OutputStream stdin, InputStream stderr) {
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
  }
}
