package io.rmote.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code %} tokens of ssh_config(5) ({@code %h}, {@code %p}, {@code %r}, {@code %d}, ...) and
 * its {@code ${VAR}} environment references, expanded as ssh(1) expands them in each keyword that
 * takes them.
 */
final class SshTokens {
  /** The kernel's host name on Linux, the one gethostname(2) returns. */
  private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

  private SshTokens() {}

  /** {@code HostName}: only {@code %h} and {@code %%}. */
  static String hostName(String value, String host) {
    return expand(value, Map.of('h', host), "HostName");
  }

  static Map<Character, String> map(
      String hostname,
      String originalHost,
      String port,
      String remoteUser,
      Map<String, List<String>> values) {
    Map<Character, String> t = new LinkedHashMap<>();
    String home = System.getProperty("user.home");
    String localUser = System.getProperty("user.name");
    String local = localHostName();
    String jump = values.containsKey("proxyjump") ? values.get("proxyjump").get(0) : "";
    t.put('d', home);
    t.put('h', hostname);
    t.put('n', originalHost);
    t.put('p', port);
    t.put('r', remoteUser);
    t.put('u', localUser);
    t.put('l', local);
    t.put('L', local.contains(".") ? local.substring(0, local.indexOf('.')) : local);
    t.put('i', uid());
    t.put('j', jump);
    t.put(
        'k', values.containsKey("hostkeyalias") ? values.get("hostkeyalias").get(0) : originalHost);
    t.put('C', sha1Hex(local + hostname + port + remoteUser + jump));
    t.put('T', "NONE");
    return t;
  }

  /**
   * {@code ~} at the start, {@code %x} tokens from {@code tokens} and {@code ${VAR}}.
   *
   * @throws SshException for an unknown token or an unset variable, as ssh(1) fails on them
   */
  static String expand(String value, Map<Character, String> tokens, String keyword) {
    String v = SshFiles.expandHome(value);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '%' && i + 1 < v.length()) {
        char t = v.charAt(++i);
        if (t == '%') {
          out.append('%');
        } else if (tokens.containsKey(t)) {
          out.append(tokens.get(t));
        } else {
          throw new SshException(keyword + " " + value + ": unknown token %" + t, null, null);
        }
      } else if (c == '$'
          && i + 1 < v.length()
          && v.charAt(i + 1) == '{'
          && v.indexOf('}', i) > 0) {
        String name = v.substring(i + 2, v.indexOf('}', i));
        String env = System.getenv(name);
        if (env == null)
          throw new SshException(
              keyword + " " + value + ": environment variable " + name + " is not set", null, null);
        out.append(env);
        i = v.indexOf('}', i);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * {@code %l}: this host's name as gethostname(2) gives it, which is what ssh(1) takes, read from
   * the kernel where Linux shows it. The JDK's {@code InetAddress.getLocalHost()} also looks the
   * name up, so a name that neither DNS nor /etc/hosts knows made it fail (and {@code %l} read
   * "localhost"), and a slow resolver held up every connect; it is left for systems without that
   * file.
   */
  private static String localHostName() {
    try {
      String name = Files.readString(KERNEL_HOSTNAME, StandardCharsets.UTF_8).trim();
      if (!name.isEmpty()) return name;
    } catch (IOException | RuntimeException notLinux) {
      // no /proc: the JDK's answer below
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private static String uid() {
    try {
      Object uid = Files.getAttribute(Path.of(System.getProperty("user.home")), "unix:uid");
      return String.valueOf(uid);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "0";
    }
  }

  private static String sha1Hex(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
