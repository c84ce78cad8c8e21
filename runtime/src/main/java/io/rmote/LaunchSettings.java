package io.rmote;

import io.rmote.internal.bootstrap.Bytecode;
import io.rmote.internal.launch.LaunchAccess;
import io.rmote.ssh.Ssh;
import io.rmote.transport.Launcher;
import io.rmote.transport.ProcessLauncher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how a connection's interpreter starts, as {@link Remote.Builder} collects it: a local
 * {@code python}, a {@code command}, {@code ssh} or a launcher of one's own. {@link #launcher()}
 * turns the settings into the launcher, rejecting settings that contradict each other.
 */
final class LaunchSettings {
  List<String> command;
  String python;
  final Map<String, String> environment = new LinkedHashMap<>();
  String name;
  Launcher launcher;
  Ssh ssh;
  Become become;

  void command(List<String> words) {
    if (words.isEmpty()) throw new IllegalArgumentException("the command is empty");
    for (String word : words) Objects.requireNonNull(word, "a word of the command is null");
    command = List.copyOf(words);
  }

  void python(String interpreter) {
    Objects.requireNonNull(interpreter, "python");
    if (interpreter.isBlank()) throw new IllegalArgumentException("python is blank");
    python = interpreter;
  }

  /**
   * The launcher these settings describe.
   *
   * @throws IllegalStateException if two settings contradict each other, such as both {@code ssh}
   *     and {@code command}
   */
  Launcher launcher() {
    if (launcher != null) {
      String why = "the launcher alone decides how the interpreter starts";
      conflict("launcher", "ssh", ssh != null, why);
      conflict("launcher", "command", command != null, why);
      conflict("launcher", "python", python != null, why);
      conflict("launcher", "environment", !environment.isEmpty(), why);
      conflict("launcher", "become", become != null, why);
      conflict("launcher", "name", name != null, "the launcher names the connection");
      return launcher;
    }
    String interpreter = python != null ? python : "python3";
    if (ssh != null) {
      conflict(
          "ssh",
          "command",
          command != null,
          "the interpreter runs either over SSH or through a local command");
      return LaunchAccess.sshLauncher(ssh, interpreter, environment, become, name);
    }
    conflict(
        "command",
        "python",
        command != null && python != null,
        "the command's last word is the interpreter");
    return new ProcessLauncher(
        command != null ? command : List.of(interpreter), environment, name, become);
  }

  /**
   * The interpreter as {@link Bytecode} knows it, once {@link #launcher()} has accepted the
   * settings: only a local interpreter named by {@code python} (or the default {@code python3}),
   * with no command around it, no become and no environment of its own, may start from the bytecode
   * it gave before; {@code null} for every other start, which is from the source.
   */
  Bytecode.Target bytecode() {
    if (launcher != null || ssh != null || command != null || become != null) return null;
    if (!environment.isEmpty()) return null;
    return new Bytecode.Target(python != null ? python : "python3");
  }

  private static void conflict(String one, String other, boolean bothSet, String why) {
    if (bothSet)
      throw new IllegalStateException(
          "both " + one + "(...) and " + other + "(...) are set, but " + why + ": set one");
  }
}
