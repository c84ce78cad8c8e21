package io.rmote.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rmote.Remote;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@link BecomeUser} on a local interpreter: root becomes {@code nobody} through sudo. */
class BecomeUserTest {

  @Test
  void rootBecomesNobody() {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name"))
            && Files.isExecutable(Path.of("/usr/bin/sudo")),
        "needs root and sudo");
    String out = Printed.by(() -> BecomeUser.whoami(Remote.builder(), "nobody"));
    assertEquals("the remote runs as nobody\n", out);
  }
}
