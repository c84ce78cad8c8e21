package io.rmote.samples;

import io.rmote.Become;
import io.rmote.Remote;
import io.rmote.tools.Exec;

/**
 * Become: the interpreter starts through {@code sudo}, {@code su} or {@code doas}, as root or as
 * another user, on an SSH connection or a local one alike. A password, when one is needed, is
 * written to the become command's prompt, never to a command line or a log.
 *
 * <p>{@code BecomeUser USER} runs a local interpreter as {@code USER} through {@code sudo}.
 */
public final class BecomeUser {

  /** Starts the interpreter of {@code builder} (local or SSH) as {@code user} through sudo. */
  public static void whoami(Remote.Builder builder, String user) {
    // [become]
    try (Remote remote = builder.become(Become.sudo(user)).connect()) { // Become.sudo(): root
      Exec exec = remote.tool(Exec.class);
      System.out.println("the remote runs as " + exec.command("id", "-un").stdoutText().strip());
    }
    // [/become]
  }

  /** Becomes {@code args[0]} (default root) on a local {@code python3}. */
  public static void main(String[] args) {
    whoami(Remote.builder(), args.length > 0 ? args[0] : "root");
  }

  private BecomeUser() {}
}
