package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.ssh.Ssh;
import io.rmote.transport.Launcher;
import io.rmote.transport.Transport;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A builder given two ways to start the interpreter says so instead of picking one; nothing is
 * started.
 */
class RemoteBuilderTest {
  private static final Ssh SSH = Ssh.to("nobody@host.invalid").noConfig().agent(false).build();
  private static final Launcher LAUNCHER =
      new Launcher() {
        @Override
        public Transport launch(List<String> pythonArgs) {
          throw new AssertionError("a conflicting builder must not start anything");
        }

        @Override
        public String name() {
          return "own";
        }
      };

  private static void conflicts(UnaryOperator<Remote.Builder> settings, String one, String other) {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> settings.apply(Remote.builder()).connect());
    assertTrue(
        e.getMessage().contains(one + "(...)") && e.getMessage().contains(other + "(...)"),
        e.getMessage());
  }

  @Test
  void sshAndCommandConflict() {
    conflicts(b -> b.ssh(SSH).command("python3"), "ssh", "command");
  }

  @Test
  void commandAndPythonConflict() {
    conflicts(
        b -> b.command("chroot", "/", "python3").python("/usr/bin/python3"), "command", "python");
  }

  @Test
  void aLauncherConflictsWithEveryOtherWayToStart() {
    conflicts(b -> b.launcher(LAUNCHER).ssh(SSH), "launcher", "ssh");
    conflicts(b -> b.launcher(LAUNCHER).command("python3"), "launcher", "command");
    conflicts(b -> b.launcher(LAUNCHER).python("python3"), "launcher", "python");
    conflicts(b -> b.launcher(LAUNCHER).environment("A", "1"), "launcher", "environment");
    conflicts(b -> b.launcher(LAUNCHER).become(Become.sudo()), "launcher", "become");
    conflicts(b -> b.launcher(LAUNCHER).name("n"), "launcher", "name");
  }

  @Test
  void theOrderOfTheSettingsDoesNotMatter() {
    conflicts(b -> b.command("python3").ssh(SSH), "ssh", "command");
  }

  @Test
  void pythonAloneIsTheLocalInterpreter() {
    try (Remote remote = Remote.builder().python("/usr/bin/python3").connect()) {
      assertEquals("/usr/bin/python3", remote.name());
    }
  }
}
