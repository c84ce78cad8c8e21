package io.rmote.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.rmote.Remote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real interpreters the tests run against: the machine's {@code python3}, and the Pythons of
 * the throwaway Debian roots that {@code .ci/hosts.sh build} makes (bullseye 3.9, bookworm 3.11,
 * trixie 3.13, forky 3.14), reached through {@code chroot ROOT python3}. Outside CI a missing
 * root is skipped; in CI (the {@code CI} variable set) it fails the test run, so a broken root
 * build cannot pass unnoticed.
 */
public final class Pythons {
  /** The Debian suites whose roots the tests use, oldest Python first. */
  public static final List<String> SUITES = List.of("bullseye", "bookworm", "trixie", "forky");

  /** One interpreter: a label for test names and the command that starts it. */
  public record Python(String label, List<String> command) {
    public Remote.Builder builder() {
      return Remote.builder().command(command).name(label);
    }

    public Remote connect() {
      return builder().connect();
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** The folder that holds the roots: {@code $RMOTE_TEST_ROOTS}, else the hosts script's cache. */
  public static Path rootsDir() {
    String env = System.getenv("RMOTE_TEST_ROOTS");
    return Path.of(env != null ? env : "/var/cache/rmote-hosts/roots");
  }

  /** The local {@code python3}. */
  public static Python local() {
    return new Python("local", List.of("python3"));
  }

  /** The local python3 and every root's. */
  public static List<Python> all() {
    List<Python> all = new ArrayList<>();
    all.add(local());
    all.addAll(chroots());
    return all;
  }

  /** The roots' Pythons, through {@code chroot}. */
  public static List<Python> chroots() {
    List<Python> list = new ArrayList<>();
    boolean ci = System.getenv("CI") != null;
    for (String suite : SUITES) {
      Path root = rootsDir().resolve(suite);
      if (Files.exists(root.resolve(".lab-complete"))) {
        list.add(new Python(suite, List.of("chroot", root.toString(), "python3")));
      } else if (ci) {
        fail("the " + suite + " root is missing under " + rootsDir() + ": .ci/hosts.sh build should have made it");
      }
    }
    return list;
  }

  private Pythons() {}
}
