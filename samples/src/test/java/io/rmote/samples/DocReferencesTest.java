package io.rmote.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps what the README, the docs and the code comments point at in existence: a page, file or
 * class moved or renamed without its citations fails here, naming the file and line that cite it.
 * Checked: relative Markdown links (and {@code #anchors} of the same page), paths from the top
 * folder ({@code runtime/src/main/java/io/rmote/Remote.java}, {@code docs/ssh.md}) in the pages and
 * in every source file, fully qualified {@code io.rmote} class names in the pages, and Java file
 * names ({@code Bootstrap.java}), test class names ({@code BootstrapTest}) and exception names
 * ({@code BootstrapException}, {@code FileNotFoundError}) in the pages.
 */
class DocReferencesTest {
  private static final Path TOP = ReadmeTest.TOP;

  /**
   * A path from the top folder: starts with a module or docs/ or .ci/, not inside a longer path.
   */
  private static final Pattern TOP_PATH =
      Pattern.compile(
          "(?<![\\w./-])((?:annotations|processor|runtime|tools-python|samples|benchmarks|docs|\\.ci)/[\\w./-]*[\\w/])");

  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern CLASS_NAME =
      Pattern.compile("(?<![\\w.])io\\.rmote((?:\\.[a-z_][a-z0-9_]*)+)(?:\\.([A-Z]\\w*)|\\.\\*)");
  private static final Pattern JAVA_FILE = Pattern.compile("(?<![\\w./-])([A-Z]\\w*\\.java)\\b");
  private static final Pattern TEST_CLASS =
      Pattern.compile("(?<![\\w.])([A-Z]\\w*Test)\\b(?!\\.java)");
  private static final Pattern EXCEPTION =
      Pattern.compile("(?<![\\w.])([A-Z]\\w*(?:Exception|Error))\\b");

  /** Python's roots of the exception tree, which have no Java class of their own name. */
  private static final Set<String> PYTHON_ONLY = Set.of("BaseException", "Exception");

  /** The JDK's own exceptions (IllegalStateException, ...) are named by the docs as they are. */
  private static boolean isJavaLang(String name) {
    try {
      Class.forName("java.lang." + name);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static final List<String> MODULES =
      List.of("annotations", "processor", "runtime", "tools-python", "samples", "benchmarks");

  @Test
  void linksAndCitationsOfTheReadmeAndTheDocsExist() throws IOException {
    Set<String> javaFiles = javaFileNames();
    Set<String> mainClasses = new HashSet<>();
    for (Path p : sources()) {
      if (TOP.relativize(p).toString().contains("/src/main/java/"))
        mainClasses.add(p.getFileName().toString());
    }
    List<String> problems = new ArrayList<>();
    for (String doc : ReadmeTest.docs()) {
      Path page = TOP.resolve(doc);
      List<String> lines = Files.readString(page).lines().toList();
      Set<String> anchors = anchors(lines);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        String where = doc + ":" + (i + 1) + ": ";
        Matcher link = LINK.matcher(line);
        while (link.find()) {
          String target = link.group(1);
          if (target.matches("[a-z]+:.*")) continue; // https:, mailto:
          int hash = target.indexOf('#');
          String file = hash < 0 ? target : target.substring(0, hash);
          if (file.isEmpty()) {
            if (!anchors.contains(target.substring(1)))
              problems.add(where + "no heading for the link " + target);
          } else if (!Files.exists(page.getParent().resolve(file))) {
            problems.add(where + "the link " + target + " leads nowhere");
          }
        }
        checkTopPaths(where, line, problems);
        Matcher c = CLASS_NAME.matcher(line);
        while (c.find()) {
          String pkg = "io/rmote" + c.group(1).replace('.', '/');
          String rel = c.group(2) == null ? pkg : pkg + "/" + c.group(2) + ".java";
          if (MODULES.stream()
              .noneMatch(m -> Files.exists(TOP.resolve(m + "/src/main/java/" + rel)))) {
            problems.add(
                where + "no " + c.group().replace(".*", " package") + " in the main sources");
          }
        }
        Matcher j = JAVA_FILE.matcher(line);
        while (j.find()) {
          if (!javaFiles.contains(j.group(1)))
            problems.add(where + "no file " + j.group(1) + " in the sources");
        }
        Matcher x = EXCEPTION.matcher(line);
        while (x.find()) {
          String name = x.group(1);
          if (!PYTHON_ONLY.contains(name)
              && !mainClasses.contains(name + ".java")
              && !isJavaLang(name)) {
            problems.add(where + "no exception class " + name + " in the main sources");
          }
        }
        Matcher t = TEST_CLASS.matcher(line);
        while (t.find()) {
          if (!javaFiles.contains(t.group(1) + ".java"))
            problems.add(where + "no test class " + t.group(1));
        }
      }
    }
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  @Test
  void theReadmeLinksEveryPageOfTheDocs() throws IOException {
    String readme = Files.readString(TOP.resolve("README.md"));
    List<String> unlinked = new ArrayList<>();
    for (String d : ReadmeTest.docs()) {
      if (!d.startsWith("docs/")) continue;
      String rel = d.substring("docs/".length());
      int slash = rel.indexOf('/');
      if (slash < 0) {
        if (!readme.contains("](" + d + ")")) unlinked.add(d + " (from README.md)");
      } else {
        // A page of a folder (docs/tools/apt.md) is linked from the folder's own page
        // (docs/tools.md).
        String index = "docs/" + rel.substring(0, slash) + ".md";
        Path indexPage = TOP.resolve(index);
        if (!Files.exists(indexPage) || !Files.readString(indexPage).contains("](" + rel + ")")) {
          unlinked.add(d + " (from " + index + ")");
        }
      }
    }
    assertEquals(
        List.of(),
        unlinked,
        "pages of docs/ not linked from the README's Layout table or from their folder's page");
  }

  @Test
  void pathsCitedInTheSourcesExist() throws IOException {
    List<String> problems = new ArrayList<>();
    int files = 0;
    List<Path> pages = ReadmeTest.docs().stream().map(TOP::resolve).toList();
    for (Path source : sources()) {
      if (pages.contains(source)) continue; // the test above checks them
      List<String> lines = Files.readAllLines(source);
      for (int i = 0; i < lines.size(); i++) {
        checkTopPaths(TOP.relativize(source) + ":" + (i + 1) + ": ", lines.get(i), problems);
      }
      files++;
    }
    assertTrue(files > 100, "too few sources found under " + TOP + ": " + files);
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  private static void checkTopPaths(String where, String line, List<String> problems) {
    Matcher p = TOP_PATH.matcher(line);
    while (p.find()) {
      String path = p.group(1);
      if (path.contains("/target/") || path.contains("...") || path.contains("…")) continue;
      if (!Files.exists(TOP.resolve(path)))
        problems.add(where + "cites " + path + ", which does not exist");
    }
  }

  /**
   * GitHub's anchors for the page's headings: lower case, punctuation dropped, spaces to hyphens.
   */
  static Set<String> anchors(List<String> lines) {
    Set<String> anchors = new HashSet<>();
    boolean inBlock = false;
    for (String l : lines) {
      if (l.startsWith("```")) inBlock = !inBlock;
      if (inBlock || !l.startsWith("#")) continue;
      String title = l.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
      anchors.add(title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
    }
    return anchors;
  }

  /** Every source, script, pom and page of the project, outside build output and hidden folders. */
  static List<Path> sources() throws IOException {
    try (Stream<Path> all = Files.walk(TOP)) {
      return all.filter(Files::isRegularFile)
          .filter(
              p -> {
                Path rel = TOP.relativize(p);
                for (Path part : rel) {
                  String n = part.toString();
                  if (n.equals("target")
                      || n.equals("node_modules")
                      || (n.startsWith(".") && !n.equals(".ci"))) {
                    return false;
                  }
                }
                String n = p.getFileName().toString();
                return n.endsWith(".java")
                    || n.endsWith(".py")
                    || n.endsWith(".md")
                    || n.endsWith(".sh")
                    || n.equals("pom.xml")
                    || rel.startsWith(".ci")
                    || n.equals("run");
              })
          .sorted()
          .toList();
    }
  }

  private static Set<String> javaFileNames() {
    try {
      Set<String> names = new HashSet<>();
      for (Path p : sources()) names.add(p.getFileName().toString());
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
