package io.rmote;

import io.rmote.internal.launch.LaunchAccess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Privilege escalation: runs the remote interpreter as another user through {@code sudo}, {@code
 * su} or {@code doas}, on a local or an SSH connection alike ({@link
 * Remote.Builder#become(Become)}).
 *
 * <pre>{@code
 * Remote.builder().become(Become.sudo()).connect();                       // sudo -n, as root
 * Remote.builder().ssh(ssh).become(Become.sudo("postgres")).connect();
 * Remote.builder().ssh(ssh).become(Become.sudo().password(pw)).connect(); // sudo -S, pw on stdin
 * Remote.builder().ssh(ssh).become(Become.su("deploy").password(pw)).connect();
 * }</pre>
 *
 * <p>Without a password the tool must not ask for one ({@code sudo -n}, {@code doas -n}, or {@code
 * su} run by root); if it asks anyway the start fails at once, saying so. With a password, the
 * launcher writes it on the tool's stdin when, and only when, the tool prompts for it, before
 * anything else is sent; a second prompt means the password was refused and fails the start. The
 * password is copied in, kept out of {@link #toString()}, logs and messages, and wiped from the
 * buffers it passes through. {@code doas} reads passwords only from a terminal, so it is
 * passwordless only.
 */
public final class Become {
  static {
    LaunchAccess.install((become, stdin) -> become.writePassword(stdin));
  }

  /** The tool that switches users. */
  public enum Method {
    /** {@code sudo}: {@code -n} without a password, {@code -S} with one. */
    SUDO("sudo"),
    /** {@code su}: needs the target user's password unless run by root. */
    SU("su"),
    /** {@code doas}: passwordless only ({@code doas -n}), as it reads passwords from a terminal. */
    DOAS("doas");

    private final String command;

    Method(String command) {
      this.command = command;
    }

    /** The command's name. */
    public String command() {
      return command;
    }
  }

  private final Method method;
  private final String user;
  private final char[] password;

  private Become(Method method, String user, char[] password) {
    this.method = method;
    if (user != null && (user.isEmpty() || user.startsWith("-"))) {
      throw new IllegalArgumentException("not a user name: '" + user + "'");
    }
    this.user = user;
    this.password = password;
  }

  /** {@code sudo} to root. */
  public static Become sudo() {
    return new Become(Method.SUDO, null, null);
  }

  /** {@code sudo -u user}. */
  public static Become sudo(String user) {
    return new Become(Method.SUDO, Objects.requireNonNull(user, "user"), null);
  }

  /** {@code su} to root. */
  public static Become su() {
    return new Become(Method.SU, null, null);
  }

  /** {@code su user}. */
  public static Become su(String user) {
    return new Become(Method.SU, Objects.requireNonNull(user, "user"), null);
  }

  /** {@code doas} to root (passwordless only). */
  public static Become doas() {
    return new Become(Method.DOAS, null, null);
  }

  /** {@code doas -u user} (passwordless only). */
  public static Become doas(String user) {
    return new Become(Method.DOAS, Objects.requireNonNull(user, "user"), null);
  }

  /**
   * The same, answering the tool's password prompt with {@code password}: the caller's own password
   * for {@code sudo}, the target user's for {@code su}. The array is copied; the caller may wipe
   * its own.
   */
  public Become password(char[] password) {
    Objects.requireNonNull(password, "password");
    if (method == Method.DOAS) {
      throw new UnsupportedOperationException(
          "doas reads a password only from a terminal: use it passwordless (nopass in doas.conf)");
    }
    return new Become(method, user, password.clone());
  }

  /** The tool that switches users. */
  public Method method() {
    return method;
  }

  /** The target user; empty for root. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** Whether a password was given (it is never shown). */
  public boolean hasPassword() {
    return password != null;
  }

  /** Writes the password and a newline to the tool's stdin, wiping the bytes afterwards. */
  private void writePassword(OutputStream stdin) throws IOException {
    if (password == null) throw new IllegalStateException("no password");
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] line = new byte[encoded.remaining() + 1];
    encoded.get(line, 0, line.length - 1);
    line[line.length - 1] = '\n';
    if (encoded.hasArray()) {
      int start = encoded.arrayOffset();
      Arrays.fill(encoded.array(), start, start + encoded.capacity(), (byte) 0);
    }
    try {
      stdin.write(line);
      stdin.flush();
    } finally {
      Arrays.fill(line, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "Become["
        + method.command()
        + (user != null ? " " + user : "")
        + (password != null ? ", with password" : "")
        + "]";
  }
}
