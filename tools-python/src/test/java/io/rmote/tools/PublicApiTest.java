package io.rmote.tools;

import io.rmote.annotations.RemoteTool;
import io.rmote.testing.ApiFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The public API of this module and of {@code annotations} (which has no tests of its own) is the
 * one recorded in their {@code api/} files.
 */
class PublicApiTest {
  @Test
  void publicApiIsTheRecordedOne() {
    ApiFile.check(FileSystem.class, Path.of("api/rmote-tools-python.api"), "tools-python");
  }

  @Test
  void annotationsApiIsTheRecordedOne() {
    ApiFile.check(
        RemoteTool.class, Path.of("../annotations/api/rmote-annotations.api"), "tools-python");
  }
}
