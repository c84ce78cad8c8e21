package io.rmote.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the code in the README and in {@code docs/*.md} honest. Every fenced block names its
 * language. A {@code ```java} block must be preceded by a {@code <!-- sample: FILE#REGION -->}
 * comment and equal that region of a source this build compiles (and, for the samples, runs); a
 * block of another language may carry {@code <!-- sample: FILE -->} (the whole file) or {@code <!--
 * sample: FILE#REGION -->} and is then checked the same way. Output, command lines and formats are
 * {@code ```text}, {@code ```sh} and the like, so no Java hides in an unchecked block.
 */
class ReadmeTest {
  static final Path TOP = Path.of("").toAbsolutePath().getParent();

  /**
   * A fenced block: its file and line, language, text, and the sample comment before it, if any.
   */
  record Block(String doc, int line, String language, String text, String sample) {
    String where() {
      return doc + ":" + line;
    }
  }

  private static final Pattern SAMPLE = Pattern.compile("<!-- sample: (\\S+?)(?:#(\\S+))? -->");
  private static final Pattern FENCE = Pattern.compile("^```(\\S*)\\s*$");

  /**
   * README.md and every page of docs/ and its folders (docs/tools/), as paths relative to the top
   * folder.
   */
  static List<String> docs() {
    List<String> docs = new ArrayList<>();
    docs.add("README.md");
    try (Stream<Path> pages = Files.walk(TOP.resolve("docs"))) {
      pages
          .filter(Files::isRegularFile)
          .map(p -> TOP.relativize(p).toString())
          .filter(p -> p.endsWith(".md"))
          .sorted()
          .forEach(docs::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  static List<Block> blocks(String doc) throws IOException {
    List<String> lines = Files.readString(TOP.resolve(doc)).lines().toList();
    List<Block> blocks = new ArrayList<>();
    String sample = null;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      Matcher s = SAMPLE.matcher(l.strip());
      Matcher f = FENCE.matcher(l);
      if (s.matches()) {
        sample = l.strip();
      } else if (f.matches()) {
        int open = i;
        StringBuilder text = new StringBuilder();
        while (++i < lines.size() && !lines.get(i).startsWith("```"))
          text.append(lines.get(i)).append('\n');
        if (i == lines.size())
          throw new AssertionError(doc + ":" + (open + 1) + ": the block is never closed");
        blocks.add(new Block(doc, open + 1, f.group(1), text.toString(), sample));
        sample = null;
      } else if (!l.isBlank()) {
        sample = null; // a sample comment belongs to the block right after it
      }
    }
    return blocks;
  }

  @Test
  void everyJavaBlockOfTheReadmeAndTheDocsIsACheckedSample() throws IOException {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (String doc : docs()) {
      for (Block b : blocks(doc)) {
        if (b.language().isEmpty()) {
          problems.add(
              b.where()
                  + ": say what the block holds (```java for code, which must be a sample;"
                  + " ```text for output or formats)");
          continue;
        }
        if (b.sample() == null) {
          if (b.language().equals("java")) {
            problems.add(
                b.where()
                    + ": a ```java block needs a <!-- sample: FILE#REGION --> comment before it");
          }
          continue;
        }
        Matcher m = SAMPLE.matcher(b.sample());
        assertTrue(m.matches());
        Path file = TOP.resolve(m.group(1));
        if (!Files.isRegularFile(file)) {
          problems.add(b.where() + ": no file " + m.group(1));
          continue;
        }
        String source = Files.readString(file);
        String expected;
        try {
          expected = m.group(2) == null ? source : region(source, m.group(2));
        } catch (AssertionError e) {
          problems.add(b.where() + ": " + m.group(1) + " has " + e.getMessage());
          continue;
        }
        if (!expected.equals(b.text())) {
          problems.add(
              b.where()
                  + ": differs from "
                  + m.group(1)
                  + (m.group(2) == null ? "" : "#" + m.group(2))
                  + "\n--- the source:\n"
                  + expected
                  + "--- the doc:\n"
                  + b.text());
        }
        checked++;
      }
    }
    assertEquals(List.of(), problems, String.join("\n", problems));
    assertTrue(checked >= 6, "the README's samples were not found: " + checked);
  }

  /**
   * The lines between {@code // [name]} and {@code // [/name]} (or {@code # [name]} and {@code #
   * [/name]} in Python and shell), without their common indent.
   */
  static String region(String source, String name) {
    List<String> lines = source.lines().toList();
    int begin = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.equals("// [" + name + "]") || l.equals("# [" + name + "]")) begin = i;
      if (l.equals("// [/" + name + "]") || l.equals("# [/" + name + "]")) end = i;
    }
    if (begin < 0 || end < begin) throw new AssertionError("no region " + name);
    List<String> body = lines.subList(begin + 1, end);
    int indent =
        body.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder s = new StringBuilder();
    for (String l : body) s.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    return s.toString();
  }

  @Test
  void theMavenSnippetNamesThisVersion() throws IOException {
    String pom = Files.readString(TOP.resolve("pom.xml"));
    Matcher v =
        Pattern.compile("<artifactId>rmote-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertTrue(v.find(), "no version in pom.xml");
    List<Block> xml = blocks("README.md").stream().filter(b -> b.language().equals("xml")).toList();
    assertEquals(1, xml.size(), "the README's Maven snippet");
    assertTrue(
        xml.get(0).text().contains("<version>" + v.group(1) + "</version>"),
        "the README's Maven snippet should name version " + v.group(1) + ":\n" + xml.get(0).text());
  }

  @Test
  void quickStartRunsAgainstALocalPython() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      QuickStart.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    original.print(out);
    assertTrue(out.contains("hostname: "), out);
    assertTrue(out.contains("GB free on /"), out);
    assertTrue(out.contains("caught: FileNotFoundError"), out);
    assertTrue(out.contains("lines"), out);
  }
}
