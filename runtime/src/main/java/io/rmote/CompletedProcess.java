package io.rmote;

import io.rmote.python.CalledProcessError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a process run on the remote, as Python's {@code subprocess.CompletedProcess} (what
 * the runtime's {@code process()} returns). Output is kept as bytes; {@link #stdout()} decodes it
 * as UTF-8, whether the remote captured text or bytes.
 */
public final class CompletedProcess {
  private final List<Object> args;
  private final int returnCode;
  private final byte[] stdout;
  private final byte[] stderr;

  /**
   * A process's outcome, as the remote reports it.
   *
   * @param args the command as the remote saw it (copied)
   * @param returnCode the exit status, negative ({@code -N}) when signal {@code N} ended the
   *     process
   * @param stdout the captured standard output, or {@code null} if it was not captured
   * @param stderr the captured standard error, or {@code null} if it was not captured
   */
  public CompletedProcess(List<?> args, int returnCode, byte[] stdout, byte[] stderr) {
    this.args = List.copyOf(args);
    this.returnCode = returnCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** The command as the remote saw it (usually a list of strings). */
  public List<Object> args() {
    return args;
  }

  /** The exit status, negative ({@code -N}) when signal {@code N} ended the process. */
  public int returnCode() {
    return returnCode;
  }

  /** Captured standard output as text, or {@code null} if it was not captured. */
  public String stdout() {
    return stdout == null ? null : new String(stdout, StandardCharsets.UTF_8);
  }

  /** Captured standard error as text, or {@code null} if it was not captured. */
  public String stderr() {
    return stderr == null ? null : new String(stderr, StandardCharsets.UTF_8);
  }

  /** The captured standard output (a copy), or {@code null} if it was not captured. */
  public byte[] stdoutBytes() {
    return stdout == null ? null : stdout.clone();
  }

  /** The captured standard error (a copy), or {@code null} if it was not captured. */
  public byte[] stderrBytes() {
    return stderr == null ? null : stderr.clone();
  }

  /**
   * Returns this if the process exited with status 0, like Python's {@code check_returncode()}.
   *
   * @throws CalledProcessError otherwise
   */
  public CompletedProcess checkReturnCode() {
    if (returnCode != 0) {
      throw CalledProcessError.of(this);
    }
    return this;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CompletedProcess)) return false;
    CompletedProcess p = (CompletedProcess) o;
    return returnCode == p.returnCode
        && args.equals(p.args)
        && Arrays.equals(stdout, p.stdout)
        && Arrays.equals(stderr, p.stderr);
  }

  @Override
  public int hashCode() {
    return Objects.hash(args, returnCode, Arrays.hashCode(stdout), Arrays.hashCode(stderr));
  }

  @Override
  public String toString() {
    return "CompletedProcess[args=" + args + ", returnCode=" + returnCode + "]";
  }
}
