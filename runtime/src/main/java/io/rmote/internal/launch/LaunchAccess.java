package io.rmote.internal.launch;

import io.rmote.Become;
import io.rmote.ssh.Ssh;
import io.rmote.transport.Launcher;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * What launchers need from public values and users must not reach: a {@link Become}'s password, and
 * the SSH launcher that an {@link Ssh} value stands for. Each owner hands its part over from its
 * own static initialiser, which has run by the time anyone holds one of its instances, so the
 * password has no public accessor and the SSH launcher no public class. A second hand-over fails,
 * so nothing can replace the owner's.
 */
public final class LaunchAccess {

  /** Writes a become password and a newline to the tool's stdin, wiping its copies. */
  public interface PasswordWriter {
    void write(Become become, OutputStream stdin) throws IOException;
  }

  /** Makes the launcher that starts {@code python} on an SSH host. */
  public interface SshLaunchers {
    /**
     * Makes the launcher.
     *
     * @param python the interpreter: a name on the remote PATH or a path
     * @param environment variables set for the interpreter
     * @param become runs the interpreter as another user, or {@code null}
     * @param name the connection's name in messages, or {@code null} for the target as given
     */
    Launcher create(
        Ssh ssh, String python, Map<String, String> environment, Become become, String name);
  }

  private static volatile PasswordWriter passwords;
  private static volatile SshLaunchers sshLaunchers;

  /** Called once, by {@link Become}. */
  public static synchronized void install(PasswordWriter writer) {
    if (passwords != null)
      throw new IllegalStateException("the password writer is already installed");
    passwords = writer;
  }

  /** Called once, by {@link Ssh}. */
  public static synchronized void install(SshLaunchers factory) {
    if (sshLaunchers != null)
      throw new IllegalStateException("the SSH launcher factory is already installed");
    sshLaunchers = factory;
  }

  /** Writes {@code become}'s password and a newline to {@code stdin}. */
  public static void writePassword(Become become, OutputStream stdin) throws IOException {
    passwords.write(become, stdin);
  }

  /** The launcher of {@code ssh}; see {@link SshLaunchers#create}. */
  public static Launcher sshLauncher(
      Ssh ssh, String python, Map<String, String> environment, Become become, String name) {
    return sshLaunchers.create(ssh, python, environment, become, name);
  }

  private LaunchAccess() {}
}
