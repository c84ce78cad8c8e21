package io.rmote.samples;

import io.rmote.Remote;
import io.rmote.python.CalledProcessError;
import io.rmote.tools.Exec;

/**
 * Running programs on the remote safely: a tool of our own that calls {@code process()} ({@link
 * HostCommands}), and the built-in {@link Exec} for commands with no tool of their own. A child's
 * output never reaches the protocol's pipes, so the connection outlives any noisy command.
 */
public final class Subprocesses {

  /** Runs the commands on a local {@code python3}. */
  public static void main(String[] args) {
    // [subprocesses]
    try (Remote remote = Remote.local()) {
      HostCommands commands = remote.tool(HostCommands.class);
      System.out.println("kernel: " + commands.kernel());
      System.out.println(
          "a noisy child exited with " + commands.noisy() + "; the connection lives");
      System.out.println("words: " + commands.wordCount("no agent, nothing installed"));

      Exec exec = remote.tool(Exec.class); // the built-in: an argument list, no shell
      Exec.Completed id = exec.command("id", "-un");
      System.out.println(
          "runs as " + id.stdoutText().strip() + " in " + id.duration().toMillis() + " ms");
      try {
        exec.command("false");
      } catch (CalledProcessError e) { // a non-zero status arrives as Python's exception
        System.out.println("false exited with " + e.returncode());
      }
    }
    // [/subprocesses]
  }

  private Subprocesses() {}
}
