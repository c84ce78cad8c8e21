package io.rmote.processor.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link StdlibTable} and {@link VersionScanner} against the real interpreters this machine has:
 * the local {@code python3}, every pyenv CPython 3, and, when {@code RMOTE_TEST_ROOTS} names them,
 * the Debian roots' Pythons through {@code chroot}.
 */
class RealPythonsTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  /** An interpreter: its label and the command that starts it. */
  private record Python(String label, List<String> command) {}

  private static List<Python> pythons() {
    List<Python> all = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
      all.add(new Python("/usr/bin/python3", List.of("/usr/bin/python3")));
    }
    String pyenvRoot = System.getenv("PYENV_ROOT");
    Path versions =
        (pyenvRoot != null
                ? Path.of(pyenvRoot)
                : Path.of(System.getProperty("user.home"), ".pyenv"))
            .resolve("versions");
    for (Path v : list(versions)) {
      Path bin = v.resolve("bin/python3");
      if (v.getFileName().toString().matches("3\\.\\d+\\.\\d+") && Files.isExecutable(bin)) {
        all.add(new Python("pyenv " + v.getFileName(), List.of(bin.toString())));
      }
    }
    String roots = System.getenv("RMOTE_TEST_ROOTS");
    if (roots != null) {
      for (Path root : list(Path.of(roots))) {
        if (Files.exists(root.resolve(".lab-complete"))) {
          all.add(
              new Python(
                  "root " + root.getFileName(), List.of("chroot", root.toString(), "python3")));
        }
      }
    }
    return all;
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path pyenv(String minor) {
    String pyenvRoot = System.getenv("PYENV_ROOT");
    Path versions =
        (pyenvRoot != null
                ? Path.of(pyenvRoot)
                : Path.of(System.getProperty("user.home"), ".pyenv"))
            .resolve("versions");
    for (Path v : list(versions)) {
      if (v.getFileName().toString().startsWith(minor + ".")
          && Files.isExecutable(v.resolve("bin/python3"))) {
        return v.resolve("bin/python3");
      }
    }
    return null;
  }

  /** Runs {@code python -c script} with {@code input} on stdin; returns stdout's lines. */
  private static List<String> run(List<String> python, String script, String input)
      throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(python);
    argv.addAll(List.of("-W", "ignore", "-c", script));
    Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), python + " failed");
    return out.lines().toList();
  }

  // Imports each name of stdin, as a module or as a name from its module; prints 1 or 0 per name.
  private static final String IMPORTS =
      String.join(
          "\n",
          "import importlib, sys",
          "print(sys.version_info[1])",
          "for name in sys.stdin.read().split():",
          "    try:",
          "        importlib.import_module(name)",
          "        ok = True",
          "    except ImportError:",
          "        mod, _, attr = name.rpartition('.')",
          "        try:",
          "            ok = bool(mod) and hasattr(importlib.import_module(mod), attr)",
          "        except ImportError:",
          "            ok = False",
          "    print(name, int(ok))");

  @Test
  void theModuleTableAgreesWithEveryInterpreter() throws Exception {
    List<Python> pythons = pythons();
    assumeTrue(!pythons.isEmpty(), "no Python 3 here");
    StringBuilder names = new StringBuilder();
    for (StdlibTable.Row r : StdlibTable.rows()) names.append(r.name()).append('\n');
    List<String> wrong = new ArrayList<>();
    for (Python python : pythons) {
      List<String> out = run(python.command(), IMPORTS, names.toString());
      int minor = Integer.parseInt(out.get(0));
      for (String line : out.subList(1, out.size())) {
        String[] f = line.split(" ");
        StdlibTable.Row row = StdlibTable.row(f[0]);
        boolean imports = f[1].equals("1");
        boolean expected = row.presentIn(minor);
        // A build may leave an optional module out; it can never have one its version lacks.
        if (imports != expected && (imports || !row.optional())) {
          wrong.add(
              python.label()
                  + ": "
                  + row.name()
                  + (imports ? " imports" : " does not import")
                  + " but the table says 3."
                  + minor
                  + (expected ? " has it" : " lacks it"));
        }
      }
    }
    System.out.println("module table checked on " + pythons.stream().map(Python::label).toList());
    assertEquals(List.of(), wrong);
  }

  /** Every stdlib file an interpreter can parse, as relative path to text. */
  private static Map<String, String> stdlib(Path python) throws Exception {
    List<String> out =
        run(List.of(python.toString()), "import os; print(os.path.dirname(os.__file__))", "");
    Path lib = Path.of(out.get(0));
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(lib)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String rel = lib.relativize(p).toString();
        if (!rel.endsWith(".py") || rel.startsWith("site-packages")) continue;
        files.put(rel, new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  /**
   * A version's own standard library uses nothing newer than that version, by definition: the
   * strongest check against false alarms there is (3.6, the oldest; 3.11, the last before the
   * f-strings of 3.12 and the newest without type parameters).
   */
  @ParameterizedTest
  @ValueSource(strings = {"3.6", "3.11"})
  void aStdlibUsesNothingNewerThanItsVersion(String version) throws Exception {
    Path python = pyenv(version);
    assumeTrue(python != null, "no pyenv Python " + version + " here");
    int minor = Integer.parseInt(version.substring(2));
    Map<String, String> files = stdlib(python);
    List<String> found = new ArrayList<>();
    int scanned = 0;
    for (Map.Entry<String, String> f : files.entrySet()) {
      List<VersionUse> uses;
      try {
        uses = VersionScanner.scan(f.getValue());
      } catch (PythonSyntaxException e) {
        continue; // Python 2 test data and deliberately broken files: Python cannot read them
        // either
      }
      scanned++;
      for (VersionUse u : uses) {
        if (u.added() > minor) found.add(f.getKey() + ":" + u.line() + " " + u.what());
      }
    }
    assertTrue(scanned > 1000, "only " + scanned + " files scanned");
    assertEquals(List.of(), found);
  }

  // Prints, for each stdlib file that the interpreter parses, the file, then each construct found.
  private static final String AST_KINDS =
      String.join(
          "\n",
          "import ast, os, re",
          "root = os.path.dirname(os.__file__)",
          // Only files whose text could hold a construct are parsed (parsing all takes long).
          "maybe = re.compile(rb':=|\\bmatch\\b|\\bexcept\\s*\\*|\\btype\\s+\\w|'",
          "                   rb'(def|class)\\s+\\w+\\s*\\[|/\\s*[,):]')",
          "names = {'NamedExpr': 'walrus', 'Match': 'match', 'TryStar': 'except*',",
          "         'TypeAlias': 'type'}",
          "for d, dirs, files in os.walk(root):",
          "    dirs[:] = [x for x in dirs if x != 'site-packages']",
          "    for f in files:",
          "        if not f.endswith('.py'):",
          "            continue",
          "        p = os.path.join(d, f)",
          "        try:",
          "            with open(p, 'rb') as fh:",
          "                src = fh.read()",
          "            tree = ast.parse(src) if maybe.search(src) else None",
          "        except (SyntaxError, ValueError):",
          "            continue",
          "        found = {'parsed'}",
          "        for n in ast.walk(tree) if tree else ():",
          "            if type(n).__name__ in names:",
          "                found.add(names[type(n).__name__])",
          "            a = getattr(n, 'args', None)",
          "            if isinstance(a, ast.arguments) and getattr(a, 'posonlyargs', None):",
          "                found.add('posonly')",
          "            if getattr(n, 'type_params', None):",
          "                found.add('typeparams')",
          "        for k in found:",
          "            print(os.path.relpath(p, root) + '\\t' + k)");

  private static String kind(VersionUse u) {
    String w = u.what();
    if (w.equals("the walrus operator (:=)")) return "walrus";
    if (w.equals("the match statement")) return "match";
    if (w.startsWith("except*")) return "except*";
    if (w.startsWith("a type alias statement")) return "type";
    if (w.startsWith("a positional-only")) return "posonly";
    if (w.startsWith("a type parameter list")) return "typeparams";
    return null;
  }

  /**
   * In the stdlib of {@code minor}, the scanner finds each of {@code kinds} in exactly the files
   * where CPython's own parser ({@code ast}) does.
   */
  private static void sameAsAst(String minor, Set<String> kinds) throws Exception {
    Path python = pyenv(minor);
    assumeTrue(python != null, "no pyenv Python " + minor + " here");
    Map<String, String> files = stdlib(python);
    Set<String> expected = new TreeSet<>();
    Set<String> parsed = new TreeSet<>();
    for (String line : run(List.of(python.toString()), AST_KINDS, "")) {
      String[] f = line.split("\t");
      if (f[1].equals("parsed")) parsed.add(f[0]);
      else if (kinds.contains(f[1])) expected.add(f[0] + " " + f[1]);
    }
    Set<String> actual = new TreeSet<>();
    for (String file : parsed) {
      List<VersionUse> uses;
      try {
        uses = VersionScanner.scan(files.get(file));
      } catch (PythonSyntaxException e) {
        continue; // a file the prefilter passed over, which Python may not read either
      }
      for (VersionUse u : uses) {
        String k = kind(u);
        if (k != null && kinds.contains(k)) actual.add(file + " " + k);
      }
    }
    assertTrue(expected.size() > 3, "the " + minor + " stdlib uses " + kinds + " only " + expected);
    assertEquals(expected, actual);
  }

  @Test
  void newerSyntaxAsCPythonsParserFindsItInThe312Stdlib() throws Exception {
    // 3.12's stdlib has every construct compared here; one interpreter keeps the test short
    sameAsAst("3.12", Set.of("walrus", "posonly", "match", "except*", "type", "typeparams"));
  }

  @Test
  void theProjectsOwnSourcesRunWhereTheyMust() throws Exception {
    // The runtime and the built-in tools run on 3.6; the samples and benchmarks use dataclasses.
    Map<String, Integer> sources =
        Map.of(
            "runtime/src/main/resources/io/rmote/remote/runtime.py", 6,
            "runtime/src/main/resources/io/rmote/remote/stage1.py", 6,
            "tools-python/src/main/resources/tools/fs.py", 6,
            "samples/src/main/resources/tools/system_tool.py", 7,
            "benchmarks/src/main/resources/bench/typed.py", 7,
            "benchmarks/src/main/resources/bench/bench.py", 7);
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, Integer> s : new TreeMap<>(sources).entrySet()) {
      for (VersionUse u : VersionScanner.scan(Files.readString(ROOT.resolve(s.getKey())))) {
        if (u.added() > s.getValue() || u.removed() > 0) {
          found.add(s.getKey() + ":" + u.line() + " " + u.what());
        }
      }
    }
    assertEquals(List.of(), found);
  }
}
