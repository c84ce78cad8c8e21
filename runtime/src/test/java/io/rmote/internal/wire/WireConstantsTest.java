package io.rmote.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Input;
import io.rmote.internal.bootstrap.Bootstrap;
import io.rmote.testing.Pythons;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wire's constants are listed once per language, with the same names: value tags as {@code
 * T_<name>} in runtime.py and {@code Tag.<name>} here, frame kinds, flags and sizes as {@code
 * <name>} in both (runtime.py and {@link FrameKind}). This test reads runtime.py's constants from a
 * real python3 and compares both ways, and checks that every tag has a golden vector that {@link
 * Wire#skip} walks over. See the checklist in {@code docs/wire-format.md}.
 */
class WireConstantsTest {
  static final Path RUNTIME =
      Path.of("src/main/resources/io/rmote/remote/runtime.py").toAbsolutePath();

  static Map<String, Long> python;

  @BeforeAll
  static void askPython() throws Exception {
    String script =
        String.join(
            "\n",
            "import re, sys",
            "ns = {'__name__': 'rmote_constants'}",
            "exec(compile(open(sys.argv[1]).read(), sys.argv[1], 'exec'), ns)",
            "for k, v in sorted(ns.items()):",
            "    if re.match('[A-Z][A-Z0-9_]*$', k) and type(v) is int:",
            "        print('%s=%d' % (k, v))");
    List<String> argv = new ArrayList<>(Pythons.local().command());
    argv.addAll(List.of("-c", script, RUNTIME.toString()));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 did not answer");
    assertEquals(0, p.exitValue(), out);
    python = new TreeMap<>();
    for (String line : out.strip().split("\n")) {
      String[] kv = line.split("=", 2);
      python.put(kv[0], Long.parseLong(kv[1]));
    }
  }

  static Map<String, Long> javaConstants(Class<?> type, String prefix)
      throws IllegalAccessException {
    Map<String, Long> constants = new TreeMap<>();
    for (Field f : type.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isPublic(m)
          && Modifier.isStatic(m)
          && Modifier.isFinal(m)
          && f.getType() == int.class) {
        constants.put(prefix + f.getName(), (long) f.getInt(null));
      }
    }
    return constants;
  }

  static Map<String, Long> python(boolean tags) {
    Map<String, Long> selected = new TreeMap<>();
    python.forEach(
        (k, v) -> {
          if (k.startsWith("T_") == tags && !k.equals("PROTOCOL")) selected.put(k, v);
        });
    return selected;
  }

  @Test
  void everyTagHasTheSameNameAndNumberInBothLanguages() throws Exception {
    Map<String, Long> java = javaConstants(Tag.class, "T_");
    assertFalse(java.isEmpty());
    assertEquals(java, python(true), "Tag.java (left) against runtime.py's T_ constants (right)");
  }

  @Test
  void everyFrameKindFlagAndSizeHasTheSameNameAndValueInBothLanguages() throws Exception {
    Map<String, Long> java = javaConstants(FrameKind.class, "");
    assertFalse(java.isEmpty());
    assertEquals(
        java, python(false), "FrameKind.java (left) against runtime.py's other constants (right)");
  }

  @Test
  void bothSpeakTheSameProtocolVersion() {
    assertEquals((long) Bootstrap.PROTOCOL_VERSION, python.get("PROTOCOL"));
  }

  @Test
  void everyTagHasAGoldenVectorThatWireSkipWalksOver() throws Exception {
    Path dir = Path.of(WireConstantsTest.class.getResource("/golden").toURI());
    TreeSet<Long> covered = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files.sorted()::iterator) {
        byte[] vector = Files.readAllBytes(file);
        Input in = new Input(vector);
        Wire.skip(in);
        assertEquals(vector.length, in.position(), "Wire.skip over " + file.getFileName());
        covered.add((long) (vector[0] & 0xFF));
      }
    }
    for (Map.Entry<String, Long> tag : javaConstants(Tag.class, "T_").entrySet()) {
      assertTrue(
          covered.contains(tag.getValue()),
          "no golden vector under src/test/resources/golden starts with " + tag.getKey());
    }
  }
}
