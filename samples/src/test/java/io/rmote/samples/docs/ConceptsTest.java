package io.rmote.samples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rmote.Remote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the code of docs/concepts.md against a local python3. */
class ConceptsTest {
  @TempDir Path dir;

  @Test
  void aTypedCallAndTheSameCallByNameGiveTheSameAnswer() throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "12345");
    try (Remote remote = Remote.local()) {
      assertEquals(List.of(5L, 5L), Concepts.twoWays(remote, file.toString()));
    }
  }

  @Test
  void callsAreAnsweredWhileAnAsyncCallWaits() throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "12345");
    try (Remote remote = Remote.local()) {
      assertEquals(
          List.of("size 5, flag there: false", "flag there: true"),
          Concepts.inFlight(remote, dir.resolve("flag").toString(), file.toString()));
    }
  }
}
