package io.rmote.tools;

import io.rmote.testing.JavadocCoverage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every public type and member of this module's and of {@code annotations}' (which has no tests of
 * its own) public packages has Javadoc.
 */
class JavadocTest {
  @Test
  void everyPublicElementHasJavadoc() throws Exception {
    JavadocCoverage.check(Path.of("src/main/java"));
  }

  @Test
  void annotationsHaveJavadoc() throws Exception {
    JavadocCoverage.check(Path.of("../annotations/src/main/java"));
  }
}
