package io.rmote.transport;

import io.rmote.Become;
import io.rmote.internal.launch.BecomeHandshake;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs a local command whose last word is the interpreter: {@code python3}, {@code chroot DIR
 * python3}, {@code sudo -n python3}, {@code docker exec -i C python3}. The interpreter's arguments
 * are appended to it. With a {@link Become}, the interpreter (the last word) and its arguments run
 * through {@code sudo}, {@code su} or {@code doas}.
 */
public final class ProcessLauncher implements Launcher {
  private final List<String> command;
  private final Map<String, String> environment;
  private final String name;
  private final Become become;

  /**
   * Runs the interpreter as {@code command} with no privilege change.
   *
   * @param command the command whose last word is the interpreter, such as {@code [ssh, host,
   *     python3]}; copied
   * @param environment variables added to this JVM's for the child; copied
   * @param name the connection's name, or {@code null} for the command joined by spaces
   */
  public ProcessLauncher(List<String> command, Map<String, String> environment, String name) {
    this(command, environment, name, null);
  }

  /** Runs the interpreter through {@code become} ({@code null} for none). */
  public ProcessLauncher(
      List<String> command, Map<String, String> environment, String name, Become become) {
    if (command.isEmpty()) throw new IllegalArgumentException("empty command");
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.name = name != null ? name : String.join(" ", command);
    this.become = become;
  }

  @Override
  public Transport launch(List<String> pythonArgs) throws IOException {
    BecomeHandshake handshake = become != null ? BecomeHandshake.create() : null;
    List<String> interpreter = new ArrayList<>();
    interpreter.add(command.get(command.size() - 1));
    interpreter.addAll(pythonArgs);
    List<String> argv = new ArrayList<>(command.subList(0, command.size() - 1));
    argv.addAll(handshake != null ? handshake.command(become, interpreter) : interpreter);
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().putAll(environment);
    Transport transport = new ProcessTransport(pb.start());
    return handshake != null ? handshake.await(transport, become, name) : transport;
  }

  @Override
  public String name() {
    return name;
  }

  private static final class ProcessTransport implements Transport {
    private final Process process;

    ProcessTransport(Process process) {
      this.process = process;
    }

    @Override
    public InputStream input() {
      return process.getInputStream();
    }

    @Override
    public OutputStream output() {
      return process.getOutputStream();
    }

    @Override
    public InputStream errors() {
      return process.getErrorStream();
    }

    @Override
    public OptionalInt awaitExit(Duration timeout) {
      try {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          return OptionalInt.of(process.exitValue());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return OptionalInt.empty();
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        // Signalled through the handle: Process.destroy() first closes stdin, which waits for a
        // writer blocked on an interpreter that does not read (a stopped one ignores SIGTERM).
        ProcessHandle handle = process.toHandle();
        handle.destroy();
        try {
          if (!process.waitFor(200, TimeUnit.MILLISECONDS)) handle.destroyForcibly();
        } catch (InterruptedException e) {
          handle.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
      closeQuietly(process.getOutputStream());
      closeQuietly(process.getInputStream());
      closeQuietly(process.getErrorStream());
    }

    private static void closeQuietly(AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // the process is gone; nothing useful to report about its pipes
      }
    }
  }
}
