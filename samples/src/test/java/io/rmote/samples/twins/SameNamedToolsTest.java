package io.rmote.samples.twins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rmote.Remote;
import org.junit.jupiter.api.Test;

/**
 * Two tools named Helper, each with its own dataclass Info, in different files, on one connection.
 */
class SameNamedToolsTest {

  @Test
  void eachToolRunsItsOwnFile() {
    try (Remote remote = Remote.local()) {
      HelperA a = remote.tool(HelperA.class);
      HelperB b = remote.tool(HelperB.class);
      assertEquals(new HelperA.Info("a"), a.which());
      assertEquals(new HelperB.Info("b"), b.which());
      assertEquals(new HelperA.Info("a"), a.which());
    }
  }
}
