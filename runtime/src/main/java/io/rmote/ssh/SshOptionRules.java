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
import java.util.regex.Pattern;

/**
 * The checks behind {@link Ssh.Builder}: what its values must be, and the ssh_config options given
 * in code ({@code -o} words, {@code Name=value}) as OpenSSH takes and refuses them.
 */
final class SshOptionRules {
  // A count's form, as strtol reads it: a sign, then ASCII digits (not other scripts' digits)
  private static final Pattern COUNT = Pattern.compile("[+-]?[0-9]+");

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
        if (value.strip().equals("none")) return b; // unset, as for ssh -o: the file's holds
        return b.connectTimeout(connectTimeout(seconds(name, value)));
      case "serveraliveinterval":
        {
          if (value.strip().equals("none")) return b;
          long s = seconds(name, value);
          b.keepAlive = s <= 0 ? null : Timeouts.longest(Duration.ofSeconds(s));
          b.setInCode.add("serveraliveinterval"); // the file's ServerAliveCountMax still holds
          return b;
        }
      case "serveralivecountmax":
        b.keepAliveCountMax = count(name, value.strip());
        b.setInCode.add("serveralivecountmax"); // the file's ServerAliveInterval still holds
        return b;
      case "port":
        return b.port(count(name, value.strip()));
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
        count(name, value.strip());
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

  /**
   * A config file's value for {@code key} as ssh -G prints it, or {@code null} for {@code none} on
   * a time, which leaves it unset as in OpenSSH (a later line may still set it). Times are written
   * as OpenSSH's {@code convtime()} reads them ({@code 90}, {@code 1m30s}) and kept in seconds;
   * counts must be whole numbers. Other keywords' values are returned as they are.
   *
   * @throws IllegalArgumentException for a value that OpenSSH refuses too
   */
  static String configValue(String key, String value) {
    switch (key) {
      case "connecttimeout":
      case "serveraliveinterval":
        return value.equals("none") ? null : String.valueOf(seconds(key, value));
      case "connectionattempts":
      case "serveralivecountmax":
        return String.valueOf(count(key, value));
      default:
        return value;
    }
  }

  /**
   * A time in seconds as OpenSSH's {@code convtime()} reads it: whole numbers, each with an
   * optional unit ({@code s}, {@code m}, {@code h}, {@code d}, {@code w}, either case), added up;
   * {@code none} (unset) reads as 0, which ConnectTimeout and ServerAliveInterval both take as none
   * of their own.
   *
   * @throws IllegalArgumentException for a negative, empty or malformed time, or one past {@code
   *     INT_MAX} seconds, which OpenSSH refuses as "invalid time value"
   */
  static long seconds(String name, String value) {
    String v = value.strip();
    if (v.isEmpty()) throw new IllegalArgumentException(name + ": invalid time value (empty)");
    long total = 0;
    int i = 0;
    while (i < v.length()) {
      long n = 0;
      int start = i;
      for (; i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9'; i++) {
        n = Math.min(n * 10 + (v.charAt(i) - '0'), Integer.MAX_VALUE + 1L);
      }
      boolean digits = i > start;
      long unit = i < v.length() ? unit(v.charAt(i++)) : 1;
      if (!digits || unit == 0) {
        throw new IllegalArgumentException(
            name
                + " "
                + value
                + ": invalid time value (seconds, or a time such as 1m30s: s, m, h, d, w)");
      }
      total += n * unit;
      if (total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            name + " " + value + ": invalid time value (more than " + Integer.MAX_VALUE + " s)");
      }
    }
    return total;
  }

  private static long unit(char c) {
    switch (Character.toLowerCase(c)) {
      case 's':
        return 1;
      case 'm':
        return 60;
      case 'h':
        return 3600;
      case 'd':
        return 86_400;
      case 'w':
        return 604_800;
      default:
        return 0;
    }
  }

  /**
   * A count as OpenSSH reads one ({@code strtonum}, or {@code a2port} for Port): ASCII digits with
   * an optional sign, between the keyword's least (ConnectionAttempts and Port 1,
   * ServerAliveCountMax 0) and most (Port 65535, else {@code INT_MAX}). A value past the range is
   * refused, never wrapped.
   *
   * @throws IllegalArgumentException naming the keyword and the value
   */
  static int count(String name, String value) {
    int least = name.equalsIgnoreCase("ServerAliveCountMax") ? 0 : 1;
    long most = name.equalsIgnoreCase("Port") ? 65535 : Integer.MAX_VALUE;
    if (!COUNT.matcher(value).matches()) {
      throw new IllegalArgumentException(name + " " + value + ": integer value invalid");
    }
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) { // past long: the sign says which way
      n = value.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    if (n < least) {
      throw new IllegalArgumentException(
          name + " " + value + ": integer value too small (at least " + least + ")");
    }
    if (n > most) {
      throw new IllegalArgumentException(
          name + " " + value + ": integer value too large (at most " + most + ")");
    }
    return (int) n;
  }
}
