package io.rmote;

import io.rmote.testing.JavadocCoverage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every public type and member of the runtime's public packages has Javadoc. */
class JavadocTest {
  @Test
  void everyPublicElementHasJavadoc() throws Exception {
    JavadocCoverage.check(Path.of("src/main/java"));
  }
}
