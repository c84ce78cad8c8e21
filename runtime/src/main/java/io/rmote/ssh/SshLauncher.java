package io.rmote.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.rmote.Become;
import io.rmote.internal.launch.BecomeHandshake;
import io.rmote.internal.launch.ShellQuote;
import io.rmote.internal.scheduling.Timeouts;
import io.rmote.transport.Launcher;
import io.rmote.transport.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Starts the remote interpreter over SSH with JSch: one session (plus one per jump host), one exec
 * channel whose command is the shell-quoted interpreter command line, and the channel's stdin,
 * stdout and stderr as the {@link Transport}. Made by {@link io.rmote.Remote.Builder#ssh} through
 * {@link io.rmote.internal.launch.LaunchAccess}, which {@link Ssh} hands this constructor.
 */
final class SshLauncher implements Launcher {
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

  /**
   * The remote command line for the interpreter's arguments: every word quoted for the remote
   * shell.
   */
  String commandLine(List<String> pythonArgs, BecomeHandshake handshake) {
    List<String> interpreter = new ArrayList<>();
    if (!environment.isEmpty()) {
      interpreter.add("env");
      environment.forEach(
          (k, v) -> {
            if (k.isEmpty() || k.contains("="))
              throw new IllegalArgumentException("not a variable name: '" + k + "'");
            interpreter.add(k + "=" + v);
          });
    }
    interpreter.add(python);
    interpreter.addAll(pythonArgs);
    return ShellQuote.join(
        handshake != null ? handshake.command(become, interpreter) : interpreter);
  }

  @Override
  public Transport launch(List<String> pythonArgs) throws IOException {
    SshConfig config = HopResolver.loadConfig(ssh);
    List<Session> sessions = new ArrayList<>();
    boolean handedOver = false;
    try {
      Hop target = resolve(ssh, config, true);
      HopDialer dialer = new HopDialer(name);
      Session via = null;
      for (Ssh jump :
          HopResolver.expandJumps(target.jumps, config, List.of(HopResolver.hopName(ssh)))) {
        via = dialer.connect(resolve(jump, config, false), via);
        sessions.add(via);
      }
      Session session = dialer.connect(target, via);
      sessions.add(session);
      BecomeHandshake handshake = become != null ? BecomeHandshake.create() : null;
      ChannelExec channel;
      try {
        channel = (ChannelExec) session.openChannel("exec");
        channel.setCommand(commandLine(pythonArgs, handshake));
        // Our pipe, not JSch's: it holds 1 KiB while idle where JSch's keeps 32 KiB (StdoutPipe).
        StdoutPipe stdout = new StdoutPipe();
        channel.setOutputStream(stdout.sink(), false);
        // Pushed, not piped: a pipe would cost a drain thread and JSch's 32 KiB buffer.
        StderrRelay stderr = new StderrRelay();
        channel.setExtOutputStream(stderr, false);
        ChannelStdin stdin = new ChannelStdin(channel);
        channel.connect(HopSession.millis(ssh.authTimeout));
        SshTransport transport = new SshTransport(channel, sessions, stdout, stdin, stderr);
        handedOver = true;
        return handshake != null ? handshake.await(transport, become, name) : transport;
      } catch (JSchException e) {
        throw new SshException(
            "the server refused to run the interpreter: " + e.getMessage(), name, e);
      }
    } finally {
      if (!handedOver) SshTransport.disconnect(sessions);
    }
  }

  /** One SSH hop with everything the config file and the code say about it. */
  static final class Hop {
    final Ssh options;
    final String hostname;
    final String user;
    final int port;
    final List<SshIdentity> identities;
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

    Hop(
        Ssh options,
        Map<String, List<String>> v,
        String hostname,
        String user,
        int port,
        List<SshIdentity> identities,
        List<Path> certificates,
        Path agentSocket,
        List<Path> userKnownHosts,
        List<Path> globalKnownHosts,
        List<Ssh> jumps,
        String proxyCommand) {
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
      this.addressFamily =
          v.containsKey("addressfamily")
              ? v.get("addressfamily").get(0).toLowerCase(Locale.ROOT)
              : "any";
      this.connectTimeout =
          !options.setInCode.contains("connecttimeout") && v.containsKey("connecttimeout")
              ? SshOptionRules.connectTimeout(Long.parseLong(v.get("connecttimeout").get(0)))
              : options.connectTimeout;
      Duration ka = options.keepAlive;
      int kc = options.keepAliveCountMax;
      if (!options.setInCode.contains("serveraliveinterval")
          && v.containsKey("serveraliveinterval")) {
        long sec = Long.parseLong(v.get("serveraliveinterval").get(0));
        ka = sec <= 0 ? null : Timeouts.longest(Duration.ofSeconds(sec));
      }
      if (!options.setInCode.contains("serveralivecountmax")
          && v.containsKey("serveralivecountmax"))
        kc = Integer.parseInt(v.get("serveralivecountmax").get(0));
      this.keepAlive = ka;
      this.keepAliveCountMax = kc;
      this.connectionAttempts =
          v.containsKey("connectionattempts")
              ? Integer.parseInt(v.get("connectionattempts").get(0))
              : 1;
      Map<String, String> settings = new LinkedHashMap<>();
      for (String k :
          List.of(
              "ciphers",
              "macs",
              "kexalgorithms",
              "hostkeyalgorithms",
              "pubkeyacceptedalgorithms",
              "casignaturealgorithms",
              "preferredauthentications",
              "compression")) {
        if (v.containsKey(k)) settings.put(k, String.join(",", v.get(k)));
      }
      options.options.forEach(
          (k, val) -> {
            if (SshKeywords.find(k) == null) settings.put(k, val); // a JSch key given in code
          });
      this.settings = settings;
      this.jumps = jumps;
    }

    String describe() {
      return user + "@" + hostname + (port != 22 ? ":" + port : "");
    }

    /**
     * The name known_hosts is searched for: the HostKeyAlias, else {@code host} or {@code
     * [host]:port}.
     */
    String keyHost() {
      return hostKeyAlias != null ? hostKeyAlias : KnownHostsLine.keyHost(hostname, port);
    }

    private static boolean yes(String v) {
      return v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true");
    }
  }

  static Hop resolve(Ssh s, SshConfig config, boolean withJumps) {
    return HopResolver.resolve(s, config, withJumps);
  }

  /**
   * How names become addresses; tests replace it to make a name with two addresses without touching
   * /etc/hosts.
   */
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  static volatile Resolver RESOLVER = InetAddress::getAllByName;

  /** An algorithm list as ssh_config writes it; see {@link HopSession#algorithms}. */
  static String algorithms(String value, String defaults) {
    return HopSession.algorithms(value, defaults);
  }
}
