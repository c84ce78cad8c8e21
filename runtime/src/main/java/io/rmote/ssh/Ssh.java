package io.rmote.ssh;

import io.rmote.internal.launch.LaunchAccess;
import io.rmote.internal.scheduling.Timeouts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how to reach a host over SSH: an immutable value made by {@link #to(String)}'s builder.
 * A connection opens from it one way, {@link io.rmote.Remote.Builder#ssh(Ssh)} ({@link
 * io.rmote.Remote#ssh(String)} for the defaults); what runs on the host (the interpreter, its
 * environment, a become) is set on that {@link io.rmote.Remote.Builder}, as for a local connection.
 *
 * <pre>{@code
 * Ssh web1 = Ssh.to("deploy@web1")
 *     .port(2222)
 *     .identity(Path.of("/home/me/.ssh/id_ed25519"))
 *     .option("Compression", "yes")
 *     .build();
 * try (Remote remote = Remote.builder().ssh(web1).python("python3.11").become(Become.sudo()).connect()) { ... }
 * }</pre>
 *
 * <p>As with OpenSSH, {@code ~/.ssh/config} (or {@link Builder#config(Path)}) supplies what the
 * code leaves open, read as ssh(1) reads it ({@code Host}, {@code Match}, {@code Include}, tokens;
 * docs/ssh.md lists what each keyword does here); what the code sets wins. Host keys are checked
 * against the known_hosts files ({@link HostKeyPolicy#STRICT}); secrets (passwords, passphrases)
 * are copied in, never shown by {@link #toString()}, and never logged.
 */
public final class Ssh {
  static {
    // Remote reaches the package-private launcher through this, so it is no public API.
    LaunchAccess.install(SshLauncher::new);
  }

  final String host;
  final String user;
  final int port;
  final List<SshIdentity> identities;
  final char[] password;
  final boolean agent;
  final Path agentSocket;
  final Duration connectTimeout;
  final Duration authTimeout;
  final Duration keepAlive;
  final int keepAliveCountMax;
  final Boolean compression;
  final Path knownHosts;
  final HostKeyPolicy hostKeyPolicy;
  final Path config;
  final boolean useConfig;
  final boolean configMatchExec;
  final int handshakesPerServer;
  // The ssh_config keywords of the typed settings that the code set (connecttimeout,
  // serveraliveinterval, serveralivecountmax): the config file's values of these are not read.
  final Set<String> setInCode;
  final List<Ssh> jumps;
  final Map<String, String> options;

  private Ssh(Builder b) {
    host = b.host;
    user = b.user;
    port = b.port;
    identities = List.copyOf(b.identities);
    password = b.password == null ? null : b.password.clone();
    agent = b.agent;
    agentSocket = b.agentSocket;
    connectTimeout = b.connectTimeout;
    authTimeout = b.authTimeout;
    keepAlive = b.keepAlive;
    keepAliveCountMax = b.keepAliveCountMax;
    compression = b.compression;
    knownHosts = b.knownHosts;
    hostKeyPolicy = b.hostKeyPolicy;
    config = b.config;
    useConfig = b.useConfig;
    configMatchExec = b.configMatchExec;
    handshakesPerServer = b.handshakesPerServer;
    setInCode = Set.copyOf(b.setInCode);
    jumps = List.copyOf(b.jumps);
    options = Map.copyOf(b.options);
  }

  /**
   * Starts options for {@code target}: {@code host}, {@code user@host}, {@code host:port} or {@code
   * user@host:port}; {@code host} may be an alias of the SSH config file.
   */
  public static Builder to(String target) {
    return new Builder(target);
  }

  /** The host as given (an alias, a name or an address). */
  public String host() {
    return host;
  }

  /** The user given in code, if any; otherwise the config file's, else the local user name. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** The port given in code; 0 when the config file (or 22) decides. */
  public int port() {
    return port;
  }

  /**
   * What happens to host keys known_hosts does not vouch for. Default {@link HostKeyPolicy#STRICT}.
   */
  public HostKeyPolicy hostKeyPolicy() {
    return hostKeyPolicy;
  }

  /** A builder holding these options, to derive others from. */
  public Builder toBuilder() {
    Builder b = new Builder(user == null ? host : user + "@" + host);
    if (port > 0) b.port(port);
    b.identities.addAll(identities);
    if (password != null) b.password = password.clone();
    b.agent = agent;
    b.agentSocket = agentSocket;
    b.connectTimeout = connectTimeout;
    b.authTimeout = authTimeout;
    b.keepAlive = keepAlive;
    b.keepAliveCountMax = keepAliveCountMax;
    b.compression = compression;
    b.knownHosts = knownHosts;
    b.hostKeyPolicy = hostKeyPolicy;
    b.config = config;
    b.useConfig = useConfig;
    b.configMatchExec = configMatchExec;
    b.handshakesPerServer = handshakesPerServer;
    b.setInCode.addAll(setInCode);
    b.jumps.addAll(jumps);
    b.options.putAll(options);
    return b;
  }

  /** {@code user@host:port}, as far as the code gave them. */
  String target() {
    return (user != null ? user + "@" : "") + host + (port > 0 ? ":" + port : "");
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Ssh[").append(target());
    if (!identities.isEmpty()) {
      s.append(", identities ");
      for (int i = 0; i < identities.size(); i++) {
        if (i > 0) s.append(',');
        s.append(identities.get(i).file)
            .append(identities.get(i).passphrase != null ? " (with passphrase)" : "");
      }
    }
    if (password != null) s.append(", password ***");
    if (!jumps.isEmpty()) {
      s.append(", via ");
      for (int i = 0; i < jumps.size(); i++)
        s.append(i > 0 ? "," : "").append(jumps.get(i).target());
    }
    s.append(", hostKeys ").append(hostKeyPolicy);
    return s.append(']').toString();
  }

  /**
   * Options of an SSH connection; {@link #build()} makes the immutable {@link Ssh}. A timeout over
   * 24 days (such as {@code ChronoUnit.FOREVER}'s) lasts 24 days: JSch counts in {@code int}
   * milliseconds.
   */
  public static final class Builder {
    private final String host;
    private String user;
    private int port;
    private final List<SshIdentity> identities = new ArrayList<>();
    private char[] password;
    private boolean agent = true;
    private Path agentSocket;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration authTimeout = Duration.ofSeconds(30);
    // Not private: SshOptionRules.option sets keepAlive*, setInCode, knownHosts and options
    Duration keepAlive = Duration.ofSeconds(30);
    int keepAliveCountMax = 3;
    private Boolean compression;
    Path knownHosts;
    private HostKeyPolicy hostKeyPolicy = HostKeyPolicy.STRICT;
    private Path config;
    private boolean useConfig = true;
    private boolean configMatchExec;
    private int handshakesPerServer = 8;
    final Set<String> setInCode = new HashSet<>();
    private final List<Ssh> jumps = new ArrayList<>();
    final Map<String, String> options = new LinkedHashMap<>();

    private Builder(String target) {
      Objects.requireNonNull(target, "target");
      this.host = SshOptionRules.target(target, this::user, this::port);
    }

    /** The remote user. Default: the config file's {@code User}, else the local user name. */
    public Builder user(String user) {
      if (user == null || user.isEmpty() || user.startsWith("-"))
        throw new IllegalArgumentException("not a user name: '" + user + "'");
      this.user = user;
      return this;
    }

    /** The port. Default: the config file's {@code Port}, else 22. */
    public Builder port(int port) {
      if (port < 1 || port > 65535)
        throw new IllegalArgumentException("port out of range: " + port);
      this.port = port;
      return this;
    }

    /**
     * A private key file (OpenSSH, PEM or PuTTY format), not encrypted. May be given several times.
     */
    public Builder identity(Path file) {
      identities.add(new SshIdentity(Objects.requireNonNull(file, "file"), null));
      return this;
    }

    /** An encrypted private key file and its passphrase (copied; the caller may wipe its array). */
    public Builder identity(Path file, char[] passphrase) {
      byte[] bytes = Secrets.utf8(Objects.requireNonNull(passphrase, "passphrase"));
      identities.add(new SshIdentity(Objects.requireNonNull(file, "file"), bytes));
      return this;
    }

    /** A password for password and keyboard-interactive authentication (copied). */
    public Builder password(char[] password) {
      this.password = Objects.requireNonNull(password, "password").clone();
      return this;
    }

    /**
     * Whether to use keys held by an ssh-agent ({@code $SSH_AUTH_SOCK}) when one is there. Default
     * yes.
     */
    public Builder agent(boolean use) {
      this.agent = use;
      return this;
    }

    /** The ssh-agent's socket, instead of {@code $SSH_AUTH_SOCK}. */
    public Builder agentSocket(Path socket) {
      this.agentSocket = Objects.requireNonNull(socket, "socket");
      this.agent = true;
      return this;
    }

    /**
     * How long the TCP connection to one address may take. Default: the config file's {@code
     * ConnectTimeout}, else 10 s.
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Timeouts.positive(timeout, "connectTimeout");
      setInCode.add("connecttimeout");
      return this;
    }

    /** How long the SSH handshake and authentication may take once connected. Default 30 s. */
    public Builder authTimeout(Duration timeout) {
      this.authTimeout = Timeouts.positive(timeout, "authTimeout");
      return this;
    }

    /**
     * Sends a keep-alive after {@code interval} of silence and gives the connection up after {@code
     * countMax} unanswered ones (OpenSSH's {@code ServerAliveInterval}/{@code ServerAliveCountMax};
     * 0, as there, gives it up after one interval of silence). Default: the config file's values,
     * else 30 s and 3; {@code null} switches keep-alives off.
     *
     * @throws IllegalArgumentException if {@code countMax} is negative
     */
    public Builder keepAlive(Duration interval, int countMax) {
      this.keepAlive = interval == null ? null : Timeouts.positive(interval, "keepAlive");
      if (countMax < 0) throw new IllegalArgumentException("countMax must be at least 0");
      this.keepAliveCountMax = countMax;
      setInCode.add("serveraliveinterval");
      setInCode.add("serveralivecountmax");
      return this;
    }

    /** zlib compression of the SSH stream. Default off, as in OpenSSH. */
    public Builder compression(boolean on) {
      this.compression = on;
      return this;
    }

    /** The known_hosts file. Default {@code ~/.ssh/known_hosts}. */
    public Builder knownHosts(Path file) {
      this.knownHosts = Objects.requireNonNull(file, "file");
      options.remove("UserKnownHostsFile");
      return this;
    }

    /** What to do with unknown host keys. Default {@link HostKeyPolicy#STRICT}. */
    public Builder hostKeyPolicy(HostKeyPolicy policy) {
      this.hostKeyPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The SSH config file to read. Default {@code ~/.ssh/config}, if it exists. */
    public Builder config(Path file) {
      this.config = Objects.requireNonNull(file, "file");
      this.useConfig = true;
      return this;
    }

    /**
     * Whether a {@code Match exec} line of the config file may run its command (with {@code /bin/sh
     * -c}, as ssh(1) does). Default no: such a line fails the connection with a message saying so,
     * because reading a config file should not run programs behind the caller's back.
     */
    public Builder configMatchExec(boolean allow) {
      this.configMatchExec = allow;
      return this;
    }

    /**
     * How many SSH handshakes (connect, key exchange, authentication) this JVM runs at once to one
     * server address and port, counting every connection and fleet; the others wait their turn.
     * sshd drops unauthenticated connections beyond its {@code MaxStartups} (10 by default, then
     * 30% more at random), so more at once only turns into resets. Connections the server still
     * closes before authentication are retried with backoff; when retries run out the {@link
     * SshException} says the server refused new connections. Default 8.
     */
    public Builder handshakesPerServer(int n) {
      if (n < 1) throw new IllegalArgumentException("handshakesPerServer must be at least 1");
      this.handshakesPerServer = n;
      return this;
    }

    /** Reads no SSH config file at all. */
    public Builder noConfig() {
      this.useConfig = false;
      this.config = null;
      return this;
    }

    /**
     * Reaches the host through {@code jump} (OpenSSH's {@code ProxyJump}): the connection is
     * tunnelled through an SSH session to the jump host. Several calls make a chain, first hop
     * first. Jumps given in code replace a {@code ProxyJump} of the config file.
     */
    public Builder jump(Ssh jump) {
      jumps.add(Objects.requireNonNull(jump, "jump"));
      return this;
    }

    /** A jump host by name, {@code [user@]host[:port]}, with the config file's settings. */
    public Builder jump(String jump) {
      return jump(Ssh.to(jump).build());
    }

    /**
     * An SSH option by its ssh_config name, as OpenSSH's {@code -o Name=value}: what the code sets
     * wins over the config file. The typed settings above ({@code Port}, {@code User}, {@code
     * IdentityFile}, {@code ProxyJump}, {@code StrictHostKeyChecking}, {@code UserKnownHostsFile},
     * {@code Compression}, {@code ConnectTimeout}, {@code ServerAlive*}) go to their builder
     * methods; the other keywords rmote honours ({@code HostName}, {@code HostKeyAlias}, {@code
     * GlobalKnownHostsFile}, {@code IdentitiesOnly}, {@code IdentityAgent}, {@code
     * CertificateFile}, {@code AddressFamily}, {@code ConnectionAttempts}, {@code Ciphers}, {@code
     * MACs}, {@code KexAlgorithms}, {@code HostKeyAlgorithms}, {@code PubkeyAcceptedAlgorithms},
     * {@code CASignatureAlgorithms}, {@code PreferredAuthentications}) are kept as given; keywords
     * about things rmote never does ({@code BatchMode}, {@code LogLevel}, {@code ForwardX11}, ...)
     * are accepted and have no effect. A name that is also a JSch configuration key (such as {@code
     * enable_strict_kex}) is passed to JSch as is.
     *
     * @throws IllegalArgumentException for a name that is neither an ssh_config keyword nor a JSch
     *     key ("Bad configuration option", as ssh(1) says), for a keyword rmote does not support
     *     (the message says why), or for a value the keyword does not take
     */
    public Builder option(String name, String value) {
      return SshOptionRules.option(this, name, value);
    }

    /**
     * Options in OpenSSH's command-line form, as the Python library takes them: {@code "-o",
     * "Name=value"} pairs, or {@code "Name=value"} words.
     */
    public Builder options(String... words) {
      SshOptionRules.words(words, this::option);
      return this;
    }

    /** The SSH settings; nothing connects until a {@link io.rmote.Remote} is built with them. */
    public Ssh build() {
      return new Ssh(this);
    }
  }
}
