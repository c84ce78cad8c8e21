package io.rmote.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code Match} lines of one reading of an ssh_config file, evaluated as OpenSSH's
 * match_cfg_line does: {@code all}, {@code canonical}, {@code final}, {@code host}, {@code
 * originalhost}, {@code user}, {@code localuser} and, when allowed, {@code exec}.
 */
final class ConfigMatch {
  private final String host;
  private final String originalHost;
  private final boolean finalPass;
  private final Map<String, List<String>> values;
  private final boolean allowExec;
  private boolean wantFinal;

  /**
   * @param host the host the reading is for (the HostName on a final pass)
   * @param values the values found so far, which {@code Match host} and {@code user} see
   * @param allowExec whether {@code Match exec} may run its command
   */
  ConfigMatch(
      String host,
      String originalHost,
      boolean finalPass,
      Map<String, List<String>> values,
      boolean allowExec) {
    this.host = host;
    this.originalHost = originalHost;
    this.finalPass = finalPass;
    this.values = values;
    this.allowExec = allowExec;
  }

  /** Whether a {@code Match canonical} or {@code final} asked for a final pass. */
  boolean wantFinal() {
    return wantFinal;
  }

  /** OpenSSH's match_cfg_line: every criterion must hold; {@code !} negates one. */
  boolean matches(List<String> args, Path f, int line) {
    if (args.isEmpty()) throw SshConfig.fail(f, line, "Match without a criterion");
    String matchHost =
        finalPass
            ? host
            : values.containsKey("hostname")
                ? SshTokens.hostName(values.get("hostname").get(0), host)
                : host;
    String remoteUser =
        values.containsKey("user") ? values.get("user").get(0) : System.getProperty("user.name");
    boolean result = true;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      boolean negate = a.startsWith("!");
      String criterion = (negate ? a.substring(1) : a).toLowerCase(Locale.ROOT);
      switch (criterion) {
        case "all":
          if (negate
              || (i > 0
                  && !List.of("canonical", "final")
                      .contains(args.get(i - 1).toLowerCase(Locale.ROOT)))
              || i + 1 < args.size()) {
            throw SshConfig.fail(f, line, "'all' cannot be combined with other Match attributes");
          }
          continue;
        case "canonical":
        case "final":
          // rmote never canonicalizes; a final pass is made when a Match asks for one
          if (!finalPass) wantFinal = true;
          if (finalPass == negate) result = false;
          continue;
        default:
          break;
      }
      if (i + 1 == args.size())
        throw SshConfig.fail(f, line, "Match " + criterion + " without an argument");
      String arg = args.get(++i);
      boolean r;
      switch (criterion) {
        case "host":
          r = SshPatterns.list(arg, matchHost, true);
          break;
        case "originalhost":
          r = SshPatterns.list(arg, originalHost, true);
          break;
        case "user":
          r = SshPatterns.list(arg, remoteUser, false);
          break;
        case "localuser":
          r = SshPatterns.list(arg, System.getProperty("user.name"), false);
          break;
        case "exec":
          if (!result) continue; // OpenSSH skips a command whose answer cannot matter
          if (!allowExec) {
            throw SshConfig.fail(
                f,
                line,
                "Match exec runs a local command, which rmote does not do unless"
                    + " Ssh.Builder.configMatchExec(true) allows it");
          }
          r = exec(SshTokens.expand(arg, tokens(matchHost, remoteUser), "Match exec"));
          break;
        default:
          throw SshConfig.fail(f, line, "Unsupported Match attribute " + criterion);
      }
      if (r == negate) result = false;
    }
    return result;
  }

  private Map<Character, String> tokens(String matchHost, String remoteUser) {
    String port = values.containsKey("port") ? values.get("port").get(0) : "22";
    return SshTokens.map(matchHost, originalHost, port, remoteUser, values);
  }

  private static boolean exec(String command) {
    try {
      Process p =
          new ProcessBuilder("/bin/sh", "-c", command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
