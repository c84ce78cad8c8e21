package io.rmote;

import com.esotericsoftware.kryo.io.Output;
import io.rmote.internal.bootstrap.Bootstrap;
import io.rmote.internal.bootstrap.Bytecode;
import io.rmote.internal.launch.StderrTail;
import io.rmote.internal.scheduling.Scheduler;
import io.rmote.internal.scheduling.Timeouts;
import io.rmote.internal.wire.CallArguments;
import io.rmote.internal.wire.CodecRegistry;
import io.rmote.internal.wire.FrameInput;
import io.rmote.internal.wire.FrameKind;
import io.rmote.internal.wire.FrameWriter;
import io.rmote.transport.Launcher;
import io.rmote.transport.Transport;
import io.rmote.wire.ValueCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * One connection to a remote runtime, once frames flow: pending calls by packet id, failure of
 * everything at once, and close. The reader loop ({@link ChannelReader}), the writing of calls
 * ({@link CallSender}), the bootstrap handshake, the frame format and the stderr tail are each a
 * class of their own.
 */
final class Channel {
  /** What a connection is opened with; {@code callTimeout} may be {@code null}. */
  record Options(
      CodecRegistry codecs,
      long maxMessage,
      Duration startTimeout,
      Duration callTimeout,
      Duration closeTimeout,
      Scheduler scheduler,
      EventListener events,
      CallSlots slots) {}

  private final String name;
  private final Transport transport;
  private final Options options;
  private final OutputStream out;
  private final FrameWriter writer;
  private final CallSender calls;
  private final FrameInput in;
  private final StderrTail stderr;
  private final Startup startup;
  private final ConcurrentHashMap<Integer, PendingCall<?>> pending = new ConcurrentHashMap<>();
  private final Lead lead = new Lead(pending);
  private final Publisher publisher;
  private ChannelReader frames; // set before the channel is handed out

  private final AtomicInteger ids = new AtomicInteger();

  private volatile RmoteException failure;
  private volatile boolean closing;
  private volatile Thread reader;
  private String pythonVersion;

  private Channel(String name, Transport transport, Bootstrap bootstrap, Options options) {
    this.name = name;
    this.transport = transport;
    this.options = options;
    this.out = transport.output();
    this.writer = new FrameWriter(out, this::writeFailed);
    this.calls = new CallSender(writer, options.codecs(), options.scheduler());
    this.in = new FrameInput(transport.input(), 64 << 10);
    this.stderr = StderrTail.of(transport, name);
    this.startup = new Startup(name, transport, stderr, bootstrap);
    this.publisher = new Publisher(options.scheduler());
  }

  /**
   * Starts the interpreter, bootstraps the runtime and waits for its ready line; {@code target}
   * ({@code null}: none) is the interpreter as {@link Bytecode} knows it.
   *
   * @throws BootstrapException if the runtime does not come up
   */
  static Channel open(Launcher launcher, Bytecode.Target target, Options options) {
    EventListener events = options.events();
    long started = System.nanoTime();
    events.connectStart(launcher.name());
    try {
      Bootstrap bootstrap = Bootstrap.create(target);
      Transport transport;
      try {
        transport = launcher.launch(bootstrap.pythonArgs());
      } catch (IOException e) {
        throw located(
            new BootstrapException("cannot start the interpreter: " + e.getMessage(), "", "", e),
            launcher.name());
      }
      // The payload first: the interpreter reads it as soon as it has started, while this JVM
      // loads and initialises the connection's classes. Nothing needs reading for it to be taken.
      boolean sent = sendPayload(bootstrap, transport);
      Channel channel = new Channel(launcher.name(), transport, bootstrap, options);
      channel.start(bootstrap, sent, started);
      events.connectEnd(channel.name, Duration.ofNanos(System.nanoTime() - started));
      return channel;
    } catch (RmoteException e) {
      events.connectFailed(launcher.name(), e, Duration.ofNanos(System.nanoTime() - started));
      throw e;
    }
  }

  private static boolean sendPayload(Bootstrap bootstrap, Transport transport) {
    try {
      bootstrap.sendPayload(transport.output());
      return true;
    } catch (IOException e) {
      // The interpreter is already gone; the reader sees the end of its stream and says why.
      return false;
    }
  }

  private void start(Bootstrap bootstrap, boolean sent, long started) {
    Scheduler threads = options.scheduler();
    boolean pins = transport.readsBlockCarrier();
    if (stderr.hasStream()) threads.startReader("rmote-stderr-" + name, stderr, pins);
    frames = new ChannelReader(this, in, out, startup, options.maxMessage(), lead);
    reader = threads.startReader("rmote-reader-" + name, frames, pins);
    if (sent) options.events().bootstrapSent(name, bootstrap.firstPayloadSize());
    FirstCall.prepare(options.codecs());
    pythonVersion = startup.await(options.startTimeout());
    options.events().ready(name, pythonVersion, Duration.ofNanos(System.nanoTime() - started));
  }

  String name() {
    return name;
  }

  String pythonVersion() {
    return pythonVersion;
  }

  boolean isOpen() {
    return failure == null;
  }

  /** The call waiting for answer {@code id}, no longer pending; {@code null} if none is. */
  PendingCall<?> takePending(int id) {
    return pending.remove(id);
  }

  /** The call waiting for answer {@code id}, left pending; {@code null} if none is. */
  PendingCall<?> pendingCall(int id) {
    return pending.get(id);
  }

  boolean isReaderThread() {
    return Thread.currentThread() == reader;
  }

  /** Whether this thread reads the remote's output now: the reader, or a caller in its stead. */
  boolean isReading() {
    return lead.isHeld();
  }

  Lead lead() {
    return lead;
  }

  Publisher publisher() {
    return publisher;
  }

  /**
   * For a caller spinning for its answer: reads the frames already there if no one else reads.
   *
   * @return whether it read anything
   */
  boolean readReady() {
    return frames.readReady();
  }

  Scheduler scheduler() {
    return options.scheduler();
  }

  EventListener events() {
    return options.events();
  }

  CodecRegistry codecs() {
    return options.codecs();
  }

  // ---- calls ------------------------------------------------------------------------------

  <T> CompletableFuture<T> call(
      ToolDescriptor tool,
      String method,
      ValueCodec<T> codec,
      CallArguments arguments,
      Duration timeout) {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(codec, "the result's codec");
    // Checked here too: a generated proxy's constructor passes its timeout on unchecked.
    Duration t = timeout != null ? Timeouts.positive(timeout, "timeout") : options.callTimeout();
    options.events().callStart(name, tool.className(), method);
    int id = nextId();
    PendingCall<T> call = new PendingCall<>(this, id, tool, method, codec, writer.writeUnderWay());
    RmoteException failed = failure;
    if (failed != null) {
      call.fail(lostCopy(failed));
      return call;
    }
    if (options.slots().bounded()) {
      RmoteException refused = options.slots().take();
      if (refused != null) {
        call.fail(refused);
        return call;
      }
      call.holdSlot(options.slots());
      if (failure != null) {
        call.fail(lostCopy(failure));
        return call;
      }
    }
    Output o;
    try {
      o = calls.encode(tool, method, arguments);
    } catch (MappingException e) {
      call.fail(e);
      return call;
    }
    pending.put(id, call);
    if (failure != null && pending.remove(id, call)) {
      call.fail(lostCopy(failure));
      return call;
    }
    if (t != null) call.timer(options.scheduler().schedule(t, () -> timedOut(call, t)));
    try {
      // With a timeout, wait no longer than it for a writer stuck on a remote that does not
      // read: the call has failed by then, and nothing of it was written. With others under
      // way, a small call may instead be gathered for the next burst's write (CallSender).
      long wait = t != null ? t.toNanos() : Long.MAX_VALUE;
      // Not sent within the wait: the call has timed out, waiting for a blocked write. Timed out
      // while it was being sent: its CANCEL may have gone out before its CALL, or between its
      // chunks, and the remote drops a CANCEL of a call it has not read whole (then runs it);
      // cancelled again now, the CANCEL follows the CALL.
      if (!calls.send(tool.toolSource(), id, o, wait, pending.size() - 1)) timedOut(call, t);
      else if (call.isCompletedExceptionally()) sendCancel(id);
    } catch (IOException e) {
      writeFailed(e);
    } finally {
      CodecRegistry.trimThreadOutput();
    }
    return call;
  }

  /**
   * A write to the remote failed: racing close(), which closed the stream, as closed; else as lost,
   * with the exit status and stderr as when the remote's output ends, found on a worker, since the
   * writer may be a thread that must not wait for them (one cancelling a call).
   */
  private void writeFailed(IOException e) {
    if (closing) fail(new ConnectionLostException("the connection was closed", null));
    else options.scheduler().execute(() -> lost("cannot write to the remote: " + e.getMessage()));
  }

  /** This thread is about to wait for a call, which may be deferred (CallSender). */
  void aboutToWait() {
    calls.aboutToWait();
  }

  private int nextId() {
    int id = ids.incrementAndGet() & Integer.MAX_VALUE;
    return id != 0 ? id : nextId();
  }

  /**
   * Gives up on a call: it no longer waits for its answer, and an async remote call is cancelled.
   */
  void abandon(PendingCall<?> call) {
    if (pending.remove(call.id, call)) sendCancel(call.id);
  }

  /** Never waits for the stream: a writer may be stuck on a remote that does not read. */
  private void sendCancel(int id) {
    if (failure == null) writer.sendEmptySoon(FrameKind.CANCEL, id);
  }

  private void timedOut(PendingCall<?> call, Duration timeout) {
    if (pending.remove(call.id, call)) {
      call.fail(new CallTimeoutException(timeout, writer.stillWriting(call.writeAtStart)));
      sendCancel(call.id);
    }
  }

  // ---- failure and close ------------------------------------------------------------------

  void lost(String why) {
    if (closing || failure != null) {
      fail(new ConnectionLostException("the connection was closed", null));
      return;
    }
    OptionalInt status = transport.awaitExit(Duration.ofMillis(500));
    stderr.awaitDrained(Duration.ofMillis(500));
    StringBuilder s = new StringBuilder(why);
    status.ifPresent(st -> s.append(" (exit status ").append(st).append(')'));
    String err = stderr.text();
    if (!err.isBlank()) s.append("; last stderr: ").append(err.strip());
    startup.fail(new BootstrapException(s.toString(), "", "", null));
    fail(new ConnectionLostException(s.toString(), null));
  }

  /**
   * The remote is ending on request: every call but the one that asked (answered next) fails, and
   * so does every later call.
   */
  void quitBy(int id, int code) {
    PendingCall<?> asker = pending.remove(id);
    fail(new RemoteQuitException(code));
    if (asker != null) pending.put(id, asker);
    RemoteLogger.LOG.info("{}: the remote quit on request, exit status {}", name, code);
  }

  void protocolError(String why, Throwable cause) {
    startup.fail(new BootstrapException(why, "", stderr.text(), cause));
    fail(new ProtocolException(why, cause));
    transport.close();
  }

  /** Fails the connection once: every pending and later call fails with a copy of {@code e}. */
  void fail(RmoteException e) {
    synchronized (this) {
      if (failure != null) return;
      failure = located(e, name);
    }
    lead.failed();
    // A start that failed was thrown to its opener whole; its reader's end says nothing more.
    boolean lost = !closing && !(e instanceof RemoteQuitException) && !startup.failed();
    if (lost && startup.isDone()) options.events().connectionLost(name, failure);
    for (PendingCall<?> call : new ArrayList<>(pending.values())) {
      if (pending.remove(call.id, call)) call.fail(lostCopy(failure));
    }
    options.slots().openAll();
    // Last: the first message of a fresh JVM runs SLF4J's provider lookup, which the pending
    // calls need not wait for.
    if (lost) RemoteLogger.LOG.warn("{}: connection failed: {}", name, e.detail());
  }

  private static RmoteException lostCopy(RmoteException f) {
    if (f instanceof RemoteQuitException)
      return new RemoteQuitException(((RemoteQuitException) f).exitCode());
    BiFunction<String, Throwable, ConnectionLostException> make =
        f instanceof ProtocolException ? ProtocolException::new : ConnectionLostException::new;
    return make.apply(f.detail(), f.getCause());
  }

  /**
   * Asks the remote to quit, waits up to the close timeout, then stops it. The reader ends when the
   * stream does; nothing it uses is released here, so a late answer is read safely and dropped.
   */
  void close() {
    synchronized (this) {
      if (closing) return;
      closing = true;
    }
    if (failure == null) {
      long t0 = System.nanoTime();
      try {
        // A writer stuck on a remote that does not read holds the stream: then stop it at once.
        if (writer.sendLastAndClose(FrameKind.QUIT, options.closeTimeout().toNanos())) {
          transport.awaitExit(options.closeTimeout().minusNanos(System.nanoTime() - t0));
        }
      } catch (IOException e) {
        // already gone
      }
    }
    transport.close();
    fail(new ConnectionLostException("the connection was closed", null));
    options.events().connectionClosed(name);
    options.scheduler().shutdown();
  }

  private static <E extends RmoteException> E located(E e, String host) {
    e.locate(host, null, null);
    return e;
  }
}
