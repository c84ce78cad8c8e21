package io.rmote.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.rmote.Remote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The real interpreters the tests run against: the machine's {@code python3}, the Pythons of the
 * throwaway Debian roots that {@code .ci/hosts.sh build} makes (bullseye 3.9, bookworm 3.11, trixie
 * 3.13, forky 3.14), reached through {@code chroot ROOT python3}, and the older and other CPythons
 * this machine kind's image ships under pyenv (3.6, 3.7, 3.8, 3.10, 3.12: every minor version the
 * others leave out). A missing root is skipped, except where the test command promised it ({@link
 * TestHosts#required()}): there it fails the run, so a broken root build cannot pass unnoticed. The
 * pyenv interpreters cannot be installed from the registries this project reaches, so where the
 * image lacks them they are left out, and the run says so on stderr.
 */
public final class Pythons {
  /** The Debian suites whose roots the tests use, oldest Python first. */
  public static final List<String> SUITES = List.of("bullseye", "bookworm", "trixie", "forky");

  /**
   * One interpreter: a label for test names, the command that starts it, and the folder that is
   * {@code /} for it (this machine's {@code /}, or a root it is chrooted into).
   */
  public record Python(String label, List<String> command, Path root) {
    public Remote.Builder builder() {
      return Remote.builder().command(command).name(label);
    }

    public Remote connect() {
      return builder().connect();
    }

    /** Whether it is at least {@code 3.minor}, asked of the interpreter itself. */
    public boolean atLeast3(int minor) {
      return MINORS.computeIfAbsent(label, k -> askMinor(command)) >= minor;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private static final Map<String, Integer> MINORS = new ConcurrentHashMap<>();

  private static int askMinor(List<String> command) {
    List<String> argv = new ArrayList<>(command);
    argv.add("-c");
    argv.add("import sys; print(sys.version_info[1])");
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor() != 0) throw new IllegalStateException(command + " failed: " + out);
      return Integer.parseInt(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The folder that holds the roots: {@code $RMOTE_TEST_ROOTS}, else the hosts script's cache. */
  public static Path rootsDir() {
    String env = System.getenv("RMOTE_TEST_ROOTS");
    return Path.of(env != null ? env : "/var/cache/rmote-hosts/roots");
  }

  /** The local {@code python3}. */
  public static Python local() {
    return new Python("local", List.of("python3"), Path.of("/"));
  }

  /** The minor versions that pyenv adds: those neither the local python3 nor a root has. */
  static final List<String> PYENV_MINORS = List.of("3.6", "3.7", "3.8", "3.10", "3.12");

  /** The local python3, every root's, and the pyenv ones. */
  public static List<Python> all() {
    List<Python> all = new ArrayList<>();
    all.add(local());
    all.addAll(chroots());
    all.addAll(pyenv());
    return all;
  }

  /** The pyenv folder of versions: {@code $PYENV_ROOT/versions}, else {@code ~/.pyenv/versions}. */
  static Path pyenvVersions() {
    String root = System.getenv("PYENV_ROOT");
    return (root != null ? Path.of(root) : Path.of(System.getProperty("user.home"), ".pyenv"))
        .resolve("versions");
  }

  /** The newest pyenv interpreter of each of {@link #PYENV_MINORS} that this machine has. */
  public static List<Python> pyenv() {
    List<Python> list = new ArrayList<>();
    for (String minor : PYENV_MINORS) {
      Path newest = newestPyenv(minor);
      if (newest != null) {
        list.add(
            new Python(
                "pyenv-" + newest.getFileName(),
                List.of(newest.resolve("bin/python3").toString()),
                Path.of("/")));
      } else if (!WARNED.getAndSet(true)) {
        System.err.println(
            "no pyenv Python "
                + minor
                + " under "
                + pyenvVersions()
                + ": such versions are left out");
      }
    }
    return list;
  }

  /** A pyenv version folder {@code 2.7.x}, for the bootstrap's "too old" case, or {@code null}. */
  public static Path pyenvPython2() {
    Path p = newestPyenv("2.7");
    return p == null ? null : p.resolve("bin/python2");
  }

  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private static Path newestPyenv(String minor) {
    Path best = null;
    int bestPatch = -1;
    try (Stream<Path> versions = Files.list(pyenvVersions())) {
      for (Path v : (Iterable<Path>) versions::iterator) {
        String name = v.getFileName().toString();
        if (!name.startsWith(minor + ".")) continue;
        String patch = name.substring(minor.length() + 1);
        if (!patch.matches("\\d+")) continue; // 3.12-dev, 3.13t and the like are not plain releases
        if (!Files.isExecutable(v.resolve("bin/python" + minor.charAt(0)))) continue;
        if (Integer.parseInt(patch) > bestPatch) {
          bestPatch = Integer.parseInt(patch);
          best = v;
        }
      }
    } catch (IOException e) {
      return null;
    }
    return best;
  }

  /** The roots' Pythons, through {@code chroot}. */
  public static List<Python> chroots() {
    List<Python> list = new ArrayList<>();
    boolean required = TestHosts.required();
    for (String suite : SUITES) {
      Path root = rootsDir().resolve(suite);
      if (Files.exists(root.resolve(".lab-complete"))) {
        list.add(new Python(suite, List.of("chroot", root.toString(), "python3"), root));
      } else if (required) {
        fail(
            "the "
                + suite
                + " root is missing under "
                + rootsDir()
                + ": .ci/hosts.sh build should have made it");
      }
    }
    return list;
  }

  private Pythons() {}
}
