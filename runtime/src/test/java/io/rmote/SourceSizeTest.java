package io.rmote;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps each class of the runtime one job long: a source file over {@value #MAX_LINES} lines, or
 * over {@value #MAX_CODE_LINES} lines of code (blank lines and comments not counted), fails the
 * build, as the sign that it has grown a second job. Split it by job, as Channel was into Channel,
 * ChannelReader, CallSender, PendingCall and Startup.
 */
class SourceSizeTest {
  static final int MAX_LINES = 400;
  static final int MAX_CODE_LINES = 300;
  private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
  private static final Pattern LINE_COMMENT = Pattern.compile("//[^\n]*");

  @Test
  void noRuntimeClassHoldsMoreThanOneJobsWorthOfCode() throws IOException {
    List<String> tooLong = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        String source = Files.readString(f);
        long lines = source.lines().count();
        long code = codeLines(source);
        if (lines > MAX_LINES || code > MAX_CODE_LINES) {
          tooLong.add(f + ": " + lines + " lines, " + code + " of them code");
        }
      }
    }
    assertTrue(tooLong.isEmpty(), "split by job: " + tooLong);
  }

  /** Lines that hold code once comments are gone; a comment marker inside a string is rare here. */
  static long codeLines(String source) {
    String code = LINE_COMMENT.matcher(BLOCK_COMMENT.matcher(source).replaceAll("")).replaceAll("");
    return code.lines().filter(l -> !l.isBlank()).count();
  }
}
