package io.rmote.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Call;
import io.rmote.PyRecord;
import io.rmote.Remote;
import io.rmote.python.RuntimeError;
import io.rmote.python.ValueError;
import io.rmote.testing.Pythons.Python;
import io.rmote.testing.TestHosts;
import io.rmote.testing.TestHosts.Host;
import io.rmote.tools.AptRepository.Result;
import io.rmote.tools.AptRepository.Source;
import io.rmote.wire.Codecs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AptRepository tool against real apt (2.2 with gpgv to 3.3 with sqv) on the Debian hosts, over
 * SSH as root, with the signed repository {@link AptLab} builds: a source written by the tool is
 * fetched by {@code apt-get update} and its packages installed, through the key the tool wrote.
 */
class AptRepositoryTest {
  static final String SOURCES = "/etc/apt/sources.list.d/";
  static final String KEYRINGS = "/etc/apt/keyrings/";

  @TempDir static Path tmp;

  static List<Host> hosts() {
    return TestHosts.hosts();
  }

  private static void assertNoChange(Result r) {
    assertFalse(r.changed(), r.toString());
    assertEquals("", r.diff());
    assertEquals(List.of(), r.files());
  }

  @ParameterizedTest
  @MethodSource("hosts")
  void aSignedSourceWorksEndToEndWithEitherKeyForm(Host host) {
    try (AptLab lab = new AptLab(host, tmp)) {
      AptRepository repos = lab.repos;
      Source armored = Source.of("rmote-apt-test", AptLab.URI, "./").withKey(lab.built().armored());
      Result dry = repos.present(armored, true);
      assertTrue(dry.changed() && dry.needsUpdate());
      assertEquals(
          List.of(KEYRINGS + "rmote-apt-test.asc", SOURCES + "rmote-apt-test.sources"),
          dry.files());
      assertFalse(lab.fs.exists(SOURCES + "rmote-apt-test.sources"), "a dry run wrote");

      Result first = repos.present(armored);
      assertEquals(dry, first, "the dry run answers as the real call");
      assertTrue(
          first.diff().contains("+Signed-By: /etc/apt/keyrings/rmote-apt-test.asc"), first.diff());
      assertTrue(first.diff().contains("+-----BEGIN PGP PUBLIC KEY BLOCK-----"), first.diff());
      assertEquals(
          "Types: deb\nURIs: file:/srv/rmote-apt-repo\nSuites: ./\n"
              + "Signed-By: /etc/apt/keyrings/rmote-apt-test.asc\n",
          lab.fs.readStr(SOURCES + "rmote-apt-test.sources"));
      assertEquals("644", lab.sh("stat -c %a " + KEYRINGS + "rmote-apt-test.asc").strip());
      Result second = repos.present(armored);
      assertNoChange(second);
      assertTrue(second.needsUpdate(), "its lists were never fetched");

      assertTrue(lab.apt.update());
      assertFalse(repos.present(armored).needsUpdate(), "fetched now");
      assertTrue(lab.apt.ensure("rmote-apt-a").changed(), "installed through the key");

      // The same key in binary form: a .gpg file, and the .asc goes.
      Source binary = armored.withKey(lab.built().binary());
      Result switched = repos.present(binary);
      assertTrue(switched.changed() && switched.needsUpdate());
      assertTrue(switched.diff().contains("Binary files"), switched.diff());
      assertFalse(lab.fs.exists(KEYRINGS + "rmote-apt-test.asc"));
      assertArrayEquals(lab.built().binary(), lab.fs.readBytes(KEYRINGS + "rmote-apt-test.gpg"));
      assertNoChange(repos.present(binary));
      assertTrue(lab.apt.update());
      assertTrue(lab.apt.ensure("rmote-apt-d").changed());

      // juju/charm-helpers #911: apt-get update exits 0 when a signature cannot be checked; ours
      // fails, and does not count the failed update as fresh.
      assertTrue(repos.present(armored.withKey(lab.built().otherArmored())).changed());
      RuntimeError failed = assertThrows(RuntimeError.class, () -> lab.apt.update());
      assertTrue(failed.getMessage().contains("rmote-apt-repo"), failed.getMessage());
      AptUpdateFailedException typed = assertInstanceOf(AptUpdateFailedException.class, failed);
      assertTrue(typed.output().contains("rmote-apt-repo"), typed.output());
      assertThrows(RuntimeError.class, () -> lab.apt.update(3600), "a failed update is not fresh");
      assertTrue(repos.present(armored).changed());
      assertTrue(lab.apt.update(3600));

      Result removed = repos.absent("rmote-apt-test", true);
      assertTrue(removed.changed() && removed.needsUpdate());
      assertTrue(lab.fs.exists(SOURCES + "rmote-apt-test.sources"), "a dry run removed");
      assertEquals(removed, repos.absent("rmote-apt-test"));
      assertEquals(
          List.of(SOURCES + "rmote-apt-test.sources", KEYRINGS + "rmote-apt-test.asc"),
          removed.files());
      assertTrue(removed.diff().contains("-Types: deb"), removed.diff());
      assertFalse(lab.fs.exists(KEYRINGS + "rmote-apt-test.asc"), "absent removes our key");
      Result again = repos.absent("rmote-apt-test");
      assertNoChange(again);
      assertFalse(again.needsUpdate());
    }
  }

  /**
   * Ansible #86243, REMnux/salt-states #329: a second source for the same URI and suite with
   * another Signed-By makes apt refuse every source ("Conflicting values set for option
   * Signed-By"). Ours refuses to write it, naming the other file; the same key is a warning.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void aConflictingSignedByIsRefused(Host host) {
    try (AptLab lab = new AptLab(host, tmp)) {
      AptRepository repos = lab.repos;
      assertTrue(
          repos
              .present(Source.of("rmote-apt-test", AptLab.URI, "./").withKey(lab.built().armored()))
              .changed());
      Source other =
          Source.of("rmote-apt-other", AptLab.URI + "/", "./").withKey(lab.built().otherArmored());
      for (boolean dryRun : new boolean[] {true, false}) {
        ValueError e = assertThrows(ValueError.class, () -> repos.present(other, dryRun));
        assertTrue(e.getMessage().contains(SOURCES + "rmote-apt-test.sources:1"), e.getMessage());
        assertTrue(e.pythonType().endsWith(".SourceConflict"), e.pythonType());
        assertEquals("/etc/apt/keyrings/rmote-apt-other.asc", e.attributes().get("signed_by"));
        SourceConflictException conflict = assertInstanceOf(SourceConflictException.class, e);
        assertTrue(
            conflict.other().startsWith(SOURCES + "rmote-apt-test.sources"), conflict.other());
        assertEquals("/etc/apt/keyrings/rmote-apt-other.asc", conflict.signedBy());
        assertEquals("./", conflict.suite());
        assertTrue(conflict.uri().startsWith(AptLab.URI), conflict.uri());
      }
      assertFalse(lab.fs.exists(SOURCES + "rmote-apt-other.sources"));
      assertFalse(lab.fs.exists(KEYRINGS + "rmote-apt-other.asc"));

      // What apt does with such a pair, which is why: it reads no source at all.
      lab.fs.writeStr(
          SOURCES + "rmote-apt-other.sources",
          "Types: deb\nURIs: "
              + AptLab.URI
              + "/\nSuites: ./\nSigned-By: /etc/apt/keyrings/x.asc\n");
      String apt =
          lab.exec
              .run(Exec.Command.ofShell("apt-get -q update 2>&1").withCheck(false))
              .stdoutText();
      lab.fs.remove(SOURCES + "rmote-apt-other.sources");
      assertTrue(apt.contains("Conflicting values set for option Signed-By"), apt);

      // The same key, or none, beside it: apt only warns, and so do we.
      Result same =
          repos.present(
              Source.of("rmote-apt-other", AptLab.URI, "./")
                  .withSignedBy("/etc/apt/keyrings/rmote-apt-test.asc"));
      assertTrue(same.changed());
      assertTrue(
          same.warnings().get(0).contains("configured multiple times"), same.warnings().toString());
      assertTrue(repos.absent("rmote-apt-other").changed());
      assertTrue(lab.fs.exists(KEYRINGS + "rmote-apt-test.asc"), "not ours to remove");
    }
  }

  /**
   * Snapchat/KeyDB #172, gardenlinux/builder PR #15: apt reads a key by its file's extension, and
   * ignores an armored key in a .gpg file. Ours picks the extension from the bytes, refuses a wrong
   * one, and refuses what is not a key.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void aKeysExtensionFollowsItsBytes(Host host) {
    try (AptLab lab = new AptLab(host, tmp)) {
      AptRepository repos = lab.repos;
      byte[] armored = lab.built().armored();
      byte[] binary = lab.built().binary();
      ValueError wrong =
          assertThrows(ValueError.class, () -> repos.key("rmote-apt-k.gpg", armored));
      assertTrue(wrong.getMessage().contains("armored"), wrong.getMessage());
      assertThrows(ValueError.class, () -> repos.key("rmote-apt-k.asc", binary));
      assertThrows(
          ValueError.class,
          () -> repos.key("rmote-apt-k", "hello".getBytes(StandardCharsets.UTF_8)));
      assertThrows(ValueError.class, () -> repos.key("../rmote-apt-k", armored));

      assertTrue(repos.key("rmote-apt-k", armored, true).changed());
      assertFalse(lab.fs.exists(KEYRINGS + "rmote-apt-k.asc"), "a dry run wrote");
      Result a = repos.key("rmote-apt-k", armored);
      assertEquals(List.of(KEYRINGS + "rmote-apt-k.asc"), a.files());
      assertNoChange(repos.key("rmote-apt-k", armored));
      assertNoChange(repos.key("rmote-apt-k.asc", armored));
      Result b = repos.key("rmote-apt-k", binary);
      assertEquals(List.of(KEYRINGS + "rmote-apt-k.gpg"), b.files());
      assertNoChange(repos.key("rmote-apt-k.gpg", binary));

      // A flat suite takes no components; a distribution needs them.
      assertThrows(
          ValueError.class,
          () -> repos.present("rmote-apt-x", List.of(AptLab.URI), List.of("./"), List.of("main")));
      assertThrows(
          ValueError.class,
          () -> repos.present("rmote-apt-x", List.of(AptLab.URI), List.of("stable"), List.of()));
      Result dist =
          repos.present(
              "rmote-apt-x",
              List.of("file:/srv/rmote-apt-none"),
              List.of("stable"),
              List.of("main"),
              KEYRINGS + "rmote-apt-k.asc");
      assertTrue(dist.changed());
      assertNoChange(
          repos.present(
              "rmote-apt-x",
              List.of("file:/srv/rmote-apt-none"),
              List.of("stable"),
              List.of("main"),
              KEYRINGS + "rmote-apt-k.asc"));
      assertEquals(
          "Types: deb\nURIs: file:/srv/rmote-apt-none\nSuites: stable\nComponents: main\n"
              + "Signed-By: /etc/apt/keyrings/rmote-apt-k.asc\n",
          lab.fs.readStr(SOURCES + "rmote-apt-x.sources"));
      assertTrue(repos.absent("rmote-apt-x").changed());
      assertTrue(lab.fs.exists(KEYRINGS + "rmote-apt-k.asc"), "a key of another name stays");
    }
  }

  /**
   * The tool loads on every interpreter the tests have, 3.6 on: a dry run of a key that is not one
   * is refused, on this machine's file system, before anything is written.
   */
  @ParameterizedTest
  @MethodSource("io.rmote.testing.Pythons#all")
  void loadsOnEveryInterpreter(Python python) {
    try (Remote remote = python.connect()) {
      AptRepository repos = remote.tool(AptRepository.class);
      byte[] notAKey = "not a key".getBytes(StandardCharsets.UTF_8);
      ValueError e = assertThrows(ValueError.class, () -> repos.key("rmote-apt-k", notAKey, true));
      assertTrue(e.getMessage().contains("not an OpenPGP public key"), e.getMessage());
    }
  }

  /** Code written for the Python library calls ours by the same names and keywords. */
  @ParameterizedTest
  @MethodSource("hosts")
  void answersThePythonLibrarysCallsByName(Host host) {
    try (AptLab lab = new AptLab(host, tmp)) {
      for (int run = 0; run < 2; run++) {
        PyRecord r =
            (PyRecord)
                lab.remote.call(
                    Call.of(BuiltinTools.APT_REPOSITORY, "present", Codecs.ANY)
                        .args("rmote-apt-lib")
                        .kwarg("uris", List.of("https://repo.example/debian"))
                        .kwarg("suites", List.of("stable"))
                        .kwarg("components", List.of("main")));
        assertEquals("Result", r.type());
        assertEquals("rmote-apt-lib", r.get("name"));
        assertEquals(run == 0, r.get("changed"));
      }
      assertTrue(lab.fs.readStr(SOURCES + "rmote-apt-lib.sources").contains("Suites: stable"));
      for (int run = 0; run < 2; run++) {
        PyRecord r =
            (PyRecord)
                lab.remote.call(
                    Call.of(BuiltinTools.APT_REPOSITORY, "absent", Codecs.ANY)
                        .args("rmote-apt-lib"));
        assertEquals(run == 0, r.get("changed"));
      }
    }
  }
}
