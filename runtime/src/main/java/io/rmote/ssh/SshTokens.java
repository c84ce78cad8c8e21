package io.rmote.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code %} tokens of ssh_config(5) ({@code %h}, {@code %p}, {@code %r}, {@code %d}, ...) and
 * its {@code ${VAR}} environment references, expanded as ssh(1) expands them in each keyword that
 * takes them.
 */
final class SshTokens {
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

  private static String localHostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
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
      byte[] d =
          java.security.MessageDigest.getInstance("SHA-1")
              .digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder h = new StringBuilder();
      for (byte b : d) h.append(String.format("%02x", b & 0xff));
      return h.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
