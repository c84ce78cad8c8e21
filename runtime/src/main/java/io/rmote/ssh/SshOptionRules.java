package io.rmote.ssh;

import io.rmote.internal.scheduling.Timeouts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The checks behind {@link Ssh.Builder}: what its values must be, and the ssh_config options given
 * in code ({@code -o} words, {@code Name=value}) as OpenSSH takes and refuses them.
 */
final class SshOptionRules {
  private SshOptionRules() {}

  /**
   * The words of an ssh command line's options, each {@code Name value} handed to {@code option} in
   * turn.
   */
  static void words(String[] words, BiConsumer<String, String> option) {
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      if (w.equals("-o")) {
        if (++i == words.length) throw new IllegalArgumentException("-o without an option");
        w = words[i];
      } else if (w.startsWith("-o")) {
        w = w.substring(2);
      }
      int eq = w.indexOf('=');
      if (eq < 0) {
        String[] kv = w.strip().split("\\s+", 2);
        if (kv.length != 2) throw new IllegalArgumentException("not an option: '" + w + "'");
        option.accept(kv[0], kv[1]);
      } else {
        option.accept(w.substring(0, eq).strip(), w.substring(eq + 1).strip());
      }
    }
  }

  /**
   * Splits {@code [user@]host[:port]} or {@code [user@][host]:port} as ssh(1) takes it, handing the
   * user and the port to the builder's checks; returns the host.
   */
  static String target(String target, Consumer<String> user, IntConsumer port) {
    String t = target.strip();
    int at = t.lastIndexOf('@');
    if (at >= 0) {
      user.accept(t.substring(0, at));
      t = t.substring(at + 1);
    }
    if (t.startsWith("[") && t.contains("]")) {
      int close = t.indexOf(']');
      String rest = t.substring(close + 1);
      if (rest.startsWith(":")) port.accept(Integer.parseInt(rest.substring(1)));
      t = t.substring(1, close);
    } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
      port.accept(Integer.parseInt(t.substring(t.indexOf(':') + 1)));
      t = t.substring(0, t.indexOf(':'));
    }
    if (t.isEmpty() || t.startsWith("-") || t.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException("not a host: '" + target + "'");
    }
    return t;
  }

  /**
   * {@link Ssh.Builder#option}: a typed setting goes to its builder method, any other is checked
   * and kept.
   */
  static Ssh.Builder option(Ssh.Builder b, String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    switch (name.toLowerCase(Locale.ROOT)) {
      case "stricthostkeychecking":
        return b.hostKeyPolicy(hostKeyPolicy(value));
      case "userknownhostsfile":
        if (value.strip().contains(" ")) {
          b.options.put("UserKnownHostsFile", value.strip());
          b.knownHosts = null;
          return b;
        }
        return b.knownHosts(Path.of(SshFiles.expandHome(value)));
      case "compression":
        return b.compression(yes(name, value));
      case "connecttimeout":
        return b.connectTimeout(connectTimeout(number(name, value)));
      case "serveraliveinterval":
        {
          long s = number(name, value);
          return b.keepAlive(s <= 0 ? null : Duration.ofSeconds(s), b.keepAliveCountMax);
        }
      case "serveralivecountmax":
        return b.keepAlive(b.keepAlive, (int) number(name, value));
      case "port":
        return b.port((int) number(name, value));
      case "user":
        return b.user(value);
      case "identityfile":
        return b.identity(Path.of(SshFiles.expandHome(value)));
      case "proxyjump":
        if (value.equalsIgnoreCase("none")) {
          b.options.put("ProxyJump", "none");
          return b;
        }
        for (String hop : value.split(",")) b.jump(hop.strip());
        return b;
      default:
        String key = keep(name, value);
        if (key != null) b.options.put(key, value);
        return b;
    }
  }

  static HostKeyPolicy hostKeyPolicy(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "yes":
      case "true":
        return HostKeyPolicy.STRICT;
      case "accept-new":
        return HostKeyPolicy.ACCEPT_NEW;
      case "no":
      case "off":
      case "false":
        return HostKeyPolicy.INSECURE_ACCEPT_UNKNOWN;
      default:
        throw new IllegalArgumentException(
            "StrictHostKeyChecking " + value + " is not supported (yes, accept-new, no)");
    }
  }

  /**
   * Checks an option that has no builder method of its own; returns the name it is kept under (its
   * ssh_config spelling, or the JSch key as given), or {@code null} for one that has no effect.
   */
  static String keep(String name, String value) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "identitiesonly":
        yes(name, value);
        break;
      case "connectionattempts":
        if (number(name, value) < 1)
          throw new IllegalArgumentException("ConnectionAttempts must be at least 1");
        break;
      case "addressfamily":
        if (!List.of("any", "inet", "inet6").contains(value.toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException(
              "AddressFamily must be any, inet or inet6, not " + value);
        }
        break;
      default:
        break;
    }
    SshKeywords.Keyword k = SshKeywords.find(name);
    if (k == null) {
      if (com.jcraft.jsch.JSch.getConfig(name) != null) return name;
      throw new IllegalArgumentException(
          "Bad configuration option: "
              + name
              + " (neither an ssh_config keyword nor a JSch configuration key)");
    }
    switch (k.treatment) {
      case HONOURED:
        if (k.name.equals("Host")
            || k.name.equals("Match")
            || k.name.equals("Include")
            || k.name.equals("IgnoreUnknown")) {
          throw new IllegalArgumentException(
              k.name + " belongs in a config file, not in an option");
        }
        return k.name;
      case MOOT:
        return null;
      default:
        throw new IllegalArgumentException(k.name + " is not supported by rmote: " + k.why);
    }
  }

  static boolean yes(String name, String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "yes":
      case "true":
      case "on":
        return true;
      case "no":
      case "false":
      case "off":
        return false;
      default:
        throw new IllegalArgumentException(name + " must be yes or no, not " + value);
    }
  }

  /**
   * OpenSSH's {@code ConnectTimeout} in seconds as the timeout it means: 0 or less is none of its
   * own (the system's TCP timeout), which rmote's longest wait stands for.
   */
  static Duration connectTimeout(long seconds) {
    return seconds <= 0 ? Timeouts.LONGEST : Timeouts.longest(Duration.ofSeconds(seconds));
  }

  static long number(String name, String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, not " + value);
    }
  }
}
