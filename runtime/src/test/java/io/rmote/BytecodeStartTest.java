package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rmote.internal.bootstrap.Bootstrap;
import io.rmote.internal.bootstrap.Bytecode;
import io.rmote.ssh.Ssh;
import io.rmote.testing.Pythons;
import io.rmote.transport.Launcher;
import io.rmote.transport.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Starting a local interpreter from the runtime's bytecode (docs/protocol.md, "Starting from
 * bytecode"): which starts give it, which take it, and that an interpreter that cannot take it
 * still starts, from the source. Real interpreters throughout; the JVM's store is emptied around
 * each test, which is why the class runs alone.
 */
@Isolated
class BytecodeStartTest {
  /**
   * Whether the runtime that answers started from bytecode: only the source's parts leave _CODE.
   */
  static final ToolDescriptor START =
      ToolDescriptor.fromSource(
          "tools/start.py",
          "from rmote.protocol import Tool, exit_after_reply\n\n\n"
              + "class Start(Tool):\n"
              + "    @staticmethod\n"
              + "    def from_bytecode():\n"
              + "        return '_CODE' not in exit_after_reply.__globals__\n",
          "Start");

  @TempDir Path dir;

  @BeforeEach
  @AfterEach
  void emptyStore() {
    Bytecode.clear();
  }

  /** One connect, call and close; returns the bytes of the first payload sent and the answer. */
  private static Started start(Remote.Builder builder) {
    AtomicInteger sent = new AtomicInteger();
    EventListener sizes =
        new EventListener() {
          @Override
          public void bootstrapSent(String host, int bytes) {
            sent.set(bytes);
          }
        };
    try (Remote remote = builder.eventListener(sizes).connect()) {
      boolean fromBytecode = remote.call(START, "from_bytecode", Boolean.class);
      return new Started(sent.get(), fromBytecode, remote.pythonVersion());
    }
  }

  record Started(int payload, boolean fromBytecode, String version) {
    boolean sentSource() {
      return payload == Bootstrap.payloadSize();
    }
  }

  @Test
  void theThirdStartOfALocalInterpreterRunsFromTheBytecodeTheSecondGave() {
    Started first = start(Remote.builder().python("python3"));
    Started second = start(Remote.builder().python("python3"));
    Started third = start(Remote.builder().python("python3"));
    Started fourth = start(Remote.builder().python("python3"));
    assumeTrue(!third.version().startsWith("3.6."), "Python 3.6 always starts from the source");
    assertTrue(first.sentSource() && !first.fromBytecode(), first.toString());
    assertTrue(second.sentSource() && !second.fromBytecode(), second.toString());
    assertTrue(!third.sentSource() && third.fromBytecode(), third.toString());
    assertEquals(third, fourth);
  }

  @Test
  void everyLocalInterpreterFrom37StartsFromItsOwnBytecode() {
    for (Pythons.Python p : pyenvAndLocal()) {
      String python = p.command().get(0);
      Started first = start(Remote.builder().python(python));
      start(Remote.builder().python(python));
      Started third = start(Remote.builder().python(python));
      assertTrue(first.sentSource() && !first.fromBytecode(), p + ": " + first);
      assertEquals(p.atLeast3(7), third.fromBytecode(), p + ": " + third);
      assertEquals(p.atLeast3(7), !third.sentSource(), p + ": " + third);
      assertEquals(first.version(), third.version());
    }
  }

  private static List<Pythons.Python> pyenvAndLocal() {
    List<Pythons.Python> all = new java.util.ArrayList<>(Pythons.pyenv());
    all.add(Pythons.local());
    return all;
  }

  @Test
  void aCommandAnEnvironmentOrBecomeNeverGivesNorTakesBytecode() {
    for (int i = 0; i < 3; i++) start(Remote.builder().python("python3"));
    assertTrue(start(Remote.builder().python("python3")).fromBytecode());
    for (int i = 0; i < 3; i++) {
      Started wrapped = start(Remote.builder().command("env", "python3"));
      assertTrue(wrapped.sentSource() && !wrapped.fromBytecode(), i + ": " + wrapped);
      Started env = start(Remote.builder().python("python3").environment("RMOTE_TEST", "1"));
      assertTrue(env.sentSource() && !env.fromBytecode(), i + ": " + env);
    }
  }

  @Test
  void anInterpreterReplacedByAnotherVersionStartsFromTheSourceAndThenFromItsOwnBytecode()
      throws IOException {
    List<Pythons.Python> others = Pythons.pyenv();
    Pythons.Python local = Pythons.local();
    Pythons.Python other =
        others.stream().filter(p -> p.atLeast3(7) && !p.atLeast3(10)).findFirst().orElse(null);
    assumeTrue(other != null, "needs a pyenv Python 3.7 to 3.9 beside the local python3");
    assumeTrue(local.atLeast3(10), "needs a local python3 of 3.10 or later");
    Path python = dir.resolve("python");
    Files.createSymbolicLink(python, Path.of(which("python3")));
    start(Remote.builder().python(python.toString()));
    start(Remote.builder().python(python.toString()));
    assertTrue(start(Remote.builder().python(python.toString())).fromBytecode());

    Files.delete(python);
    Files.createSymbolicLink(python, Path.of(other.command().get(0)));
    Started upgraded = start(Remote.builder().python(python.toString()));
    assertFalse(upgraded.sentSource(), "the old version's bytecode goes first");
    assertFalse(upgraded.fromBytecode(), upgraded.toString());
    assertTrue(upgraded.version().startsWith("3."), upgraded.toString());
    Started asked = start(Remote.builder().python(python.toString()));
    assertTrue(asked.sentSource() && !asked.fromBytecode(), asked.toString());
    Started own = start(Remote.builder().python(python.toString()));
    assertTrue(!own.sentSource() && own.fromBytecode(), own.toString());
    assertEquals(upgraded.version(), own.version());
  }

  @Test
  void bytecodeThatCannotRunWhereLzmaIsMissingTooFallsBackToTheSourceAndThenZlib(
      @TempDir Path scripts) throws IOException {
    Pythons.Python other =
        Pythons.pyenv().stream()
            .filter(p -> p.atLeast3(7) && !p.atLeast3(10))
            .findFirst()
            .orElse(null);
    assumeTrue(other != null, "needs a pyenv Python 3.7 to 3.9 beside the local python3");
    assumeTrue(Pythons.local().atLeast3(10), "needs a local python3 of 3.10 or later");
    Path python = scripts.resolve("python");
    Files.createSymbolicLink(python, Path.of(which("python3")));
    for (int i = 0; i < 2; i++) start(Remote.builder().python(python.toString()));
    assertTrue(start(Remote.builder().python(python.toString())).fromBytecode());

    // As FileNamesTest hides it: a Python built without _lzma, of another version.
    Path wrapper = scripts.resolve("no-lzma");
    Files.writeString(
        wrapper,
        "#!/bin/sh\nexec "
            + other.command().get(0)
            + " -c \"import sys; sys.modules['_lzma'] = None; exec(sys.argv[-1])\" \"$@\"\n");
    assertTrue(wrapper.toFile().setExecutable(true));
    Files.delete(python);
    Files.createSymbolicLink(python, wrapper);
    Started fallback = start(Remote.builder().python(python.toString()));
    assertFalse(fallback.sentSource(), "the old version's bytecode goes first");
    assertFalse(fallback.fromBytecode(), fallback.toString());
    assertFalse(fallback.version().startsWith("3.1"), fallback.toString());
  }

  @Test
  void aStartThatFailsAfterItWasSentBytecodeDropsIt() throws IOException {
    Path python = dir.resolve("python");
    Files.createSymbolicLink(python, Path.of(which("python3")));
    for (int i = 0; i < 2; i++) start(Remote.builder().python(python.toString()));
    assertTrue(start(Remote.builder().python(python.toString())).fromBytecode());

    Files.delete(python);
    Files.createSymbolicLink(python, Path.of(which("false")));
    assertThrows(BootstrapException.class, () -> start(Remote.builder().python(python.toString())));

    Files.delete(python);
    Files.createSymbolicLink(python, Path.of(which("python3")));
    Started again = start(Remote.builder().python(python.toString()));
    assertTrue(again.sentSource() && !again.fromBytecode(), again.toString());
    assertTrue(start(Remote.builder().python(python.toString())).fromBytecode());
  }

  @Test
  void aStartThatTimesOutAfterItWasSentBytecodeDropsIt(@TempDir Path scripts) throws IOException {
    Path python = scripts.resolve("python");
    Files.createSymbolicLink(python, Path.of(which("python3")));
    for (int i = 0; i < 2; i++) start(Remote.builder().python(python.toString()));
    assertTrue(start(Remote.builder().python(python.toString())).fromBytecode());

    Path silent = scripts.resolve("silent");
    Files.writeString(silent, "#!/bin/sh\nexec sleep 30\n");
    assertTrue(silent.toFile().setExecutable(true));
    Files.delete(python);
    Files.createSymbolicLink(python, silent);
    // The opener drops the bytecode before it throws: no race with the reader's end of stream.
    BootstrapException e =
        assertThrows(
            BootstrapException.class,
            () ->
                start(
                    Remote.builder()
                        .python(python.toString())
                        .startTimeout(java.time.Duration.ofMillis(300))));
    assertTrue(e.getMessage().contains("no ready line within 300 ms"), e.getMessage());

    Files.delete(python);
    Files.createSymbolicLink(python, Path.of(which("python3")));
    Started again = start(Remote.builder().python(python.toString()));
    assertTrue(again.sentSource() && !again.fromBytecode(), again.toString());
  }

  @Test
  void python36AlwaysStartsFromTheSource() {
    Pythons.Python old =
        Pythons.pyenv().stream().filter(p -> !p.atLeast3(7)).findFirst().orElse(null);
    assumeTrue(old != null, "needs a pyenv Python 3.6");
    for (int i = 0; i < 4; i++) {
      Started s = start(Remote.builder().python(old.command().get(0)));
      assertTrue(s.sentSource() && !s.fromBytecode(), i + ": " + s);
    }
  }

  @Test
  void onlyAnInterpreterNamedAloneIsATarget() {
    LaunchSettings ssh = new LaunchSettings();
    ssh.ssh = Ssh.to("alice@example.org").build();
    ssh.launcher();
    assertNull(ssh.bytecode());
    LaunchSettings own = new LaunchSettings();
    own.launcher =
        new Launcher() {
          @Override
          public Transport launch(List<String> pythonArgs) {
            throw new UnsupportedOperationException();
          }

          @Override
          public String name() {
            return "own";
          }
        };
    assertNull(own.bytecode());
    LaunchSettings become = new LaunchSettings();
    become.become = Become.sudo();
    assertNull(become.bytecode());
    LaunchSettings command = new LaunchSettings();
    command.command(List.of("python3"));
    assertNull(command.bytecode());
    LaunchSettings environment = new LaunchSettings();
    environment.environment.put("PATH", "/opt/bin");
    assertNull(environment.bytecode());
    assertEquals("python3", new LaunchSettings().bytecode().key());
    LaunchSettings python = new LaunchSettings();
    python.python("/usr/bin/python3.11");
    assertEquals("/usr/bin/python3.11", python.bytecode().key());
  }

  private static String which(String program) {
    for (String folder : System.getenv("PATH").split(":")) {
      Path p = Path.of(folder, program);
      if (Files.isExecutable(p)) return p.toString();
    }
    throw new IllegalStateException(program + " is not on PATH");
  }
}
