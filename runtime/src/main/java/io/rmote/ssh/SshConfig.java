package io.rmote.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An OpenSSH client config file read as ssh(1) reads it: {@code Host} and {@code Match} blocks,
 * {@code Include} (globs, paths relative to {@code ~/.ssh}), quoting, the first value obtained
 * wins, and a final pass when a {@code Match final} or {@code canonical} asks for one. What it
 * yields is the raw value of each keyword, as {@code ssh -G} prints them before tokens are
 * expanded; {@link SshLauncher} applies them. Which keywords are honoured is {@link SshKeywords}.
 */
final class SshConfig {
  /** More nested Includes than any real config has: OpenSSH's own limit. */
  private static final int MAX_INCLUDE_DEPTH = 16;

  private final Path file;
  private final boolean allowExec;

  SshConfig(Path file, boolean allowExec) {
    this.file = file;
    this.allowExec = allowExec;
  }

  Path file() {
    return file;
  }

  /**
   * The values for {@code host} (as given), keyword in lower case to its values: one entry per
   * value line for the multi-valued keywords ({@code IdentityFile}, {@code CertificateFile}, ...),
   * else the arguments of the first line that set it.
   *
   * @param preset values the code set, which win as {@code -o} does on OpenSSH's command line (and
   *     which {@code Match user} sees)
   * @throws SshException if the file cannot be read, a line is malformed, or a {@code Match exec}
   *     is met and not allowed
   */
  Map<String, List<String>> resolve(String host, Map<String, List<String>> preset) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    preset.forEach((k, v) -> values.put(k.toLowerCase(Locale.ROOT), v));
    Pass first = new Pass(host, host, false, values);
    first.read(file, 0, true);
    if (first.match.wantFinal()) {
      String h =
          values.containsKey("hostname")
              ? SshTokens.hostName(values.get("hostname").get(0), host)
              : host;
      values.put("hostname", List.of(h));
      new Pass(h, host, true, values).read(file, 0, true);
    }
    return values;
  }

  /** One reading of the whole file (with its includes) for one host. */
  private final class Pass {
    final String host;
    final Map<String, List<String>> values;
    final ConfigMatch match;

    Pass(String host, String originalHost, boolean finalPass, Map<String, List<String>> values) {
      this.host = host;
      this.values = values;
      this.match = new ConfigMatch(host, originalHost, finalPass, values, allowExec);
    }

    /** Reads {@code f}; returns the activity at its end, which an Include does not carry out. */
    void read(Path f, int depth, boolean active) {
      List<String> lines;
      try {
        lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw fail(f, 0, "cannot read it: " + e.getMessage());
      }
      boolean neverMatch = !active;
      boolean on = active;
      for (int n = 0; n < lines.size(); n++) {
        List<String> words = split(lines.get(n), f, n + 1);
        if (words.isEmpty()) continue;
        String keyword = words.get(0).toLowerCase(Locale.ROOT);
        List<String> args = words.subList(1, words.size());
        switch (keyword) {
          case "host":
            if (args.isEmpty()) throw fail(f, n + 1, "Host without a pattern");
            on = !neverMatch && hostMatches(args);
            break;
          case "match":
            on = match.matches(args, f, n + 1) && !neverMatch;
            break;
          case "include":
            if (args.isEmpty()) throw fail(f, n + 1, "Include without a file");
            for (String pattern : args) {
              for (Path inc : include(pattern)) {
                if (depth + 1 > MAX_INCLUDE_DEPTH)
                  throw fail(f, n + 1, "Include nested too deeply (a loop?)");
                read(inc, depth + 1, on);
              }
            }
            break;
          default:
            SshKeywords.Keyword k = SshKeywords.find(keyword);
            if (k == null) {
              List<String> ignore = values.get("ignoreunknown");
              if (ignore != null && SshPatterns.list(String.join(",", ignore), keyword, true))
                break;
              throw fail(f, n + 1, "Bad configuration option: " + words.get(0));
            }
            if (args.isEmpty()) throw fail(f, n + 1, words.get(0) + " without a value");
            String typed;
            try {
              typed = SshOptionRules.configValue(k.key(), args.get(0));
            } catch (IllegalArgumentException e) {
              // as in ssh(1), a bad value fails even in a block that does not apply to the host
              throw fail(f, n + 1, e.getMessage().replaceFirst("^" + k.key(), k.name));
            }
            if (!on || typed == null) break;
            if (!typed.equals(args.get(0))) args = List.of(typed);
            if ((k.key().equals("proxyjump") || k.key().equals("proxycommand"))
                && (values.containsKey("proxyjump") || values.containsKey("proxycommand"))) {
              break; // one slot for both, as in ssh(1): the first of them wins
            }
            if (k.key().equals("proxycommand")) {
              values.put(k.key(), List.of(rest(lines.get(n)))); // a command line, kept as written
              break;
            }
            if (k.multi) {
              values
                  .computeIfAbsent(k.key(), x -> new ArrayList<>())
                  .addAll(k.oneArgument ? List.of(String.join(" ", args)) : args);
            } else {
              values.putIfAbsent(k.key(), List.copyOf(args));
            }
        }
      }
    }

    private boolean hostMatches(List<String> patterns) {
      boolean any = false;
      for (String p : patterns) {
        boolean negated = p.startsWith("!");
        if (SshPatterns.glob(negated ? p.substring(1) : p, host, false)) {
          if (negated) return false;
          any = true;
        }
      }
      return any;
    }
  }

  /**
   * The files an {@code Include} names: {@code ~} expanded, relative to {@code ~/.ssh}, globbed,
   * sorted.
   */
  private List<Path> include(String pattern) {
    String p = SshFiles.expandHome(pattern);
    Path base = Path.of(System.getProperty("user.home"), ".ssh");
    Path full = Path.of(p).isAbsolute() ? Path.of(p) : base.resolve(p);
    List<Path> out = new ArrayList<>();
    if (!hasGlob(full.toString())) {
      if (Files.isRegularFile(full)) out.add(full);
      return out;
    }
    // glob component by component, as glob(3) does
    List<Path> current = List.of(full.getRoot());
    for (Path part : full.getRoot().relativize(full)) {
      List<Path> next = new ArrayList<>();
      String name = part.toString();
      for (Path dir : current) {
        if (!hasGlob(name)) {
          Path c = dir.resolve(name);
          if (Files.exists(c)) next.add(c);
          continue;
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + name);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
          for (Path c : ds) {
            if (c.getFileName().toString().startsWith(".") && !name.startsWith(".")) continue;
            if (m.matches(c.getFileName())) next.add(c);
          }
        } catch (IOException e) {
          // an unreadable or missing directory matches nothing, as for glob(3)
        }
      }
      Collections.sort(next);
      current = next;
    }
    for (Path c : current) if (Files.isRegularFile(c)) out.add(c);
    return out;
  }

  private static boolean hasGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  static SshException fail(Path f, int line, String why) {
    return new SshException(f + (line > 0 ? " line " + line : "") + ": " + why, null, null);
  }

  /**
   * A line's words as OpenSSH splits them: the keyword ends at white space or one {@code =};
   * arguments are separated by white space, {@code "…"} and {@code '…'} quote, a backslash escapes
   * a quote, a backslash or a space, and a word starting with {@code #} ends the line.
   */
  List<String> split(String line, Path f, int n) {
    List<String> words = new ArrayList<>();
    int i = 0;
    int len = line.length();
    while (i < len && Character.isWhitespace(line.charAt(i))) i++;
    if (i == len || line.charAt(i) == '#') return words;
    int start = i;
    while (i < len && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '=') i++;
    words.add(line.substring(start, i));
    while (i < len && Character.isWhitespace(line.charAt(i))) i++;
    if (i < len && line.charAt(i) == '=') i++;
    while (i < len) {
      while (i < len && Character.isWhitespace(line.charAt(i))) i++;
      if (i == len) break;
      if (line.charAt(i) == '#') break;
      StringBuilder w = new StringBuilder();
      char quote = 0;
      while (i < len) {
        char c = line.charAt(i);
        if (quote == 0 && Character.isWhitespace(c)) break;
        if (c == '\\'
            && i + 1 < len
            && "\\\"' ".indexOf(line.charAt(i + 1)) >= 0
            && (quote == 0 || line.charAt(i + 1) == quote || line.charAt(i + 1) == '\\')) {
          w.append(line.charAt(i + 1));
          i += 2;
          continue;
        }
        if (quote == 0 && (c == '"' || c == '\'')) {
          quote = c;
        } else if (c == quote) {
          quote = 0;
        } else {
          w.append(c);
        }
        i++;
      }
      if (quote != 0) throw fail(f, n, "unterminated quoted argument");
      words.add(w.toString());
    }
    return words;
  }

  /** What follows the keyword and its separator, as written: ssh(1) keeps ProxyCommand so. */
  static String rest(String line) {
    int i = 0;
    int len = line.length();
    while (i < len && Character.isWhitespace(line.charAt(i))) i++;
    while (i < len && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '=') i++;
    while (i < len && Character.isWhitespace(line.charAt(i))) i++;
    if (i < len && line.charAt(i) == '=') i++;
    while (i < len && Character.isWhitespace(line.charAt(i))) i++;
    return line.substring(i).strip();
  }
}
