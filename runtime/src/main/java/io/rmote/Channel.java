package io.rmote;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import io.rmote.ToolDescriptor.ToolSource;
import io.rmote.internal.bootstrap.Bootstrap;
import io.rmote.python.PythonException;
import io.rmote.transport.Launcher;
import io.rmote.transport.Transport;
import io.rmote.wire.Codecs;
import io.rmote.internal.wire.FrameKind;
import io.rmote.internal.wire.Tag;
import io.rmote.wire.ValueCodec;
import io.rmote.internal.wire.Wire;
import io.rmote.internal.wire.WireFormatException;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One connection to a remote runtime: the bootstrap, a reader thread that matches answers to
 * pending calls by packet id, and writes of frames from the callers' threads under one lock.
 */
final class Channel {
  private static final Logger LOG = LoggerFactory.getLogger(Remote.class);
  private static final Logger STDERR = LoggerFactory.getLogger("rmote.remote.stderr");
  private static final String MDC_HOST = "rmote.host";
  private static final int KEEP_STDERR_LINES = 40;
  private static final int KEEP_NOISE_BYTES = 16 << 10;
  private static final int REUSED_OUTPUT_MAX = 1 << 20;

  /** Timeouts of every connection; cancelled tasks leave the queue at once. */
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  /** Per thread, an output buffer for encoding a message, with room for the frame header in front. */
  private static final ThreadLocal<Output> OUTPUTS = ThreadLocal.withInitial(Channel::newOutput);

  private final String name;
  private final Transport transport;
  private final OutputStream out;
  private final Input in;
  private final Pool<Kryo> kryos;
  private final Kryo readerKryo;
  private final long maxMessage;
  private final Duration defaultTimeout;
  private final Duration closeTimeout;

  private final ReentrantLock writeLock = new ReentrantLock();
  private final byte[] chunkHeader = new byte[FrameKind.HEADER_SIZE];
  private final Map<ToolSource, Integer> modules = new HashMap<>(); // guarded by writeLock
  private final ConcurrentHashMap<Integer, PendingCall<?>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
  private final CompletableFuture<String> ready = new CompletableFuture<>();

  private volatile RmoteException failure;
  private volatile boolean closing;
  private volatile Thread reader;
  private String pythonVersion;

  private Channel(String name, Transport transport, Pool<Kryo> kryos, long maxMessage, Duration defaultTimeout,
      Duration closeTimeout) {
    this.name = name;
    this.transport = transport;
    this.out = transport.output();
    this.in = new Input(transport.input(), 64 << 10);
    this.kryos = kryos;
    this.readerKryo = kryos.obtain();
    this.maxMessage = maxMessage;
    this.defaultTimeout = defaultTimeout;
    this.closeTimeout = closeTimeout;
  }

  /** Starts the interpreter, bootstraps the runtime and waits for its ready line. */
  static Channel open(Launcher launcher, Pool<Kryo> kryos, long maxMessage, Duration startTimeout,
      Duration defaultTimeout, Duration closeTimeout) {
    Bootstrap bootstrap = Bootstrap.create();
    Transport transport;
    try {
      transport = launcher.launch(bootstrap.pythonArgs());
    } catch (IOException e) {
      throw located(new BootstrapException("cannot start the interpreter: " + e.getMessage(), "", "", e), launcher.name());
    }
    Channel channel = new Channel(launcher.name(), transport, kryos, maxMessage, defaultTimeout, closeTimeout);
    channel.start(bootstrap, startTimeout);
    return channel;
  }

  private void start(Bootstrap bootstrap, Duration startTimeout) {
    if (transport.errors() != null) {
      daemon("rmote-stderr-" + name, this::pumpStderr).start();
    }
    Thread r = daemon("rmote-reader-" + name, () -> readLoop(bootstrap));
    reader = r;
    r.start();
    try {
      bootstrap.sendPayload(out);
    } catch (IOException e) {
      // The interpreter is already gone; the reader sees the end of its stream and says why.
    }
    try {
      pythonVersion = ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      transport.close();
      throw located(new BootstrapException(
          "the remote sent no ready line within " + startTimeout.toMillis() + " ms",
          "", stderrText(), null), name);
    } catch (InterruptedException e) {
      transport.close();
      Thread.currentThread().interrupt();
      throw located(new BootstrapException("interrupted while starting", "", stderrText(), e), name);
    } catch (java.util.concurrent.ExecutionException e) {
      transport.close();
      if (e.getCause() instanceof RmoteException) {
        RmoteException re = (RmoteException) e.getCause();
        re.setStackTrace(new Throwable().getStackTrace());
        throw re;
      }
      throw located(new BootstrapException("start-up failed: " + e.getCause(), "", stderrText(), e.getCause()), name);
    }
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

  boolean isReaderThread() {
    return Thread.currentThread() == reader;
  }

  // ---- calls ------------------------------------------------------------------------------

  <T> CompletableFuture<T> call(ToolDescriptor tool, String method, ValueCodec<T> codec, List<?> args,
      Map<String, ?> kwargs, Duration timeout) {
    int id = nextId();
    PendingCall<T> call = new PendingCall<>(this, id, tool.className(), method, codec);
    RmoteException failed = failure;
    if (failed != null) {
      call.fail(lostCopy(failed));
      return call;
    }
    Output o = OUTPUTS.get();
    o.setPosition(FrameKind.HEADER_SIZE);
    Kryo kryo = kryos.obtain();
    try {
      Wire.writeInt(o, 0); // module number, filled in under the write lock
      Wire.writeStr(o, tool.className());
      Wire.writeStr(o, method);
      o.writeByte(Tag.TUPLE);
      Wire.writeInt(o, args.size());
      for (Object a : args) Codecs.writeAny(kryo, o, a);
      o.writeByte(Tag.DICT);
      Wire.writeInt(o, kwargs.size());
      for (Map.Entry<String, ?> e : kwargs.entrySet()) {
        o.writeByte(Tag.STR);
        Wire.writeStr(o, e.getKey());
        Codecs.writeAny(kryo, o, e.getValue());
      }
    } catch (MappingException e) {
      call.fail(e);
      return call;
    } finally {
      kryos.free(kryo);
    }
    pending.put(id, call);
    if (failure != null && pending.remove(id, call)) {
      call.fail(lostCopy(failure));
      return call;
    }
    Duration t = timeout != null ? timeout : defaultTimeout;
    if (t != null) {
      call.timeout = TIMER.schedule(() -> timedOut(call, t), t.toNanos(), TimeUnit.NANOSECONDS);
    }
    try {
      sendCall(tool.toolSource(), id, o);
    } catch (IOException e) {
      fail(new ConnectionLostException("cannot write to the remote: " + e.getMessage(), e));
    } finally {
      if (o.getBuffer().length > REUSED_OUTPUT_MAX) OUTPUTS.remove();
    }
    return call;
  }

  private int nextId() {
    int id = ids.incrementAndGet() & Integer.MAX_VALUE;
    return id != 0 ? id : nextId();
  }

  private void sendCall(ToolSource source, int id, Output o) throws IOException {
    byte[] buf = o.getBuffer();
    int end = o.position();
    writeLock.lock();
    try {
      Integer module = modules.get(source);
      if (module == null) {
        module = modules.size() + 1;
        sendSync(module, source);
        modules.put(source, module);
      }
      buf[FrameKind.HEADER_SIZE] = (byte) (module >>> 24);
      buf[FrameKind.HEADER_SIZE + 1] = (byte) (module >>> 16);
      buf[FrameKind.HEADER_SIZE + 2] = (byte) (module >>> 8);
      buf[FrameKind.HEADER_SIZE + 3] = (byte) (int) module;
      int body = end - FrameKind.HEADER_SIZE;
      if (body <= FrameKind.CHUNK) {
        putHeader(buf, 0, FrameKind.CALL, 0, id, body);
        out.write(buf, 0, end);
        out.flush();
        return;
      }
    } finally {
      writeLock.unlock();
    }
    sendChunked(FrameKind.CALL, id, buf, FrameKind.HEADER_SIZE, end);
  }

  /** Sends a long message a chunk at a time, letting other messages through between chunks. */
  private void sendChunked(int kind, int id, byte[] buf, int from, int end) throws IOException {
    for (int p = from; p < end; ) {
      int n = Math.min(FrameKind.CHUNK, end - p);
      boolean last = p + n == end;
      writeLock.lock();
      try {
        putHeader(chunkHeader, 0, kind, last ? 0 : FrameKind.MORE, id, n);
        out.write(chunkHeader);
        out.write(buf, p, n);
        if (last) out.flush();
      } finally {
        writeLock.unlock();
      }
      p += n;
    }
  }

  private void sendSync(int module, ToolSource source) throws IOException {
    Output o = newOutput();
    o.setPosition(FrameKind.HEADER_SIZE);
    Wire.writeInt(o, module);
    Wire.writeStr(o, source.name());
    Wire.writeStr(o, source.text());
    int body = o.position() - FrameKind.HEADER_SIZE;
    if (body > FrameKind.MAX_FRAME_BODY) {
      throw new IOException("tool source " + source.name() + " is larger than a frame");
    }
    putHeader(o.getBuffer(), 0, FrameKind.SYNC, 0, 0, body);
    out.write(o.getBuffer(), 0, o.position());
  }

  private void sendEmpty(int kind, int id) throws IOException {
    writeLock.lock();
    try {
      putHeader(chunkHeader, 0, kind, 0, id, 0);
      out.write(chunkHeader);
      out.flush();
    } finally {
      writeLock.unlock();
    }
  }

  private static void putHeader(byte[] b, int at, int kind, int flags, int id, int bodyLength) {
    int length = bodyLength + 6;
    b[at] = (byte) (length >>> 24);
    b[at + 1] = (byte) (length >>> 16);
    b[at + 2] = (byte) (length >>> 8);
    b[at + 3] = (byte) length;
    b[at + 4] = (byte) kind;
    b[at + 5] = (byte) flags;
    b[at + 6] = (byte) (id >>> 24);
    b[at + 7] = (byte) (id >>> 16);
    b[at + 8] = (byte) (id >>> 8);
    b[at + 9] = (byte) id;
  }

  /** Gives up on a call: it no longer waits for its answer, and an async remote call is cancelled. */
  void abandon(PendingCall<?> call) {
    if (pending.remove(call.id, call)) {
      sendCancel(call.id);
    }
  }

  private void sendCancel(int id) {
    if (failure != null) return;
    try {
      sendEmpty(FrameKind.CANCEL, id);
    } catch (IOException e) {
      fail(new ConnectionLostException("cannot write to the remote: " + e.getMessage(), e));
    }
  }

  private void timedOut(PendingCall<?> call, Duration timeout) {
    if (pending.remove(call.id, call)) {
      sendCancel(call.id);
      call.fail(new CallTimeoutException(timeout));
    }
  }

  // ---- reading ----------------------------------------------------------------------------

  private void readLoop(Bootstrap bootstrap) {
    try {
      handshake(bootstrap);
      Map<Long, Partial> partials = new HashMap<>();
      while (true) {
        if (in.end()) {
          if (!partials.isEmpty()) throw new WireFormatException("the stream ended inside a message");
          lost("the remote closed its output");
          return;
        }
        int length = Wire.readInt(in);
        if (length < 6 || length > 6 + FrameKind.MAX_FRAME_BODY) {
          throw new WireFormatException("frame length " + Integer.toUnsignedString(length) + " is out of bounds");
        }
        int kind = Wire.readU8(in);
        int flags = Wire.readU8(in);
        int id = Wire.readInt(in);
        int body = length - 6;
        if (kind != FrameKind.RESULT && kind != FrameKind.ERROR && kind != FrameKind.LOG && kind != FrameKind.FATAL) {
          throw new WireFormatException("unexpected frame " + FrameKind.describe(kind));
        }
        long key = ((long) kind << 32) | (id & 0xFFFFFFFFL);
        Partial partial = partials.get(key);
        boolean more = (flags & FrameKind.MORE) != 0;
        if (partial == null && !more) {
          dispatch(kind, id, in.readBytes(body));
          continue;
        }
        if (partial == null) {
          partial = new Partial();
          partials.put(key, partial);
        }
        partial.size += body;
        if (partial.chunks == null || partial.size > maxMessage) {
          partial.chunks = null;
          in.skip(body);
        } else {
          partial.chunks.add(in.readBytes(body));
        }
        if (!more) {
          partials.remove(key);
          if (partial.chunks == null) {
            tooLarge(kind, id);
          } else {
            dispatch(kind, id, partial.join());
          }
        }
      }
    } catch (WireFormatException e) {
      protocolError(e.getMessage(), e);
    } catch (KryoException e) {
      if (closing || failure != null) {
        lost("the connection was closed");
      } else if (e.getCause() instanceof IOException) {
        lost("cannot read from the remote: " + e.getCause().getMessage());
      } else if (String.valueOf(e.getMessage()).contains("underflow")) {
        lost("the remote's output ended in the middle of a frame");
      } else {
        protocolError(e.getMessage(), e);
      }
    } catch (RuntimeException | Error e) {
      protocolError("internal error while reading: " + e, e);
    }
  }

  private void handshake(Bootstrap bootstrap) {
    byte[] marker = bootstrap.marker();
    ByteArrayOutputStream noise = new ByteArrayOutputStream();
    byte[] window = new byte[marker.length];
    int seen = 0;
    while (true) {
      if (in.end()) {
        startFailed(noise, null);
        return;
      }
      byte b = in.readByte();
      System.arraycopy(window, 1, window, 0, window.length - 1);
      window[window.length - 1] = b;
      seen++;
      if (noise.size() < KEEP_NOISE_BYTES) noise.write(b);
      if (seen < marker.length || !Arrays.equals(window, marker)) continue;
      String line = readLine();
      byte[] kept = noise.toByteArray();
      noise.reset();
      noise.write(kept, 0, Math.max(0, kept.length - marker.length));
      seen = 0;
      String[] words = line.trim().split(" ");
      switch (words[0]) {
        case "zlib":
          try {
            bootstrap.sendFallbackPayload(out);
          } catch (IOException e) {
            // the reader sees the end of the stream next and reports it
          }
          continue;
        case "old":
          ready.completeExceptionally(located(new BootstrapException(
              "the remote Python " + (words.length > 1 ? words[1] : "") + " is too old: rmote needs 3.6 or newer",
              noiseText(noise), stderrText(), null), name));
          throw new ReadStopped();
        case "ready":
          if (words.length < 3 || !words[1].equals(String.valueOf(Bootstrap.PROTOCOL_VERSION))) {
            ready.completeExceptionally(located(new BootstrapException(
                "the remote runtime speaks protocol " + (words.length > 1 ? words[1] : "?")
                    + ", this controller " + Bootstrap.PROTOCOL_VERSION,
                noiseText(noise), stderrText(), null), name));
            throw new ReadStopped();
          }
          if (noise.size() > 0) {
            LOG.debug("{}: skipped {} bytes before the ready line", name, noise.size());
          }
          ready.complete(words[2]);
          return;
        default:
          startFailed(noise, "an unknown bootstrap line '" + line.trim() + "'");
          return;
      }
    }
  }

  private String readLine() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 256; i++) {
      byte b = in.readByte();
      if (b == '\n') return s.toString();
      s.append((char) (b & 0xFF));
    }
    throw new WireFormatException("bootstrap line too long: " + s);
  }

  private void startFailed(ByteArrayOutputStream noise, String what) {
    OptionalInt status = transport.awaitExit(Duration.ofSeconds(1));
    String detail;
    if (what != null) {
      detail = "the remote wrote " + what;
    } else if (status.isPresent()) {
      detail = "the remote exited with status " + status.getAsInt() + " before it was ready";
      if (status.getAsInt() == 127 || status.getAsInt() == 126) {
        detail += " (is Python 3 installed, and is the interpreter's path right?)";
      }
    } else {
      detail = "the remote closed its output before it was ready";
    }
    awaitStderrDrained();
    ready.completeExceptionally(located(new BootstrapException(detail, noiseText(noise), stderrText(), null), name));
    throw new ReadStopped();
  }

  private void dispatch(int kind, int id, byte[] body) {
    switch (kind) {
      case FrameKind.RESULT: {
        PendingCall<?> call = pending.remove(id);
        if (call != null) call.complete(readerKryo, body);
        return;
      }
      case FrameKind.ERROR: {
        PendingCall<?> call = pending.remove(id);
        if (call == null) return;
        Input i = new Input(body);
        int tag = Wire.readU8(i);
        if (tag != Tag.EXCEPTION) throw new WireFormatException("ERROR frame holds a " + Tag.describe(tag));
        call.fail(Codecs.readException(readerKryo, i));
        return;
      }
      case FrameKind.LOG:
        log(new Input(body));
        return;
      case FrameKind.FATAL: {
        String reason = Wire.readStr(new Input(body));
        protocolError("the remote reported a protocol error: " + reason, null);
        throw new ReadStopped();
      }
      default:
        throw new WireFormatException("unexpected frame " + FrameKind.describe(kind));
    }
  }

  private void tooLarge(int kind, int id) {
    if (kind == FrameKind.RESULT || kind == FrameKind.ERROR) {
      PendingCall<?> call = pending.remove(id);
      if (call != null) call.fail(new PayloadTooLargeException(maxMessage));
    } else {
      LOG.warn("{}: dropped a {} message over {} bytes", name, FrameKind.describe(kind), maxMessage);
    }
  }

  private void log(Input i) {
    String logger = Wire.readStr(i);
    int level = Wire.readInt(i);
    String message = Wire.readStr(i);
    Logger l = LoggerFactory.getLogger("rmote.remote." + logger);
    MDC.put(MDC_HOST, name);
    try {
      if (level >= 40) l.error(message);
      else if (level >= 30) l.warn(message);
      else if (level >= 20) l.info(message);
      else if (level >= 10) l.debug(message);
      else l.trace(message);
    } finally {
      MDC.remove(MDC_HOST);
    }
  }

  private void pumpStderr() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(transport.errors(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (stderrTail) {
          stderrTail.addLast(line);
          if (stderrTail.size() > KEEP_STDERR_LINES) stderrTail.removeFirst();
        }
        if (ready.isDone()) {
          MDC.put(MDC_HOST, name);
          STDERR.info(line);
          MDC.remove(MDC_HOST);
        }
      }
    } catch (IOException e) {
      // the stream closes with the process
    } finally {
      synchronized (stderrTail) {
        stderrDone = true;
        stderrTail.notifyAll();
      }
    }
  }

  private boolean stderrDone; // guarded by stderrTail

  private void awaitStderrDrained() {
    if (transport.errors() == null) return;
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
    synchronized (stderrTail) {
      while (!stderrDone) {
        long left = until - System.nanoTime();
        if (left <= 0) return;
        try {
          TimeUnit.NANOSECONDS.timedWait(stderrTail, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private String stderrText() {
    synchronized (stderrTail) {
      return String.join("\n", stderrTail);
    }
  }

  private static String noiseText(ByteArrayOutputStream noise) {
    return new String(noise.toByteArray(), StandardCharsets.UTF_8);
  }

  // ---- failure and close ------------------------------------------------------------------

  private void lost(String why) {
    if (closing) {
      fail(new ConnectionLostException("the connection was closed", null));
      return;
    }
    OptionalInt status = transport.awaitExit(Duration.ofMillis(500));
    awaitStderrDrained();
    StringBuilder s = new StringBuilder(why);
    status.ifPresent(st -> s.append(" (exit status ").append(st).append(')'));
    String err = stderrText();
    if (!err.isBlank()) s.append("; last stderr: ").append(err.strip());
    if (!ready.isDone()) {
      ready.completeExceptionally(located(new BootstrapException(s.toString(), "", "", null), name));
    }
    fail(new ConnectionLostException(s.toString(), null));
  }

  private void protocolError(String why, Throwable cause) {
    ProtocolException e = new ProtocolException(why, cause);
    if (!ready.isDone()) {
      ready.completeExceptionally(located(new BootstrapException(why, "", stderrText(), cause), name));
    }
    fail(e);
    transport.close();
  }

  /** Fails the connection once: every pending and later call fails with a copy of {@code e}. */
  void fail(RmoteException e) {
    synchronized (this) {
      if (failure != null) return;
      failure = located(e, name);
    }
    if (!closing) LOG.warn("{}: connection failed: {}", name, e.detail());
    for (PendingCall<?> call : new ArrayList<>(pending.values())) {
      if (pending.remove(call.id, call)) call.fail(lostCopy(failure));
    }
  }

  private static RmoteException lostCopy(RmoteException f) {
    BiFunction<String, Throwable, ConnectionLostException> make =
        f instanceof ProtocolException ? ProtocolException::new : ConnectionLostException::new;
    return make.apply(f.detail(), f.getCause());
  }

  /** Asks the remote to quit, waits up to the close timeout, then stops it. */
  void close() {
    synchronized (this) {
      if (closing) return;
      closing = true;
    }
    if (failure == null) {
      try {
        sendEmpty(FrameKind.QUIT, 0);
        out.close();
      } catch (IOException e) {
        // already gone
      }
      transport.awaitExit(closeTimeout);
    }
    transport.close();
    fail(new ConnectionLostException("the connection was closed", null));
    kryos.free(readerKryo);
  }

  private static <E extends RmoteException> E located(E e, String host) {
    e.locate(host, null, null);
    return e;
  }

  // ---- helpers ----------------------------------------------------------------------------

  private static Output newOutput() {
    return new Output(4096, -1);
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(() -> {
      try {
        body.run();
      } catch (ReadStopped stopped) {
        // the reason was already handed to whoever waits
      }
    }, name);
    t.setDaemon(true);
    return t;
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread th = new Thread(r, "rmote-timer");
      th.setDaemon(true);
      return th;
    });
    t.setRemoveOnCancelPolicy(true);
    return t;
  }

  /** Ends the reader after a failure it already reported. */
  private static final class ReadStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReadStopped() {
      super(null, null, false, false);
    }
  }

  /** A message that arrives over several frames. */
  private static final class Partial {
    List<byte[]> chunks = new ArrayList<>();
    long size;

    byte[] join() {
      byte[] all = new byte[Math.toIntExact(size)];
      int p = 0;
      for (byte[] c : chunks) {
        System.arraycopy(c, 0, all, p, c.length);
        p += c.length;
      }
      return all;
    }
  }

  /** A call waiting for its answer; cancelling it gives up on it and tells the remote. */
  static final class PendingCall<T> extends CompletableFuture<T> {
    final Channel channel;
    final int id;
    final String tool;
    final String method;
    final ValueCodec<T> codec;
    volatile ScheduledFuture<?> timeout;

    PendingCall(Channel channel, int id, String tool, String method, ValueCodec<T> codec) {
      this.channel = channel;
      this.id = id;
      this.tool = tool;
      this.method = method;
      this.codec = codec;
    }

    void complete(Kryo kryo, byte[] body) {
      T value;
      try {
        Input i = new Input(body);
        value = codec.read(kryo, i, null);
        if (i.position() != i.limit()) {
          throw new WireFormatException((i.limit() - i.position()) + " stray bytes after a RESULT value");
        }
      } catch (MappingException e) {
        fail(e);
        return;
      } catch (KryoException e) {
        throw new WireFormatException("a RESULT does not decode: " + e.getMessage());
      }
      cancelTimeout();
      super.complete(value);
    }

    void fail(RmoteException e) {
      cancelTimeout();
      e.locate(channel.name, tool, method);
      super.completeExceptionally(e);
    }

    private void cancelTimeout() {
      ScheduledFuture<?> t = timeout;
      if (t != null) t.cancel(false);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        cancelTimeout();
        channel.abandon(this);
      }
      return cancelled;
    }
  }
}
