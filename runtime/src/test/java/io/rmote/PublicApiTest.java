package io.rmote;

import io.rmote.testing.ApiFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The runtime's public API is the one recorded in {@code runtime/api/rmote-runtime.api}. */
class PublicApiTest {
  @Test
  void publicApiIsTheRecordedOne() {
    ApiFile.check(Remote.class, Path.of("api/rmote-runtime.api"), "runtime");
  }
}
