package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the runtime's rooms small: a class that grows past 400 lines is doing more than one job and
 * is split by job before it lands (docs/runtime.md lists where each job lives).
 */
class SourceSizeTest {
  private static final int MAX_LINES = 400;

  @Test
  void noRuntimeSourceFileIsLongerThan400Lines() throws IOException {
    Path main = Path.of("src/main/java");
    List<String> tooLong;
    try (Stream<Path> files = Files.walk(main)) {
      tooLong =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> lines(f) > MAX_LINES)
              .map(f -> main.relativize(f) + ": " + lines(f) + " lines")
              .sorted()
              .collect(Collectors.toList());
    }
    assertEquals(List.of(), tooLong, "split these by job");
  }

  private static long lines(Path f) {
    try (Stream<String> l = Files.lines(f)) {
      return l.count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
