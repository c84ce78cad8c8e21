package io.rmote.tools;

import io.rmote.annotations.RemoteTool;
import io.rmote.internal.python.SurrogateEscape;
import io.rmote.internal.scheduling.Timeouts;
import io.rmote.python.CalledProcessError;
import io.rmote.python.TimeoutExpired;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The built-in {@code Exec} tool ({@code tools/exec.py}), typed: {@code remote.tool(Exec.class)}
 * runs commands on the remote host. The generated {@code ExecAsync} has the same methods returning
 * {@code CompletableFuture}.
 *
 * <p>Every run, whatever the method:
 *
 * <ul>
 *   <li>captures standard output and standard error as bytes through pipes of its own (never the
 *       protocol's), with lossless text beside them ({@link Completed#stdoutText()});
 *   <li>gives the command {@code /dev/null} as standard input unless {@link Command#stdin()} has
 *       data, and runs it in a session of its own ({@code setsid}): it has no terminal to prompt
 *       on, and its process group is what a timeout ends;
 *   <li>returns once the command has exited, even if processes it started in the background still
 *       hold its output pipes: their output is read for 0.1 s more, then the pipes are closed (they
 *       keep running; what they write later is lost);
 *   <li>with a timeout, sends {@code SIGTERM} to the whole process group when it expires, {@code
 *       SIGKILL} to what is left of it after {@link Command#killAfter()} (default 5 s), and throws
 *       {@link TimeoutExpired} carrying the output written so far.
 * </ul>
 *
 * <p>How it differs from the Python library's {@code Exec}, whose method names, parameter names and
 * defaults it keeps: the library's {@code command} and {@code shell} discard the output ({@code
 * stdout} and {@code stderr} are {@code None}, and its {@code CalledProcessError} carries none);
 * they replace the whole environment with {@code env}, where ours merges {@code env} into the
 * remote's environment ({@link Command#clearEnv()} replaces it); they have no timeout. Extra
 * keyword parameters, all with defaults: {@code timeout}, {@code clear_env}, {@code kill_after},
 * {@code capture_output}, {@code ok_exit_codes}, {@code creates}, {@code removes}; and one extra
 * method, {@link #run(Command)}.
 *
 * <p>There is no dry run: what a command changes cannot be known without running it. The {@code
 * creates} and {@code removes} guards (as in Ansible's {@code command}) make a command idempotent
 * where a path says whether its work is done.
 */
@RemoteTool(source = "tools/exec.py", requiresPython = "3.6")
public interface Exec {

  /**
   * Runs {@code args} as an argument list, no shell involved ({@code args[0]} is looked up on the
   * remote's {@code PATH}), with {@code check=True}: Python {@code Exec.command(*args)}.
   *
   * @throws CalledProcessError if the command exits with a status other than 0; it carries the
   *     status, the command and both outputs
   * @throws io.rmote.python.FileNotFoundError if the program does not exist
   */
  Completed command(String... args);

  /**
   * Runs {@code expression} with {@code /bin/sh -c}, with {@code check=True}: Python {@code
   * Exec.shell(expression)}. The expression is the shell's, unquoted: pipes, redirections and
   * {@code &&} work, and so does injection, so never build it from untrusted text (use {@link
   * #command(String...)}).
   *
   * @throws CalledProcessError if the shell exits with a status other than 0
   */
  Completed shell(String expression);

  /**
   * Runs a {@link Command} with all its options: Python {@code Exec.run(command)}, an addition of
   * ours.
   *
   * @throws CalledProcessError if {@link Command#check()} is set and the exit status is not one of
   *     {@link Command#okExitCodes()} (default: 0)
   * @throws TimeoutExpired if {@link Command#timeout()} expired; the process group was ended
   * @throws io.rmote.python.FileNotFoundError if the program or the working directory does not
   *     exist
   */
  Completed run(Command command);

  /**
   * One command and how to run it; an immutable value built from {@link #of(String...)} or {@link
   * #ofShell(String)} and the {@code with...} methods, each returning a copy.
   *
   * @param args the argument list; for a shell command, the one expression
   * @param shell whether {@code args} is one expression for {@code /bin/sh -c}
   * @param check whether a status outside {@code okExitCodes} throws {@link CalledProcessError}
   *     (default true)
   * @param env variables set for the command, over the remote's environment unless {@code
   *     clearEnv}; {@code null}: none
   * @param clearEnv whether the command gets only {@code env}, none of the remote's environment
   *     (default false)
   * @param cwd the working directory on the remote; {@code null}: the runtime's
   * @param stdin the command's standard input; {@code null}: {@code /dev/null}
   * @param timeout how long the command may run; {@code null}: no limit; one over 100 years (such
   *     as {@code ChronoUnit.FOREVER}'s) lasts 100 years, as a connection's timeouts do
   * @param killAfter how long the process group has after {@code SIGTERM} before {@code SIGKILL};
   *     {@code null}: 5 s
   * @param captureOutput whether output is captured (default true); false sends it to {@code
   *     /dev/null} and {@link Completed#stdout()} is {@code null}
   * @param okExitCodes the statuses {@code check} accepts; {@code null}: only 0
   * @param creates a glob pattern; when a path matches it, the command is skipped; {@code null}: no
   *     guard
   * @param removes a glob pattern; when no path matches it, the command is skipped; {@code null}:
   *     no guard
   */
  // byte[] is the wire's type for Python bytes; accessors copy, equals compares contents.
  @SuppressWarnings("ArrayRecordComponent")
  record Command(
      List<String> args,
      boolean shell,
      boolean check,
      Map<String, String> env,
      boolean clearEnv,
      String cwd,
      byte[] stdin,
      Duration timeout,
      Duration killAfter,
      boolean captureOutput,
      List<Integer> okExitCodes,
      String creates,
      String removes) {

    public Command {
      args = List.copyOf(args);
      if (args.isEmpty()) throw new IllegalArgumentException("no command given");
      if (shell && args.size() != 1)
        throw new IllegalArgumentException("a shell command is one expression: " + args);
      env = env == null ? null : Map.copyOf(env);
      stdin = stdin == null ? null : stdin.clone();
      timeout = timeout == null ? null : Timeouts.positive(timeout, "timeout");
      killAfter = killAfter == null ? null : Timeouts.positive(killAfter, "killAfter");
      okExitCodes = okExitCodes == null ? null : List.copyOf(okExitCodes);
    }

    /** {@code args} as an argument list, with the defaults: check, capture, no timeout. */
    public static Command of(String... args) {
      return new Command(
          List.of(args), false, true, null, false, null, null, null, null, true, null, null, null);
    }

    /** {@code expression} for {@code /bin/sh -c}, with the defaults of {@link #of(String...)}. */
    public static Command ofShell(String expression) {
      return new Command(
          List.of(expression),
          true,
          true,
          null,
          false,
          null,
          null,
          null,
          null,
          true,
          null,
          null,
          null);
    }

    /** A copy that does (or does not) throw on a status outside {@link #okExitCodes()}. */
    public Command withCheck(boolean check) {
      return new Command(
          args,
          shell,
          check,
          env,
          clearEnv,
          cwd,
          stdin,
          timeout,
          killAfter,
          captureOutput,
          okExitCodes,
          creates,
          removes);
    }

    /** A copy with {@code env} added to the variables already set here (a later value wins). */
    public Command withEnv(Map<String, String> env) {
      Map<String, String> merged = new LinkedHashMap<>();
      if (this.env != null) merged.putAll(this.env);
      merged.putAll(env);
      return new Command(
          args,
          shell,
          check,
          merged,
          clearEnv,
          cwd,
          stdin,
          timeout,
          killAfter,
          captureOutput,
          okExitCodes,
          creates,
          removes);
    }

    /** A copy whose command gets only {@link #env()}, none of the remote's own environment. */
    public Command withClearEnv(boolean clearEnv) {
      return new Command(
          args,
          shell,
          check,
          env,
          clearEnv,
          cwd,
          stdin,
          timeout,
          killAfter,
          captureOutput,
          okExitCodes,
          creates,
          removes);
    }

    /** A copy run in {@code cwd}, a directory on the remote. */
    public Command withCwd(String cwd) {
      return new Command(
          args,
          shell,
          check,
          env,
          clearEnv,
          cwd,
          stdin,
          timeout,
          killAfter,
          captureOutput,
          okExitCodes,
          creates,
          removes);
    }

    /** A copy that writes {@code stdin} to the command's standard input, then closes it. */
    public Command withStdin(byte[] stdin) {
      return new Command(
          args,
          shell,
          check,
          env,
          clearEnv,
          cwd,
          stdin,
          timeout,
          killAfter,
          captureOutput,
          okExitCodes,
          creates,
          removes);
    }

    /** A copy that writes {@code stdin}, encoded as UTF-8, to the command's standard input. */
    public Command withStdin(String stdin) {
      return withStdin(stdin.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy ended ({@code SIGTERM} to its process group) when it runs longer than this. */
    public Command withTimeout(Duration timeout) {
      return new Command(
          args,
          shell,
          check,
          env,
          clearEnv,
          cwd,
          stdin,
          timeout,
          killAfter,
          captureOutput,
          okExitCodes,
          creates,
          removes);
    }

    /** A copy whose process group gets {@code SIGKILL} this long after the timeout's SIGTERM. */
    public Command withKillAfter(Duration killAfter) {
      return new Command(
          args,
          shell,
          check,
          env,
          clearEnv,
          cwd,
          stdin,
          timeout,
          killAfter,
          captureOutput,
          okExitCodes,
          creates,
          removes);
    }

    /** A copy that captures output (the default), or sends it to {@code /dev/null}. */
    public Command withCaptureOutput(boolean captureOutput) {
      return new Command(
          args,
          shell,
          check,
          env,
          clearEnv,
          cwd,
          stdin,
          timeout,
          killAfter,
          captureOutput,
          okExitCodes,
          creates,
          removes);
    }

    /** A copy whose {@code check} accepts these statuses instead of 0 alone. */
    public Command withOkExitCodes(Integer... codes) {
      return new Command(
          args,
          shell,
          check,
          env,
          clearEnv,
          cwd,
          stdin,
          timeout,
          killAfter,
          captureOutput,
          List.of(codes),
          creates,
          removes);
    }

    /**
     * A copy that is skipped ({@link Completed#ran()} false, status 0) when a path matching {@code
     * pattern} (a glob, relative to {@link #cwd()}) exists: Ansible's {@code creates}.
     */
    public Command withCreates(String pattern) {
      return new Command(
          args,
          shell,
          check,
          env,
          clearEnv,
          cwd,
          stdin,
          timeout,
          killAfter,
          captureOutput,
          okExitCodes,
          pattern,
          removes);
    }

    /**
     * A copy that is skipped when no path matches {@code pattern} (a glob, relative to {@link
     * #cwd()}): Ansible's {@code removes}.
     */
    public Command withRemoves(String pattern) {
      return new Command(
          args,
          shell,
          check,
          env,
          clearEnv,
          cwd,
          stdin,
          timeout,
          killAfter,
          captureOutput,
          okExitCodes,
          creates,
          pattern);
    }

    @Override
    public byte[] stdin() {
      return stdin == null ? null : stdin.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Command c
          && args.equals(c.args)
          && shell == c.shell
          && check == c.check
          && Objects.equals(env, c.env)
          && clearEnv == c.clearEnv
          && Objects.equals(cwd, c.cwd)
          && Arrays.equals(stdin, c.stdin)
          && Objects.equals(timeout, c.timeout)
          && Objects.equals(killAfter, c.killAfter)
          && captureOutput == c.captureOutput
          && Objects.equals(okExitCodes, c.okExitCodes)
          && Objects.equals(creates, c.creates)
          && Objects.equals(removes, c.removes);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          args,
          shell,
          check,
          env,
          clearEnv,
          cwd,
          Arrays.hashCode(stdin),
          timeout,
          killAfter,
          captureOutput,
          okExitCodes,
          creates,
          removes);
    }

    @Override
    public String toString() {
      return "Command"
          + (shell ? "[sh -c " + args.get(0) : "[" + args)
          + (cwd == null ? "" : ", cwd=" + cwd)
          + (timeout == null ? "" : ", timeout=" + timeout)
          + "]";
    }
  }

  /**
   * A command that ran to its end: Python's {@code CompletedProcess} fields, and when it started
   * and how long it took.
   *
   * @param args the argument list that ran; a shell command's is {@code [/bin/sh, -c, expression]}
   * @param returncode the exit status; {@code -N} if signal {@code N} ended it
   * @param stdout standard output, byte for byte; {@code null} if not captured
   * @param stderr standard error, byte for byte; {@code null} if not captured
   * @param started when the command was started, by the remote's clock
   * @param duration from start to exit, by the remote's monotonic clock
   * @param ran false if a {@link Command#creates()} or {@link Command#removes()} guard skipped the
   *     command: then the status is 0, both outputs {@code null} and the duration zero
   */
  @SuppressWarnings("ArrayRecordComponent") // as in Command
  record Completed(
      List<String> args,
      int returncode,
      byte[] stdout,
      byte[] stderr,
      Instant started,
      Duration duration,
      boolean ran) {

    public Completed {
      args = List.copyOf(args);
    }

    /**
     * Standard output as text: UTF-8, each byte that is not part of valid UTF-8 kept as the lone
     * surrogate {@code U+DC80..U+DCFF} (Python's {@code surrogateescape}), so nothing is lost or
     * replaced, and the text equals Python's {@code stdout.decode("utf-8", "surrogateescape")}.
     * {@code null} if not captured.
     */
    public String stdoutText() {
      return SurrogateEscape.decode(stdout);
    }

    /**
     * Standard error as text, decoded as {@link #stdoutText()} is; {@code null} if not captured.
     */
    public String stderrText() {
      return SurrogateEscape.decode(stderr);
    }

    @Override
    public byte[] stdout() {
      return stdout == null ? null : stdout.clone();
    }

    @Override
    public byte[] stderr() {
      return stderr == null ? null : stderr.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Completed c
          && args.equals(c.args)
          && returncode == c.returncode
          && Arrays.equals(stdout, c.stdout)
          && Arrays.equals(stderr, c.stderr)
          && started.equals(c.started)
          && duration.equals(c.duration)
          && ran == c.ran;
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          args,
          returncode,
          Arrays.hashCode(stdout),
          Arrays.hashCode(stderr),
          started,
          duration,
          ran);
    }

    @Override
    public String toString() {
      return "Completed[args="
          + args
          + ", returncode="
          + returncode
          + ", duration="
          + duration
          + "]";
    }
  }
}
