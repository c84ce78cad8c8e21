package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing of the account or folder the interpreter starts in runs before or inside the runtime: a
 * {@code struct.py} in the working directory broke the start for an Ansible user (and ran as root
 * under sudo before anything else); {@code PYTHONPATH}, {@code PYTHONSTARTUP} and the user's
 * site-packages are the same kind of fault. Each planted module would end the interpreter if it
 * were imported.
 */
class IsolationTest {
  /** Modules the bootstrap, the runtime or a tool imports, planted everywhere a user can. */
  private static final List<String> PLANTED =
      List.of(
          "struct",
          "binascii",
          "base64",
          "lzma",
          "zlib",
          "threading",
          "json",
          "os",
          "sys",
          "locale");

  static Stream<Python> pythons() {
    // A chroot(8) start changes to the root's "/", so the working directory cannot be planted
    // there.
    return Pythons.all().stream().filter(p -> p.root().equals(Path.of("/")));
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void modulesInTheWorkingDirectoryPythonpathAndUserSiteAreNeverImported(
      Python python, @TempDir Path dir) throws IOException {
    Path cwd = plant(dir.resolve("cwd"));
    Path pythonpath = plant(dir.resolve("pythonpath"));
    Path startup = dir.resolve("startup.py");
    Files.writeString(startup, "raise SystemExit('PYTHONSTARTUP ran')\n");
    Path home = dir.resolve("home");
    for (String minor :
        List.of("3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14")) {
      Path site = plant(home.resolve(".local/lib/python" + minor + "/site-packages"));
      Files.writeString(site.resolve("evil.pth"), "import sys; sys.exit('user .pth ran')\n");
      Files.writeString(
          site.resolve("usercustomize.py"), "raise SystemExit('usercustomize ran')\n");
    }
    List<String> command =
        new ArrayList<>(List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", cwd.toString()));
    command.addAll(python.command());
    try (Remote remote =
        Remote.builder()
            .command(command)
            .name(python.label())
            .environment("PYTHONPATH", pythonpath.toString())
            .environment("PYTHONSTARTUP", startup.toString())
            .environment("PYTHONUSERBASE", home.resolve(".local").toString())
            .environment("HOME", home.toString())
            // Under the C locale Python 3.6 starts a second time (FileNamesTest): that start
            // must be as isolated as the first.
            .environment("LC_ALL", "C")
            .connect()) {
      assertEquals(
          "still fine", remote.call(RemoteCallTest.PROBE, "echo", String.class, "still fine"));
      @SuppressWarnings("unchecked")
      List<String> path = remote.call(RemoteCallTest.PROBE, "sys_path", List.class);
      assertFalse(path.contains(""), "the working directory is on sys.path: " + path);
      for (String p : path) {
        assertFalse(p.startsWith(dir.toString()), "a planted folder is on sys.path: " + path);
      }
    }
  }

  private static Path plant(Path folder) throws IOException {
    Files.createDirectories(folder);
    for (String module : PLANTED) {
      Files.writeString(
          folder.resolve(module + ".py"),
          "raise SystemExit('planted " + module + ".py in " + folder + " was imported')\n");
    }
    return folder;
  }
}
