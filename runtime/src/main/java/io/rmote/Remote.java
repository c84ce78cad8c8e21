package io.rmote;

import io.rmote.internal.GeneratedTools;
import io.rmote.internal.scheduling.Timeouts;
import io.rmote.internal.wire.CallArguments;
import io.rmote.ssh.Ssh;
import io.rmote.transport.Launcher;
import io.rmote.wire.ValueCodec;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * A connection to one remote Python interpreter, with rmote's runtime running in it.
 *
 * <p>Opening one starts the interpreter (a local {@code python3}, or any command that yields one),
 * writes the compressed runtime to its stdin and waits for it to say it is ready. From then on,
 * calls on Python tool classes travel as frames over the interpreter's stdin and stdout; a tool's
 * source is sent once per connection. A {@code Remote} is thread-safe: any number of calls may be
 * in flight at once, each answered as soon as it is done.
 *
 * <pre>{@code
 * try (Remote remote = Remote.local()) {
 *   ToolDescriptor fs = ToolDescriptor.fromResource("tools/fs.py", "FileSystem");
 *   String hostname = remote.call(fs, "read_str", Codecs.STRING, "/etc/hostname");
 * }
 * }</pre>
 *
 * <p>Failures are {@link RmoteException}s naming the host, the tool and the method: a Python
 * exception arrives as the matching class of {@link io.rmote.python}, a lost connection fails every
 * pending call at once with {@link ConnectionLostException}.
 */
public final class Remote implements AutoCloseable {
  private final Channel channel;
  private final long spinNanos;
  private final Map<Class<?>, Object> tools = new ConcurrentHashMap<>();

  Remote(Channel channel, long spinNanos) {
    this.channel = channel;
    this.spinNanos = spinNanos;
  }

  /**
   * Connects to a local {@code python3} with the default options.
   *
   * @throws ConnectionFailedException if no runtime comes up
   */
  public static Remote local() {
    return builder().connect();
  }

  /**
   * Connects through a command whose last word is the interpreter, such as {@code chroot DIR
   * python3}, {@code sudo -n python3} or {@code docker exec -i CONTAINER python3}.
   *
   * @throws ConnectionFailedException if no runtime comes up
   */
  public static Remote command(String... command) {
    return builder().command(command).connect();
  }

  /** A builder of a connection, by default to a local {@code python3}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Connects over SSH to {@code target} ({@code host}, {@code user@host} or {@code user@host:port};
   * a host may be an alias of {@code ~/.ssh/config}) with the default options: keys from the config
   * file, the agent or {@code ~/.ssh/id_*}, host keys checked against {@code ~/.ssh/known_hosts},
   * and the remote's {@code python3}. For other options use {@code
   * Remote.builder().ssh(Ssh.to(target)...build())}.
   *
   * @throws ConnectionFailedException if the SSH session cannot be set up or no runtime comes up
   */
  public static Remote ssh(String target) {
    return builder().ssh(Ssh.to(target).build()).connect();
  }

  /** The connection's name: the host, or the command that started the interpreter. */
  public String name() {
    return channel.name();
  }

  /** The remote interpreter's version, such as {@code 3.11.2}. */
  public String pythonVersion() {
    return channel.pythonVersion();
  }

  /**
   * The generated proxy of a {@code @RemoteTool} interface on this connection, made once and then
   * reused. Equivalent to {@code new SystemToolProxy(remote)}, which a DI container can call
   * itself.
   *
   * @throws IllegalArgumentException if no proxy was generated for {@code toolInterface} (is the
   *     annotation processor on the compiler's path?)
   */
  public <T> T tool(Class<T> toolInterface) {
    Object proxy = tools.get(toolInterface);
    if (proxy == null) {
      Function<Remote, ?> factory = GeneratedTools.proxy(toolInterface);
      proxy = tools.computeIfAbsent(toolInterface, k -> factory.apply(this));
    }
    return toolInterface.cast(proxy);
  }

  /** Whether the connection still works: not closed, and the remote has not gone away. */
  public boolean isOpen() {
    return channel.isOpen();
  }

  /**
   * Calls {@code tool.method(*args)} on the remote and waits for the result.
   *
   * @throws io.rmote.python.PythonException if the remote raised
   * @throws RmoteException for any other failure; all are unchecked
   */
  public <T> T call(ToolDescriptor tool, String method, ValueCodec<T> returns, Object... args) {
    return await(callAsync(tool, method, returns, args));
  }

  /**
   * Like {@link #call(ToolDescriptor, String, ValueCodec, Object...)}, mapping to a plain class.
   */
  public <T> T call(ToolDescriptor tool, String method, Class<T> returns, Object... args) {
    return await(callAsync(tool, method, returns, args));
  }

  /** Makes a fully described call and waits for its result. */
  public <T> T call(Call<T> call) {
    return await(callAsync(call));
  }

  /**
   * Calls {@code tool.method(*args)} without waiting. Cancelling the future abandons the call: an
   * async remote method is cancelled on the remote, a running sync one runs to its end and its
   * answer is dropped. Stages attached to the future run on a worker thread, never on the
   * connection's reader, or on the thread blocked in {@link #await} (see {@code docs/runtime.md}).
   */
  public <T> CompletableFuture<T> callAsync(
      ToolDescriptor tool, String method, ValueCodec<T> returns, Object... args) {
    return channel.call(
        tool, method, returns, CallArguments.of(Arrays.asList(args), Map.of()), null);
  }

  /**
   * Like {@link #callAsync(ToolDescriptor, String, ValueCodec, Object...)}, mapping to a plain
   * class.
   */
  public <T> CompletableFuture<T> callAsync(
      ToolDescriptor tool, String method, Class<T> returns, Object... args) {
    return callAsync(tool, method, codec(returns), args);
  }

  /** Makes a fully described call without waiting. */
  public <T> CompletableFuture<T> callAsync(Call<T> call) {
    return channel.call(
        call.tool(),
        call.method(),
        call.returns(),
        CallArguments.of(call.args(), call.kwargs()),
        call.timeout());
  }

  /**
   * The call generated proxies make: the arguments are written by {@code arguments} with each
   * parameter's codec, known at compile time, and the result read with {@code returns}; {@code
   * timeout} {@code null} means the connection's default. For generated code: hand-written code
   * calls {@link #call(Call)} or a tool interface.
   */
  public <T> CompletableFuture<T> invoke(
      ToolDescriptor tool,
      String method,
      ValueCodec<T> returns,
      CallArguments arguments,
      Duration timeout) {
    return channel.call(tool, method, returns, arguments, timeout);
  }

  /**
   * Waits for a call made with {@code callAsync} or {@code invoke}, rethrowing its failure as is
   * (the very exception the future holds, its stack trace untouched). The wait spins for {@link
   * Builder#awaitSpin} and then parks; a call of this connection is then completed on this thread,
   * which runs its dependent stages here.
   *
   * @throws IllegalStateException if called on the connection's reader thread, which would deadlock
   * @throws java.util.concurrent.CancellationException if interrupted (the call is then abandoned)
   */
  public <T> T await(CompletableFuture<T> future) {
    return CallWaiter.await(channel, spinNanos, future);
  }

  /**
   * The codec the connection uses for {@code type}: a built-in one or a registered one.
   *
   * @throws MappingException if {@code type} has no mapping
   */
  public <T> ValueCodec<T> codec(Class<T> type) {
    return channel.codecs().forClass(type);
  }

  /**
   * Asks the remote to quit, waits briefly ({@link Builder#closeTimeout}) and then stops it. Calls
   * still pending fail with {@link ConnectionLostException}. Idempotent.
   */
  @Override
  public void close() {
    channel.close();
  }

  @Override
  public String toString() {
    return "Remote[" + name() + ", Python " + pythonVersion() + (isOpen() ? "" : ", closed") + "]";
  }

  /**
   * Options of a connection; {@link #connect()} opens it. Where the interpreter runs is set one
   * way: a local {@link #python} (the default, {@code python3}), a {@link #command}, {@link #ssh},
   * or a {@link #launcher} of one's own; contradicting settings (both {@code ssh} and {@code
   * command}) make {@link #connect()} throw rather than one being silently ignored. A timeout or
   * wait over 100 years (such as {@code ChronoUnit.FOREVER}'s) lasts 100 years.
   */
  public static final class Builder {
    private final LaunchSettings launch = new LaunchSettings();
    private final ConnectSettings connect = new ConnectSettings();

    private Builder() {}

    /**
     * Starts the interpreter through a local command whose last word is the interpreter, such as
     * {@code chroot DIR python3}. Not with {@link #python}, {@link #ssh} or {@link #launcher}.
     */
    public Builder command(String... command) {
      return command(Arrays.asList(command));
    }

    /** Like {@link #command(String...)}. */
    public Builder command(List<String> command) {
      launch.command(command);
      return this;
    }

    /**
     * The interpreter, locally or over {@link #ssh}: a name on the PATH or a path, such as {@code
     * /usr/bin/python3.9}. Default <code>python3</code>. Not with {@link #command}, whose last word
     * is the interpreter, nor with a {@link #launcher}.
     */
    public Builder python(String python) {
      launch.python(python);
      return this;
    }

    /** Sets an environment variable for the command. */
    public Builder environment(String name, String value) {
      launch.environment.put(
          Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets environment variables for the command. */
    public Builder environment(Map<String, String> variables) {
      variables.forEach(this::environment);
      return this;
    }

    /** How long to wait for the runtime's ready line. Default 30 s. */
    public Builder startTimeout(Duration timeout) {
      connect.startTimeout = Timeouts.positive(timeout, "startTimeout");
      return this;
    }

    /** A timeout for calls that set none of their own. Default: none. */
    public Builder callTimeout(Duration timeout) {
      connect.callTimeout = timeout == null ? null : Timeouts.positive(timeout, "callTimeout");
      return this;
    }

    /** How long {@link Remote#close()} lets the remote finish; default 2 s; zero: stop at once. */
    public Builder closeTimeout(Duration timeout) {
      connect.closeTimeout = Timeouts.zeroOrPositive(timeout, "closeTimeout");
      return this;
    }

    /**
     * The largest answer accepted; a larger one fails its call with {@link
     * PayloadTooLargeException}. Default 1 GiB.
     */
    public Builder maxMessageSize(long bytes) {
      connect.maxMessageSize(bytes);
      return this;
    }

    /**
     * At most {@code max} calls in flight at once; a further call waits on its calling thread up to
     * {@code wait} (zero: not at all) for one to complete, then fails unsent with {@link
     * TooManyCallsException}. A call that timed out or was abandoned counts as complete. Default:
     * no bound. Throws IllegalArgumentException if {@code max < 1} or {@code wait} is negative.
     */
    public Builder maxCallsInFlight(int max, Duration wait) {
      connect.slots = CallSlots.of(max, wait);
      return this;
    }

    /** The name that messages and logs use for this connection. Default: the command. */
    public Builder name(String name) {
      launch.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Starts the interpreter over SSH with these options instead of locally. The builder's {@link
     * #python}, {@link #environment} and {@link #become} apply on the remote. Not with {@link
     * #command} or {@link #launcher}.
     */
    public Builder ssh(Ssh ssh) {
      launch.ssh = Objects.requireNonNull(ssh, "ssh");
      return this;
    }

    /**
     * Runs the interpreter as another user ({@code sudo}, {@code su}, {@code doas}), locally or
     * over SSH.
     */
    public Builder become(Become become) {
      launch.become = Objects.requireNonNull(become, "become");
      return this;
    }

    /**
     * Starts the interpreter in a way of one's own. The launcher decides everything about the
     * start, so none of {@link #command}, {@link #python}, {@link #ssh}, {@link #environment},
     * {@link #become} and {@link #name} may be set with it.
     */
    public Builder launcher(Launcher launcher) {
      launch.launcher = Objects.requireNonNull(launcher, "launcher");
      return this;
    }

    /**
     * Registers the mapping of a Java type that is not built in. Generated mappings register
     * themselves.
     */
    public <T> Builder register(Class<T> type, ValueCodec<T> codec) {
      connect.codecs.put(
          Objects.requireNonNull(type, "type"), Objects.requireNonNull(codec, "codec"));
      return this;
    }

    /**
     * Makes the connection's threads (reader, stderr pump, workers that complete futures), named by
     * rmote; default: daemon platform threads. With {@code Thread.ofVirtual().factory()}, a
     * process's readers stay platform ({@link io.rmote.transport.Transport#readsBlockCarrier}).
     */
    public Builder threadFactory(ThreadFactory threads) {
      connect.threadFactory = Objects.requireNonNull(threads, "threadFactory");
      return this;
    }

    /**
     * How long a blocking call polls for its answer before parking, and up to four times as long
     * while recent answers came just after it; a fast answer beats a parked thread's wake-up.
     * Default 50 µs; zero (park at once, also the default on one processor) turns it off.
     */
    public Builder awaitSpin(Duration spin) {
      connect.awaitSpin(spin);
      return this;
    }

    /** The listener of this connection's events. Default: {@link EventListener#NONE}. */
    public Builder eventListener(EventListener listener) {
      Objects.requireNonNull(listener, "eventListener");
      connect.events = host -> listener;
      return this;
    }

    /** Makes a listener for each connection built, such as one per host. */
    public Builder eventListenerFactory(EventListener.Factory factory) {
      connect.events = Objects.requireNonNull(factory, "eventListenerFactory");
      return this;
    }

    /**
     * Starts the interpreter and brings up the runtime.
     *
     * @throws IllegalStateException if two settings contradict each other (see {@link Builder})
     * @throws BootstrapException if the interpreter is missing, too old, silent past the start
     *     timeout, or writes something other than the ready line and exits
     * @throws io.rmote.ssh.SshException if the SSH session cannot be set up
     */
    public Remote connect() {
      return connect.open(launch.launcher(), launch.bytecode());
    }
  }
}
