package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rmote.internal.bootstrap.Bootstrap;
import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the Python side's own tests ({@code src/test/python/test_runtime.py}: the codec against the
 * golden vectors, the template engine, the support modules, process(), a frame-level session, the
 * leader/followers scheduler under load, a parse of the runtime as Python 3.6, and the payload the
 * build stripped from it, found on the class path) on every interpreter the machine has. For a
 * chroot, the files are copied into the root first.
 */
class PythonSuiteTest {
  static final Path MODULE = Path.of("").toAbsolutePath();
  static final Path RUNTIME = MODULE.resolve("src/main/resources/io/rmote/remote/runtime.py");
  static final Path TESTS = MODULE.resolve("src/test/python/test_runtime.py");
  static final Path GOLDEN = MODULE.resolve("src/test/resources/golden");
  static final Path SUPPORT = MODULE.resolve("src/main/resources/rmote/support");
  static final Path STRIP = MODULE.resolve("src/build/strip_runtime.py");

  static Path payload() throws Exception {
    return Path.of(Bootstrap.class.getResource("/io/rmote/remote/runtime.py").toURI());
  }

  static List<Python> pythons() {
    return Pythons.all();
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void pythonSidePasses(Python python) throws Exception {
    List<String> argv = new ArrayList<>();
    Path scratch = null;
    if (python.command().get(0).equals("chroot")) {
      Path root = Path.of(python.command().get(1));
      scratch =
          Files.createTempDirectory(Files.createDirectories(root.resolve("tmp")), "rmote-test-");
      copy(RUNTIME, scratch.resolve("runtime.py"));
      copy(TESTS, scratch.resolve("test_runtime.py"));
      copy(STRIP, scratch.resolve("strip_runtime.py")); // the build's put_back, for the payload
      copy(payload(), scratch.resolve("payload.py"));
      copyFolder(GOLDEN, Files.createDirectories(scratch.resolve("golden")));
      // test_runtime.py looks for the support modules in support/ beside runtime.py.
      copyFolder(SUPPORT, Files.createDirectories(scratch.resolve("support")));
      String inside = "/" + root.relativize(scratch);
      argv.addAll(python.command());
      argv.addAll(
          List.of(
              inside + "/test_runtime.py",
              inside + "/runtime.py",
              inside + "/golden",
              inside + "/payload.py"));
    } else {
      argv.addAll(python.command());
      argv.addAll(
          List.of(TESTS.toString(), RUNTIME.toString(), GOLDEN.toString(), payload().toString()));
    }
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      p.waitFor(5, TimeUnit.MINUTES);
      String text = new String(out, StandardCharsets.UTF_8);
      System.out.println(text);
      assertEquals(0, p.exitValue(), python + ":\n" + text);
    } finally {
      if (scratch != null) deleteTree(scratch);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.copy(from, to);
  }

  private static void copyFolder(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) copy(f, to.resolve(f.getFileName()));
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted((a, b) -> b.compareTo(a))::iterator)
        Files.deleteIfExists(p);
    }
  }
}
