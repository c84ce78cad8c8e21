package io.rmote;

import io.rmote.ToolDescriptor.ToolSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The support modules a tool source needs (docs/tools.md): each {@code from rmote.support.NAME
 * import ...} or {@code import rmote.support.NAME} at the start of a line names the class-path
 * resource {@code rmote/support/NAME.py}. A source that mentions {@code logging} needs the log
 * forwarder, {@code rmote/support/logs.py}, and one that mentions {@code Template} or {@code
 * render_template} the template engine, {@code rmote/support/template.py}. A connection receives
 * each once, before the first tool that needs it. Found when a descriptor is made, never on the
 * call path.
 */
final class SupportModules {
  private static final String PACKAGE = "rmote.support.";

  private static final Pattern IMPORT =
      Pattern.compile(
          "^[ \\t]*(?:from[ \\t]+rmote\\.support\\.(\\w+)[ \\t]+import\\b"
              + "|import[ \\t]+rmote\\.support\\.(\\w+))",
          Pattern.MULTILINE);

  /**
   * Needs that a source shows by a word, not an import: the runtime forwards log records once a
   * source that mentions logging loads (the same test as the runtime's), and every tool module sees
   * the runtime's thin {@code Template} without importing it.
   */
  private static final List<Mention> MENTIONS =
      List.of(
          new Mention(Pattern.compile("logging"), "logs"),
          new Mention(Pattern.compile("\\b(?:Template|render_template)\\b"), "template"));

  private record Mention(Pattern word, String module) {}

  private static final Map<String, ToolSource> LOADED = new ConcurrentHashMap<>();

  private SupportModules() {}

  /**
   * The support sources that {@code text} needs, their own needs included, each after the ones it
   * imports (the order a connection installs them in).
   *
   * @param importer the source's name, for the error message
   * @param loader where the support sources are looked up ({@code null}: the system class loader)
   * @throws IllegalArgumentException if a support source is not on the class path
   */
  static List<ToolSource> of(String importer, String text, ClassLoader loader) {
    ClassLoader l = loader != null ? loader : ClassLoader.getSystemClassLoader();
    Map<String, ToolSource> found = new LinkedHashMap<>();
    collect(importer, text, l, found, new HashSet<>());
    return List.copyOf(found.values());
  }

  private static void collect(
      String importer,
      String text,
      ClassLoader loader,
      Map<String, ToolSource> found,
      Set<String> visiting) {
    List<String> modules = new ArrayList<>();
    for (Mention m : MENTIONS) {
      if (m.word().matcher(text).find()) modules.add(m.module());
    }
    if (text.contains(PACKAGE)) {
      Matcher m = IMPORT.matcher(text);
      while (m.find()) modules.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    for (String module : modules) {
      String path = "rmote/support/" + module + ".py";
      // A cycle is left to Python, which fails the import: support modules form a tree.
      if (found.containsKey(path) || !visiting.add(path)) continue;
      ToolSource support =
          LOADED.computeIfAbsent(
              System.identityHashCode(loader) + ":" + path,
              k -> load(loader, path, importer, module));
      collect(path, support.text(), loader, found, visiting);
      found.put(path, support);
    }
  }

  private static ToolSource load(ClassLoader loader, String path, String importer, String module) {
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException(
            importer
                + " needs "
                + PACKAGE
                + module
                + ", but its source "
                + path
                + " is not on the class path");
      }
      return new ToolSource(path, new String(in.readAllBytes(), StandardCharsets.UTF_8), List.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read support source " + path, e);
    }
  }
}
