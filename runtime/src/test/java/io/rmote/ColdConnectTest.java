package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.testing.ChildJvm;
import io.rmote.wire.Codecs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a fresh JVM's first connect leaves out on purpose, so that a command-line use does not pay
 * for it (docs/performance.md, "Cold start"). No timing: which classes exist and which get loaded.
 */
class ColdConnectTest {
  /** A fresh JVM's first connect, call and close; prints "answered" when the call came back. */
  public static final class FirstConnect {
    public static void main(String[] args) {
      try (Remote remote = Remote.local()) {
        if ("cold".equals(remote.call(RemoteCallTest.PROBE, "echo", Codecs.STRING, "cold"))) {
          System.out.println("answered");
        }
      }
    }
  }

  @Test
  void theRuntimesClassesBootstrapNoStringConcatenation() throws Exception {
    // -XDstringConcat=inline in runtime/pom.xml: the first invokedynamic concatenation of a JVM
    // spins dozens of method-handle classes before the interpreter is even started.
    Path classes =
        Path.of(Remote.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Path> withIndy;
    try (Stream<Path> files = Files.walk(classes)) {
      withIndy =
          files
              .filter(p -> p.toString().endsWith(".class"))
              .filter(ColdConnectTest::concatenatesWithIndy)
              .collect(Collectors.toList());
    }
    assertEquals(List.of(), withIndy);
  }

  @Test
  void aFirstConnectSpinsNoLambdaForTheEventListener() throws Exception {
    String log = ChildJvm.run(FirstConnect.class, "-Xlog:class+load=info:stdout");
    assertTrue(log.contains("answered"), log);
    assertTrue(log.contains("io.rmote.GuardedListener "), "the listener is used: " + log);
    assertFalse(log.contains("io.rmote.GuardedListener$$Lambda"), log);
  }

  private static boolean concatenatesWithIndy(Path classFile) {
    try {
      return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1)
          .contains("makeConcatWithConstants");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
