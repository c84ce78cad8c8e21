package io.rmote;

import static io.rmote.RemoteCallTest.PROBE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.python.ModuleNotFoundError;
import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The interpreter starts with {@code -S} and the runtime runs {@code site.main()} at the first
 * import the standard library cannot satisfy (docs/protocol.md, "Start"): a connection that imports
 * only the standard library never pays for site, and one that needs site-packages still finds them.
 */
class DeferredSiteTest {

  static List<Python> pythons() {
    return Pythons.all();
  }

  /** Interpreters a virtual environment can be made for in a temporary folder: not the chroots. */
  static Stream<Python> localPythons() {
    return Pythons.all().stream().filter(p -> p.root().equals(Path.of("/")));
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void neitherTheStartNorACallOfTheStandardLibraryRunsSite(Python python) {
    try (Remote remote = python.connect()) {
      assertEquals(List.of(true, false, false), remote.call(PROBE, "site_state", List.class));
      assertEquals("json", remote.call(PROBE, "imported_name", String.class, "json"));
      assertEquals(List.of(true, false, false), remote.call(PROBE, "site_state", List.class));
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aMissingModuleRunsSiteOnceAndStillFailsAsModuleNotFoundError(Python python) {
    try (Remote remote = python.connect()) {
      for (int i = 0; i < 2; i++) {
        ModuleNotFoundError e =
            assertThrows(
                ModuleNotFoundError.class,
                () -> remote.call(PROBE, "imported_value", String.class, "rmote_no_such_module"));
        assertTrue(e.getMessage().contains("rmote_no_such_module"), e.getMessage());
        assertEquals(List.of(true, true, true), remote.call(PROBE, "site_state", List.class));
      }
      assertEquals("still fine", remote.call(PROBE, "echo", String.class, "still fine"));
    }
  }

  @ParameterizedTest
  @MethodSource("localPythons")
  void modulesInSitePackagesAndOnPthLinesAreFound(Python python, @TempDir Path dir)
      throws IOException, InterruptedException {
    Path venv = dir.resolve("venv");
    List<String> make = new ArrayList<>(python.command());
    make.addAll(List.of("-m", "venv", "--without-pip", venv.toString()));
    Process p = new ProcessBuilder(make).inheritIO().start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "venv: " + make);
    Path sitePackages;
    try (Stream<Path> lib = Files.list(venv.resolve("lib"))) {
      sitePackages = lib.findFirst().orElseThrow().resolve("site-packages");
    }
    Files.writeString(sitePackages.resolve("rmote_in_site.py"), "VALUE = 'from site-packages'\n");
    Path extra = Files.createDirectories(dir.resolve("extra"));
    Files.writeString(extra.resolve("rmote_on_pth.py"), "VALUE = 'from a .pth line'\n");
    Files.writeString(sitePackages.resolve("rmote-extra.pth"), extra + "\n");

    try (Remote remote =
        Remote.builder()
            .command(venv.resolve("bin/python3").toString())
            .name(python.label() + " venv")
            .connect()) {
      assertEquals(List.of(true, false, false), remote.call(PROBE, "site_state", List.class));
      assertEquals(
          "from site-packages",
          remote.call(PROBE, "imported_value", String.class, "rmote_in_site"));
      assertEquals(
          "from a .pth line", remote.call(PROBE, "imported_value", String.class, "rmote_on_pth"));
      assertEquals(List.of(true, true, true), remote.call(PROBE, "site_state", List.class));
    }
  }
}
