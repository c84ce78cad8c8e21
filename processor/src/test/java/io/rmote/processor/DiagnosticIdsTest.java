package io.rmote.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rmote.processor.report.DiagnosticId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code docs/processor.md} lists every diagnostic id the processor has, and no other. */
class DiagnosticIdsTest {
  private static final Pattern ROW =
      Pattern.compile("^\\| `(rmote\\.[A-Za-z]+)` \\| (error|warning) \\|");

  @Test
  void theDocsListExactlyTheIdsInCode() throws IOException {
    Set<String> documented = new TreeSet<>();
    Set<String> documentedWithKind = new TreeSet<>();
    for (String line : Files.readAllLines(Path.of("../docs/processor.md"))) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        documented.add(m.group(1));
        documentedWithKind.add(m.group(1) + " " + m.group(2));
      }
    }
    Set<String> inCode =
        Arrays.stream(DiagnosticId.values())
            .map(DiagnosticId::id)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        inCode, documented, "ids in DiagnosticId (expected) and in docs/processor.md (actual)");
    Set<String> inCodeWithKind =
        Arrays.stream(DiagnosticId.values())
            .map(d -> d.id() + " " + d.kind().name().toLowerCase(java.util.Locale.ROOT))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        inCodeWithKind, documentedWithKind, "kinds in DiagnosticId and in docs/processor.md");
  }
}
