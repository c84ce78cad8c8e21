package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.testing.ChildJvm;
import io.rmote.wire.Codecs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a fresh JVM loads for one local connect, call and close, with an event listener set: a
 * command-line use pays each class on every run (docs/performance.md, "Cold start"). The child's
 * class path has an SLF4J provider, as the tests' has.
 */
class FreshJvmClassesTest {

  /** Connects to the local {@code python3}, makes one call, closes; prints "answered". */
  public static final class Connect {
    public static void main(String[] args) {
      ToolDescriptor probe =
          ToolDescriptor.fromResource(FreshJvmClassesTest.class, "tools/probe.py", "Probe");
      try (Remote remote =
          Remote.builder().python("python3").eventListener(new EventListener() {}).connect()) {
        remote.call(probe, "echo", Codecs.VOID, "x");
      }
      System.out.println("answered");
    }
  }

  @Test
  void aConnectThatLogsNothingSpinsNoCodecOrListenerClassesAndNeedsNoLoggingOrSecurity()
      throws Exception {
    String log = ChildJvm.run(Connect.class, "-Xlog:class+load=info:stdout");
    assertTrue(log.contains("answered"), log);
    List<String> loaded = new ArrayList<>();
    for (String line : log.split("\n")) {
      int at = line.indexOf("[class,load] ");
      if (at >= 0) loaded.add(line.substring(at + 13).split(" ")[0]);
    }
    assertTrue(loaded.contains(Remote.class.getName()), log);
    // SLF4J's provider lookup: 45 to 55 ms of a fresh JVM, for a connect that logs nothing.
    assertEquals(List.of(), matching(loaded, "org.slf4j."));
    // The security providers, for a token that is no secret: 27 to 40 ms.
    assertEquals(List.of(), matching(loaded, "sun.security.provider."));
    // A record's equals and hashCode, bootstrapped at the first call: 22 ms.
    assertEquals(List.of(), matching(loaded, "java.lang.runtime.ObjectMethods"));
    // A lambda class spun per built-in codec and per listener event: about 0.8 ms each.
    assertEquals(List.of(), matching(loaded, "io.rmote.wire.Codecs$$Lambda"));
    assertEquals(List.of(), matching(loaded, "io.rmote.wire.BuiltinCodec$$Lambda"));
    assertEquals(List.of(), matching(loaded, "io.rmote.GuardedListener$$Lambda"));
    // The frame streams' clocks: System.nanoTime() unless a test gives one.
    assertEquals(List.of(), matching(loaded, "io.rmote.internal.wire.FrameInput$$Lambda"));
    assertEquals(List.of(), matching(loaded, "io.rmote.internal.wire.FrameWriter$$Lambda"));
    // Thread.isVirtual's method handle: only a thread factory of the user's needs it.
    assertEquals(List.of(), matching(loaded, "io.rmote.internal.scheduling.Scheduler$Virtual"));
  }

  /**
   * A string concatenation through invokedynamic spins method handles at its first run, one shape
   * after another: 14 to 20 ms of a fresh JVM's first connect. The runtime module is compiled with
   * {@code -XDstringConcat=inline}, as the JDK compiles its own base module, so no class of it
   * refers to {@code StringConcatFactory}.
   */
  @Test
  void theRuntimeConcatenatesStringsWithoutInvokedynamic() throws Exception {
    Path classes =
        Path.of(Remote.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    byte[] bootstrap = "java/lang/invoke/StringConcatFactory".getBytes(StandardCharsets.US_ASCII);
    List<String> found = new ArrayList<>();
    int seen = 0;
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        seen++;
        if (indexOf(Files.readAllBytes(f), bootstrap) >= 0)
          found.add(classes.relativize(f).toString());
      }
    }
    assertTrue(seen > 100, "the runtime's classes, under " + classes);
    assertEquals(List.of(), found);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }

  private static List<String> matching(List<String> loaded, String prefix) {
    List<String> found = new ArrayList<>();
    for (String name : loaded) if (name.startsWith(prefix)) found.add(name);
    return found;
  }
}
