package io.rmote.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README honest: every Java block in it is preceded by a {@code <!-- sample: FILE#REGION
 * -->} comment and must equal that region of a sample, which this module compiles and these tests
 * run.
 */
class ReadmeTest {
  private static final Path TOP = Path.of("").toAbsolutePath().getParent();
  private static final Pattern BLOCK =
      Pattern.compile("<!-- sample: (\\S+)#(\\S+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyJavaBlockOfTheReadmeIsASampleRegion() throws IOException {
    String readme = Files.readString(TOP.resolve("README.md"));
    int javaBlocks = readme.split("```java", -1).length - 1;
    Matcher m = BLOCK.matcher(readme);
    List<String> checked = new ArrayList<>();
    while (m.find()) {
      String source = Files.readString(TOP.resolve(m.group(1)));
      assertEquals(region(source, m.group(2)), m.group(3), "README block " + m.group(1) + "#" + m.group(2));
      checked.add(m.group(2));
    }
    assertEquals(javaBlocks, checked.size(), "every ```java block of the README needs a sample comment");
    assertFalse(checked.isEmpty());
  }

  /** The lines between {@code // [name]} and {@code // [/name]}, without their common indent. */
  static String region(String source, String name) {
    List<String> lines = source.lines().toList();
    int begin = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.equals("// [" + name + "]")) begin = i;
      if (l.equals("// [/" + name + "]")) end = i;
    }
    if (begin < 0 || end < begin) throw new AssertionError("no region " + name);
    List<String> body = lines.subList(begin + 1, end);
    int indent = body.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder s = new StringBuilder();
    for (String l : body) s.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    return s.toString();
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
