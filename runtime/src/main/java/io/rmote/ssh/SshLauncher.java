package io.rmote.ssh;


import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
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
import java.net.InetAddress;
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
import java.util.concurrent.ConcurrentHashMap;
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
    SshConfig config = loadConfig(ssh);
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
    final List<Path> certificates;
    final boolean identitiesOnly;
    /** The agent's socket; {@code null} for no agent. */
    final Path agentSocket;
    final List<Path> userKnownHosts;
    final List<Path> globalKnownHosts;
    final String hostKeyAlias;
    final String addressFamily;
    final Duration connectTimeout;
    final Duration keepAlive;
    final int keepAliveCountMax;
    final int connectionAttempts;
    /** ssh_config keyword (lower case) to value, for the algorithm lists and JSch's own keys. */
    final Map<String, String> settings;
    final List<Ssh> jumps;
    /** The ProxyCommand with its tokens expanded, or {@code null}. */
    final String proxyCommand;

    Hop(Ssh options, Map<String, List<String>> v, String hostname, String user, int port,
        List<Ssh.Identity> identities, List<Path> certificates, Path agentSocket, List<Path> userKnownHosts,
        List<Path> globalKnownHosts, List<Ssh> jumps, String proxyCommand) {
      this.options = options;
      this.proxyCommand = proxyCommand;
      this.hostname = hostname;
      this.user = user;
      this.port = port;
      this.identities = identities;
      this.certificates = certificates;
      this.identitiesOnly = v.containsKey("identitiesonly") && yes(v.get("identitiesonly").get(0));
      this.agentSocket = agentSocket;
      this.userKnownHosts = userKnownHosts;
      this.globalKnownHosts = globalKnownHosts;
      this.hostKeyAlias = v.containsKey("hostkeyalias") ? v.get("hostkeyalias").get(0) : null;
      this.addressFamily = v.containsKey("addressfamily") ? v.get("addressfamily").get(0).toLowerCase(Locale.ROOT) : "any";
      this.connectTimeout = !options.connectTimeoutSet && v.containsKey("connecttimeout")
          && !v.get("connecttimeout").get(0).equalsIgnoreCase("none")
          ? Duration.ofSeconds(Long.parseLong(v.get("connecttimeout").get(0))) : options.connectTimeout;
      Duration ka = options.keepAlive;
      int kc = options.keepAliveCountMax;
      if (!options.keepAliveSet) {
        if (v.containsKey("serveraliveinterval")) {
          long sec = Long.parseLong(v.get("serveraliveinterval").get(0));
          ka = sec <= 0 ? null : Duration.ofSeconds(sec);
        }
        if (v.containsKey("serveralivecountmax")) kc = Integer.parseInt(v.get("serveralivecountmax").get(0));
      }
      this.keepAlive = ka;
      this.keepAliveCountMax = kc;
      this.connectionAttempts = v.containsKey("connectionattempts") ? Integer.parseInt(v.get("connectionattempts").get(0)) : 1;
      Map<String, String> settings = new LinkedHashMap<>();
      for (String k : List.of("ciphers", "macs", "kexalgorithms", "hostkeyalgorithms", "pubkeyacceptedalgorithms",
          "casignaturealgorithms", "preferredauthentications", "compression")) {
        if (v.containsKey(k)) settings.put(k, String.join(",", v.get(k)));
      }
      options.options.forEach((k, val) -> {
        if (SshKeywords.find(k) == null) settings.put(k, val); // a JSch key given in code
      });
      this.settings = settings;
      this.jumps = jumps;
    }

    String describe() {
      return user + "@" + hostname + (port != 22 ? ":" + port : "");
    }

    /** The name known_hosts is searched for: the HostKeyAlias, else {@code host} or {@code [host]:port}. */
    String keyHost() {
      return hostKeyAlias != null ? hostKeyAlias : KnownHostsRepository.keyHost(hostname, port);
    }
  }

  private static boolean yes(String v) {
    return v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true");
  }

  private static SshConfig loadConfig(Ssh ssh) {
    if (!ssh.useConfig) return null;
    Path file = ssh.config != null ? ssh.config : Ssh.defaultConfig();
    if (file == null) return null;
    if (!Files.isReadable(file)) {
      throw new SshException("cannot read the SSH config file " + file, ssh.target(), null);
    }
    return new SshConfig(file, ssh.configMatchExec);
  }

  /**
   * All hops before a connection, in the order they are dialled, as OpenSSH finds them: the
   * first jump host of a chain is itself reached through the jumps that its own options or
   * config entry name, and so on; the later hops of a chain go through the earlier ones.
   *
   * @param path the hosts being reached, outermost first, to tell a loop from a chain
   */
  static List<Ssh> expandJumps(List<Ssh> jumps, SshConfig config, List<String> path) {
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

  /** Config-file keywords already warned about, so that a fleet logs each once. */
  private static final Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** What the code set, in ssh_config's terms, so that it wins over the file and Match sees it. */
  static Map<String, List<String>> preset(Ssh s) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    s.options.forEach((k, v) -> {
      SshKeywords.Keyword kw = SshKeywords.find(k);
      if (kw == null) return;
      boolean lists = kw.key().endsWith("knownhostsfile");
      p.put(kw.key(), lists ? List.of(v.strip().split("\\s+")) : List.of(v));
    });
    if (s.user != null) p.put("user", List.of(s.user));
    if (s.port > 0) p.put("port", List.of(String.valueOf(s.port)));
    if (s.knownHosts != null) p.put("userknownhostsfile", List.of(s.knownHosts.toString()));
    if (!s.jumps.isEmpty()) p.put("proxyjump", List.of(s.jumps.stream().map(Ssh::target).collect(java.util.stream.Collectors.joining(","))));
    return p;
  }

  static Hop resolve(Ssh s, SshConfig config, boolean withJumps) {
    Map<String, List<String>> preset = preset(s);
    Map<String, List<String>> v = config != null ? config.resolve(s.host, preset) : preset;
    String where = config != null ? " (" + config.file() + ")" : "";
    for (String k : v.keySet()) {
      if (preset.containsKey(k)) continue;
      SshKeywords.Keyword kw = SshKeywords.find(k);
      SshKeywords.Treatment t = kw.name.equals("StrictHostKeyChecking") ? SshKeywords.Treatment.REFUSED : kw.treatment;
      switch (t) {
        case FAILS:
          throw new SshException(kw.name + " " + String.join(" ", v.get(k)) + " for " + s.host + where
              + " is not supported by rmote: " + kw.why, s.target(), null);
        case REFUSED:
        case IGNORED:
          if (WARNED.add(config.file() + " " + s.host + " " + k)) {
            LOG.warn("{}: {} {} in {} is {}: {}", s.host, kw.name, String.join(" ", v.get(k)), config.file(),
                t == SshKeywords.Treatment.REFUSED ? "refused" : "ignored",
                t == SshKeywords.Treatment.REFUSED && kw.name.equals("StrictHostKeyChecking")
                    ? "host-key checking is set in code only (Ssh.Builder.hostKeyPolicy)" : kw.why);
          }
          break;
        default:
          break;
      }
    }
    String hostname = v.containsKey("hostname") ? SshConfig.Tokens.hostName(v.get("hostname").get(0), s.host) : s.host;
    String user = v.containsKey("user") ? v.get("user").get(0) : System.getProperty("user.name");
    int port;
    try {
      port = v.containsKey("port") ? Integer.parseInt(v.get("port").get(0)) : 22;
    } catch (NumberFormatException e) {
      throw new SshException("Port " + v.get("port").get(0) + where + " is not a number", s.target(), null);
    }
    Map<Character, String> tokens = SshConfig.Tokens.map(hostname, s.host, String.valueOf(port), user, v);
    List<Ssh.Identity> ids = new ArrayList<>(s.identities);
    for (String f : v.getOrDefault("identityfile", List.of())) {
      if (f.equalsIgnoreCase("none")) continue;
      ids.add(new Ssh.Identity(Path.of(SshConfig.Tokens.expand(f, tokens, "IdentityFile")), null));
    }
    if (ids.isEmpty()) {
      for (Path p : Ssh.defaultIdentities()) ids.add(new Ssh.Identity(p, null));
    }
    List<Path> certs = new ArrayList<>();
    for (String f : v.getOrDefault("certificatefile", List.of())) {
      certs.add(Path.of(SshConfig.Tokens.expand(f, tokens, "CertificateFile")));
    }
    Path agent = null;
    if (s.agent) {
      String a = s.agentSocket != null ? s.agentSocket.toString()
          : v.containsKey("identityagent") ? v.get("identityagent").get(0) : "SSH_AUTH_SOCK";
      if (a.equals("SSH_AUTH_SOCK")) {
        a = System.getenv("SSH_AUTH_SOCK");
      } else if (a.equalsIgnoreCase("none")) {
        a = null;
      } else if (a.startsWith("$") && !a.startsWith("${")) {
        a = System.getenv(a.substring(1));
      } else {
        a = SshConfig.Tokens.expand(a, tokens, "IdentityAgent");
      }
      agent = a == null ? null : Path.of(a);
    }
    List<Path> userFiles = new ArrayList<>();
    for (String f : v.getOrDefault("userknownhostsfile", List.of("~/.ssh/known_hosts", "~/.ssh/known_hosts2"))) {
      if (!f.equalsIgnoreCase("none")) userFiles.add(Path.of(SshConfig.Tokens.expand(f, tokens, "UserKnownHostsFile")));
    }
    List<Path> globalFiles = new ArrayList<>();
    for (String f : v.getOrDefault("globalknownhostsfile", List.of("/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"))) {
      if (!f.equalsIgnoreCase("none")) globalFiles.add(Path.of(SshConfig.Tokens.expand(f, tokens, "GlobalKnownHostsFile")));
    }
    List<Ssh> jumps = new ArrayList<>();
    if (withJumps) {
      if (!s.jumps.isEmpty()) {
        jumps.addAll(s.jumps);
      } else if (v.containsKey("proxyjump") && !v.get("proxyjump").get(0).equalsIgnoreCase("none")) {
        for (String hop : v.get("proxyjump").get(0).split(",")) {
          // a hop named only in the config inherits this connection's host-key settings
          Ssh.Builder b = Ssh.to(hop.strip()).hostKeyPolicy(s.hostKeyPolicy).authTimeout(s.authTimeout)
              .configMatchExec(s.configMatchExec);
          if (s.connectTimeoutSet) b.connectTimeout(s.connectTimeout);
          if (s.knownHosts != null) b.knownHosts(s.knownHosts);
          if (s.config != null) b.config(s.config);
          if (!s.useConfig) b.noConfig();
          if (s.agentSocket != null) b.agentSocket(s.agentSocket);
          jumps.add(b.build());
        }
      }
    }
    String proxyCommand = null;
    if (s.jumps.isEmpty() && v.containsKey("proxycommand") && !v.get("proxycommand").get(0).equalsIgnoreCase("none")) {
      proxyCommand = SshConfig.Tokens.expand(v.get("proxycommand").get(0), tokens, "ProxyCommand");
    }
    try {
      return new Hop(s, v, hostname, user, port, ids, certs, agent, userFiles, globalFiles, jumps, proxyCommand);
    } catch (NumberFormatException e) {
      throw new SshException("a number in the SSH options of " + s.host + where + " is not one: " + e.getMessage(), s.target(), null);
    }
  }

  // ---- connecting -------------------------------------------------------------------------

  /** How often a connection closed or reset before authentication is tried again (a busy sshd, MaxStartups). */
  static final int BUSY_RETRIES = 6;

  /**
   * One hop: every address of its name in turn (IPv6 and IPv4 as the resolver orders them,
   * filtered by AddressFamily), the whole round {@code ConnectionAttempts} times; a connection
   * the server closes or resets before authentication is retried with backoff and jitter.
   */
  @SuppressWarnings("try") // the pass is held for the handshake, never read
  private Session connect(Hop hop, Session via) {
    if (via != null || hop.proxyCommand != null) return connectOnce(hop, via, null);
    List<InetAddress> addresses = addresses(hop);
    List<String> failures = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      for (InetAddress address : addresses) {
        for (int retry = 0; ; retry++) {
          try (Gate.Pass pass = Gate.enter(address, hop.port, hop.options.handshakesPerServer)) {
            return connectOnce(hop, null, address);
          } catch (AddressFailure f) {
            failures.add(literal(address) + ": " + f.getMessage());
            break;
          } catch (EarlyClose c) {
            if (retry < BUSY_RETRIES) {
              LOG.debug("{}: {} closed the connection before authentication ({}); trying again", name, literal(address), c.getMessage());
              pause(backoff(retry));
              continue;
            }
            throw new SshException("the server at " + literal(address) + " port " + hop.port + " refused new"
                + " connections: it closed or reset " + (retry + 1) + " in a row before authentication (" + c.getMessage()
                + "). It is probably busy with too many unauthenticated connections (sshd's MaxStartups);"
                + " connect fewer at once", name, c.getCause());
          }
        }
      }
      if (attempt >= hop.connectionAttempts) break;
      pause(1000);
    }
    throw new SshException("cannot connect to " + hop.hostname + ":" + hop.port + ": "
        + String.join("; ", failures), name, null);
  }

  /** The host's addresses, in the resolver's order, as AddressFamily allows. */
  private List<InetAddress> addresses(Hop hop) {
    InetAddress[] all;
    try {
      all = RESOLVER.resolve(hop.hostname);
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
      throw new SshException("unknown host " + hop.hostname + ": it has no " + (hop.addressFamily.equals("inet") ? "IPv4" : "IPv6")
          + " address (AddressFamily " + hop.addressFamily + ")", name, null);
    }
    return out;
  }

  /** How names become addresses; tests replace it to make a name with two addresses without touching /etc/hosts. */
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  static volatile Resolver RESOLVER = InetAddress::getAllByName;

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

  /** This address could not be reached at all (refused, unreachable, timed out): try the next. */
  private static final class AddressFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AddressFailure(String why, Throwable cause) {
      super(why, cause, false, false);
    }
  }

  /** The server took the TCP connection, then closed or reset it before authentication. */
  private static final class EarlyClose extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EarlyClose(String why, Throwable cause) {
      super(why, cause, false, false);
    }
  }

  /**
   * At most {@link Ssh.Builder#handshakesPerServer} SSH handshakes at once to one server address in this
   * JVM, whatever the fleet or thread pool around: sshd drops unauthenticated connections beyond
   * its MaxStartups (10 by default), so more at once only turns into resets.
   */
  static final class Gate {
    private static final ConcurrentHashMap<String, java.util.concurrent.Semaphore> GATES = new ConcurrentHashMap<>();

    interface Pass extends AutoCloseable {
      @Override
      void close();
    }

    static Pass enter(InetAddress address, int port, int permits) {
      java.util.concurrent.Semaphore s = GATES.computeIfAbsent(address.getHostAddress() + "/" + port + "/" + permits,
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

  private Session connectOnce(Hop hop, Session via, InetAddress address) {
    Ssh o = hop.options;
    String where = hop.describe();
    KnownHostsRepository hostKeys;
    Session session;
    Offered offered = new Offered();
    JSch jsch = new JSch();
    jsch.setInstanceLogger(JschLog.INSTANCE);
    try {
      hostKeys = new KnownHostsRepository(hop.userKnownHosts, hop.globalKnownHosts, hop.keyHost(), o.hostKeyPolicy);
      jsch.setHostKeyRepository(hostKeys);
      jsch.setIdentityRepository(identities(hop, offered));
      session = jsch.getSession(hop.user, hop.hostname, hop.port);
    } catch (JSchException e) {
      throw new SshException("cannot set up the SSH session to " + where + ": " + e.getMessage(), name, e);
    }
    if (hop.hostKeyAlias != null) session.setHostKeyAlias(hop.hostKeyAlias);
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
    boolean z0 = Boolean.TRUE.equals(o.compression)
        || (o.compression == null && "yes".equalsIgnoreCase(hop.settings.getOrDefault("compression", "no")));
    String z = z0 ? "zlib@openssh.com,zlib,none" : "none";
    session.setConfig("compression.s2c", z);
    session.setConfig("compression.c2s", z);
    preferKnownHostKeyTypes(session, hostKeys.knownTypes(hop.keyHost()));
    for (Map.Entry<String, String> e : hop.settings.entrySet()) {
      if (!e.getKey().equals("compression")) applyOption(session, e.getKey(), e.getValue());
    }
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
        session.setSocketFactory(new TimedSocketFactory(millis(hop.connectTimeout), address, socket));
      }
    } catch (JSchException e) {
      throw new SshException("cannot set up the SSH session to " + where + ": " + e.getMessage(), name, e);
    }
    if (o.hostKeyPolicy == Ssh.HostKeyPolicy.INSECURE_ACCEPT_UNKNOWN) {
      LOG.warn("{}: unknown host keys are accepted unchecked (HostKeyPolicy.INSECURE_ACCEPT_UNKNOWN)", where);
    }
    // A hard deadline for the whole handshake, also through jump hosts (which have no socket to time out).
    long deadline = (long) millis(hop.connectTimeout) + millis(o.authTimeout);
    ScheduledFuture<?> dog = watch(session, deadline);
    long t0 = System.nanoTime();
    try {
      session.connect(millis(o.authTimeout));
      LOG.debug("{}: SSH session up in {} ms{}", where, (System.nanoTime() - t0) / 1_000_000,
          via != null ? " (through a jump host)" : "");
      return session;
    } catch (JSchException e) {
      session.disconnect();
      boolean late = dog.isDone();
      throw translate(e, hop, hostKeys, offered, late, via != null, socket[0]);
    } finally {
      dog.cancel(false);
    }
  }

  /** Disconnects {@code session} if its handshake is not over after {@code millis}. */
  private static ScheduledFuture<?> watch(Session session, long millis) {
    return Scheduler.shared().schedule(Duration.ofMillis(millis), session::disconnect);
  }

  private RuntimeException translate(JSchException e, Hop hop, KnownHostsRepository hostKeys, Offered offered,
      boolean late, boolean jumped, Socket socket) {
    String where = hop.describe();
    String msg = String.valueOf(e.getMessage());
    if (hostKeys.refused() || e instanceof com.jcraft.jsch.JSchHostKeyException
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
    boolean connected = socket != null && socket.isConnected();
    if (!jumped && !connected && (c instanceof ConnectException || c instanceof NoRouteToHostException
        || c instanceof SocketTimeoutException || c instanceof java.net.SocketException)) {
      String why = c instanceof SocketTimeoutException ? "timed out after " + hop.connectTimeout.toMillis() + " ms" : c.getMessage();
      return new AddressFailure(why, e);
    }
    boolean timedOut = late || c instanceof SocketTimeoutException || msg.contains("timeout") || msg.contains("timed out");
    if (!timedOut && !jumped && connected && (c instanceof java.net.SocketException || msg.contains("closed by foreign host")
        || msg.contains("End of IO Stream") || msg.contains("Connection reset") || msg.contains("invalid server's version"))) {
      return new EarlyClose(c != null ? c.getMessage() : msg, e);
    }
    if (timedOut) {
      return new SshException("the SSH connection to " + where + " timed out (connect timeout "
          + hop.connectTimeout.toMillis() + " ms, authentication timeout " + hop.options.authTimeout.toMillis()
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
    final List<String> missing = new ArrayList<>();

    String describe() {
      String s = methods.isEmpty() ? "nothing (no key file, agent or password)" : String.join(", ", methods);
      return missing.isEmpty() ? s : s + "; identity files named but not found: " + String.join(", ", missing);
    }
  }

  private IdentityRepository identities(Hop hop, Offered offered) {
    List<Identity> keys = new ArrayList<>();
    for (Ssh.Identity id : hop.identities) {
      if (!Files.isReadable(id.file)) {
        if (!hop.options.identities.contains(id)) {
          // a default or config-file key that is not there: ssh(1) goes on too
          if (!Ssh.defaultIdentities().contains(id.file)) offered.missing.add(id.file.toString());
          continue;
        }
        throw new AuthenticationException("cannot read the identity file " + id.file, name, null);
      }
      JSch loader = new JSch();
      try {
        Path cert = certificateFor(id.file, hop.certificates);
        if (cert != null) {
          loader.addIdentity(id.file.toString(), cert.toString(), id.passphrase == null ? null : id.passphrase.clone());
        } else {
          loader.addIdentity(id.file.toString(), id.passphrase == null ? null : id.passphrase.clone());
        }
      } catch (JSchException e) {
        if (id.passphrase != null && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("passphrase")) {
          // JSch 2 refuses a wrong passphrase when the key is loaded
          throw new AuthenticationException("cannot decrypt the identity file " + id.file + ": wrong passphrase", name, null);
        }
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
    Path sock = hop.agentSocket;
    if (sock != null && Files.exists(sock)) {
      try {
        agent = new AgentIdentityRepository(new SSHAgentConnector(sock));
        offered.methods.add(hop.identitiesOnly ? "ssh-agent keys matching the identity files" : "ssh-agent keys");
      } catch (Exception | LinkageError e) {
        LOG.debug("{}: no ssh-agent at {}: {}", name, sock, e.toString());
      }
    }
    return new Keys(keys, agent, hop.identitiesOnly);
  }

  /**
   * The CertificateFile that goes with a key: {@code KEY-cert.pub} beside it (as ssh(1) looks for
   * it), else a listed certificate named after the key, else the only one listed for the only key.
   */
  private static Path certificateFor(Path key, List<Path> certificates) {
    Path beside = key.resolveSibling(key.getFileName() + "-cert.pub");
    for (Path c : certificates) if (c.equals(beside) || c.getFileName().toString().startsWith(key.getFileName() + "-cert")) return c;
    if (Files.isReadable(beside)) return beside;
    return null;
  }

  /** Keys from files first, then the agent's; read-only. */
  private static final class Keys implements IdentityRepository {
    private final List<Identity> files;
    private final IdentityRepository agent;
    private final boolean onlyFiles;

    Keys(List<Identity> files, IdentityRepository agent, boolean onlyFiles) {
      this.files = files;
      this.agent = agent;
      this.onlyFiles = onlyFiles;
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
          for (Identity k : agent.getIdentities()) {
            // IdentitiesOnly: the agent may sign only for keys whose files are listed
            if (!onlyFiles || files.stream().anyMatch(f -> Arrays.equals(f.getPublicKeyBlob(), k.getPublicKeyBlob()))) all.add(k);
          }
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
        session.setConfig("server_host_key", algorithms(value, session.getConfig("server_host_key")));
        break;
      case "pubkeyacceptedalgorithms":
      case "pubkeyacceptedkeytypes":
        session.setConfig("PubkeyAcceptedAlgorithms", algorithms(value, session.getConfig("PubkeyAcceptedAlgorithms")));
        break;
      case "casignaturealgorithms":
        session.setConfig("ca_signature_algorithms", algorithms(value, session.getConfig("ca_signature_algorithms")));
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
        current.removeIf(c -> SshConfig.Patterns.list(v.substring(1), c, false));
        return String.join(",", current);
      default:
        List<String> out = new ArrayList<>(given);
        for (String c : current) if (!out.contains(c)) out.add(c);
        return String.join(",", out);
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
