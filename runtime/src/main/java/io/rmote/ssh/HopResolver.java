package io.rmote.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the hops of a connection as OpenSSH does: the options set in code, then the config
 * file's entries for the host, with tokens expanded, into {@link SshLauncher.Hop}s; and the jump
 * hosts before a connection, in the order they are dialled.
 */
final class HopResolver {
  private static final Logger LOG = LoggerFactory.getLogger(SshLauncher.class);

  /** More nested jump hosts than any real network has: a config that gets there loops. */
  private static final int MAX_JUMP_DEPTH = 16;

  private HopResolver() {}

  static SshConfig loadConfig(Ssh ssh) {
    if (!ssh.useConfig) return null;
    Path file = ssh.config != null ? ssh.config : SshFiles.defaultConfig();
    if (file == null) return null;
    if (!Files.isReadable(file)) {
      throw new SshException("cannot read the SSH config file " + file, ssh.target(), null);
    }
    return new SshConfig(file, ssh.configMatchExec);
  }

  /**
   * All hops before a connection, in the order they are dialled, as OpenSSH finds them: the first
   * jump host of a chain is itself reached through the jumps that its own options or config entry
   * name, and so on; the later hops of a chain go through the earlier ones.
   *
   * @param path the hosts being reached, outermost first, to tell a loop from a chain
   */
  static List<Ssh> expandJumps(List<Ssh> jumps, SshConfig config, List<String> path) {
    if (jumps.isEmpty()) return jumps;
    Ssh first = jumps.get(0);
    if (path.contains(hopName(first)) || path.size() > MAX_JUMP_DEPTH) {
      throw new SshException(
          "ProxyJump loops: "
              + String.join(" -> ", path)
              + " -> "
              + hopName(first)
              + " (give a jump host 'ProxyJump none' in its own Host entry)",
          path.get(0),
          null);
    }
    List<String> deeper = new ArrayList<>(path);
    deeper.add(hopName(first));
    List<Ssh> all =
        new ArrayList<>(expandJumps(resolve(first, config, true).jumps, config, deeper));
    all.addAll(jumps);
    return all;
  }

  /** A hop as given, before the config file resolves it: an alias, or an address with its port. */
  static String hopName(Ssh s) {
    return s.port > 0 ? s.host + ":" + s.port : s.host;
  }

  /** Config-file keywords already warned about, so that a fleet logs each once. */
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  /** What the code set, in ssh_config's terms, so that it wins over the file and Match sees it. */
  static Map<String, List<String>> preset(Ssh s) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    s.options.forEach(
        (k, v) -> {
          SshKeywords.Keyword kw = SshKeywords.find(k);
          if (kw == null) return;
          boolean lists = kw.key().endsWith("knownhostsfile");
          p.put(kw.key(), lists ? List.of(v.strip().split("\\s+")) : List.of(v));
        });
    if (s.user != null) p.put("user", List.of(s.user));
    if (s.port > 0) p.put("port", List.of(String.valueOf(s.port)));
    if (s.knownHosts != null) p.put("userknownhostsfile", List.of(s.knownHosts.toString()));
    if (!s.jumps.isEmpty())
      p.put(
          "proxyjump", List.of(s.jumps.stream().map(Ssh::target).collect(Collectors.joining(","))));
    return p;
  }

  static SshLauncher.Hop resolve(Ssh s, SshConfig config, boolean withJumps) {
    Map<String, List<String>> preset = preset(s);
    Map<String, List<String>> v = config != null ? config.resolve(s.host, preset) : preset;
    String where = config != null ? " (" + config.file() + ")" : "";
    for (String k : v.keySet()) {
      if (preset.containsKey(k)) continue;
      SshKeywords.Keyword kw = SshKeywords.find(k);
      SshKeywords.Treatment t =
          kw.name.equals("StrictHostKeyChecking") ? SshKeywords.Treatment.REFUSED : kw.treatment;
      switch (t) {
        case FAILS:
          throw new SshException(
              kw.name
                  + " "
                  + String.join(" ", v.get(k))
                  + " for "
                  + s.host
                  + where
                  + " is not supported by rmote: "
                  + kw.why,
              s.target(),
              null);
        case REFUSED:
        case IGNORED:
          if (WARNED.add(config.file() + " " + s.host + " " + k)) {
            LOG.warn(
                "{}: {} {} in {} is {}: {}",
                s.host,
                kw.name,
                String.join(" ", v.get(k)),
                config.file(),
                t == SshKeywords.Treatment.REFUSED ? "refused" : "ignored",
                t == SshKeywords.Treatment.REFUSED && kw.name.equals("StrictHostKeyChecking")
                    ? "host-key checking is set in code only (Ssh.Builder.hostKeyPolicy)"
                    : kw.why);
          }
          break;
        default:
          break;
      }
    }
    String hostname =
        v.containsKey("hostname") ? SshTokens.hostName(v.get("hostname").get(0), s.host) : s.host;
    String user = v.containsKey("user") ? v.get("user").get(0) : System.getProperty("user.name");
    int port;
    try {
      port = v.containsKey("port") ? Integer.parseInt(v.get("port").get(0)) : 22;
    } catch (NumberFormatException e) {
      throw new SshException(
          "Port " + v.get("port").get(0) + where + " is not a number", s.target(), null);
    }
    Map<Character, String> tokens = SshTokens.map(hostname, s.host, String.valueOf(port), user, v);
    List<SshIdentity> ids = new ArrayList<>(s.identities);
    for (String f : v.getOrDefault("identityfile", List.of())) {
      if (f.equalsIgnoreCase("none")) continue;
      ids.add(new SshIdentity(Path.of(SshTokens.expand(f, tokens, "IdentityFile")), null));
    }
    if (ids.isEmpty()) {
      for (Path p : SshFiles.defaultIdentities()) ids.add(new SshIdentity(p, null));
    }
    List<Path> certs = new ArrayList<>();
    for (String f : v.getOrDefault("certificatefile", List.of())) {
      certs.add(Path.of(SshTokens.expand(f, tokens, "CertificateFile")));
    }
    Path agent = null;
    if (s.agent) {
      String a =
          s.agentSocket != null
              ? s.agentSocket.toString()
              : v.containsKey("identityagent") ? v.get("identityagent").get(0) : "SSH_AUTH_SOCK";
      if (a.equals("SSH_AUTH_SOCK")) {
        a = System.getenv("SSH_AUTH_SOCK");
      } else if (a.equalsIgnoreCase("none")) {
        a = null;
      } else if (a.startsWith("$") && !a.startsWith("${")) {
        a = System.getenv(a.substring(1));
      } else {
        a = SshTokens.expand(a, tokens, "IdentityAgent");
      }
      agent = a == null ? null : Path.of(a);
    }
    List<Path> userFiles = new ArrayList<>();
    for (String f :
        v.getOrDefault(
            "userknownhostsfile", List.of("~/.ssh/known_hosts", "~/.ssh/known_hosts2"))) {
      if (!f.equalsIgnoreCase("none"))
        userFiles.add(Path.of(SshTokens.expand(f, tokens, "UserKnownHostsFile")));
    }
    List<Path> globalFiles = new ArrayList<>();
    for (String f :
        v.getOrDefault(
            "globalknownhostsfile",
            List.of("/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"))) {
      if (!f.equalsIgnoreCase("none"))
        globalFiles.add(Path.of(SshTokens.expand(f, tokens, "GlobalKnownHostsFile")));
    }
    List<Ssh> jumps = new ArrayList<>();
    if (withJumps) {
      if (!s.jumps.isEmpty()) {
        jumps.addAll(s.jumps);
      } else if (v.containsKey("proxyjump")
          && !v.get("proxyjump").get(0).equalsIgnoreCase("none")) {
        for (String hop : v.get("proxyjump").get(0).split(",")) {
          // a hop named only in the config inherits this connection's host-key settings
          Ssh.Builder b =
              Ssh.to(hop.strip())
                  .hostKeyPolicy(s.hostKeyPolicy)
                  .authTimeout(s.authTimeout)
                  .configMatchExec(s.configMatchExec);
          if (s.setInCode.contains("connecttimeout")) b.connectTimeout(s.connectTimeout);
          if (s.knownHosts != null) b.knownHosts(s.knownHosts);
          if (s.config != null) b.config(s.config);
          if (!s.useConfig) b.noConfig();
          if (s.agentSocket != null) b.agentSocket(s.agentSocket);
          jumps.add(b.build());
        }
      }
    }
    String proxyCommand = null;
    if (s.jumps.isEmpty()
        && v.containsKey("proxycommand")
        && !v.get("proxycommand").get(0).equalsIgnoreCase("none")) {
      proxyCommand = SshTokens.expand(v.get("proxycommand").get(0), tokens, "ProxyCommand");
    }
    try {
      return new SshLauncher.Hop(
          s,
          v,
          hostname,
          user,
          port,
          ids,
          certs,
          agent,
          userFiles,
          globalFiles,
          jumps,
          proxyCommand);
    } catch (NumberFormatException e) {
      throw new SshException(
          "a number in the SSH options of " + s.host + where + " is not one: " + e.getMessage(),
          s.target(),
          null);
    }
  }
}
