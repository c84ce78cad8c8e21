package io.rmote.internal.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.python.PythonException;
import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java mirror of Python's exceptions against real interpreters: every class the interpreter has
 * is either mirrored with the superclass chain its {@code __mro__} gives, or deliberately left out.
 */
class PythonExceptionMirrorTest {

  /**
   * Python classes with no Java class of their own; they arrive as their nearest mirrored base.
   * AssertionError would clash with {@code java.lang.AssertionError}; the groups and
   * PythonFinalizationError are newer than the oldest Python rmote supports and rare on the wire.
   */
  static final Set<String> LEFT_OUT =
      Set.of(
          "builtins.BaseException",
          "builtins.Exception", // PythonException itself
          "builtins.AssertionError",
          "builtins.BaseExceptionGroup",
          "builtins.ExceptionGroup",
          "builtins.PythonFinalizationError");

  /**
   * Prints {@code module.qualname} of each class and of its bases, most derived first, one class a
   * line.
   */
  static final String PROBE =
      String.join(
          "\n",
          "import builtins, subprocess, asyncio",
          "def name(c): return c.__module__ + '.' + c.__qualname__",
          "seen = set()",
          "classes = [v for k, v in sorted(vars(builtins).items()) if isinstance(v, type)",
          "           and issubclass(v, BaseException) and not issubclass(v, Warning) and not k.startswith('_')]",
          "classes += [subprocess.SubprocessError, subprocess.CalledProcessError, subprocess.TimeoutExpired,",
          "            asyncio.CancelledError]",
          "for c in classes:",
          "    if c in seen: continue",
          "    seen.add(c)",
          "    print(' '.join(name(b) for b in c.__mro__ if b is not object))",
          "");

  private static final Set<String> SEEN = new TreeSet<>();

  static List<Python> pythons() {
    return Pythons.all();
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void everyExceptionClassHasTheSuperclassChainOfItsMro(Python python) throws Exception {
    Map<String, List<String>> mros = mros(python);
    assertTrue(mros.containsKey("builtins.ValueError"), "the probe printed no classes: " + mros);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : mros.entrySet()) {
      String type = e.getKey();
      Class<? extends PythonException> java = PythonExceptions.javaClass(type);
      if (java == null) {
        if (!LEFT_OUT.contains(type))
          problems.add(type + " has no Java class and is not listed as left out");
        continue;
      }
      synchronized (SEEN) {
        SEEN.add(type);
      }
      List<Class<?>> expected = new ArrayList<>();
      for (String base : e.getValue()) {
        Class<? extends PythonException> c = PythonExceptions.javaClass(base);
        if (c != null && !expected.contains(c)) expected.add(c);
      }
      List<Class<?>> actual = new ArrayList<>();
      for (Class<?> c = java; c != PythonException.class; c = c.getSuperclass()) actual.add(c);
      if (!expected.equals(actual)) {
        problems.add(
            type + ": Java chain " + names(actual) + ", Python MRO says " + names(expected));
      }
    }
    assertEquals(List.of(), problems, python.label());
  }

  /** Runs last: every mirrored class was met in at least one interpreter, so none is made up. */
  @AfterAll
  static void everyMirroredClassExistsInSomePython() {
    if (SEEN.isEmpty()) return; // the parameterized test did not run
    List<String> unseen = new ArrayList<>();
    for (PythonExceptions.Entry e : PythonExceptions.ENTRIES) {
      boolean aliasOfSeen =
          SEEN.stream().anyMatch(s -> PythonExceptions.javaClass(s) == e.javaClass());
      if (!aliasOfSeen) unseen.add(e.pythonType());
    }
    assertEquals(List.of(), unseen, "mirrored classes no interpreter has");
  }

  @Test
  void theListNamesEachJavaClassUnderOneMainName() {
    Map<Class<?>, String> first = new LinkedHashMap<>();
    for (PythonExceptions.Entry e : PythonExceptions.ENTRIES)
      first.putIfAbsent(e.javaClass(), e.pythonType());
    for (Map.Entry<Class<?>, String> e : first.entrySet()) {
      String simple = e.getKey().getSimpleName();
      assertTrue(
          e.getValue().endsWith("." + simple), e.getValue() + " is listed first for " + simple);
    }
  }

  private static Map<String, List<String>> mros(Python python)
      throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(python.command());
    argv.add("-c");
    argv.add(PROBE);
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    Map<String, List<String>> mros = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      if (line.isBlank()) continue;
      List<String> mro = List.of(line.strip().split(" "));
      mros.put(mro.get(0), mro);
    }
    return mros;
  }

  private static List<String> names(List<Class<?>> classes) {
    List<String> l = new ArrayList<>();
    for (Class<?> c : classes) l.add(c.getSimpleName());
    return l;
  }
}
