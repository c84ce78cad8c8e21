package io.rmote;

import io.rmote.internal.scheduling.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections to many hosts, used together: open them with a bound on how many connect at once, run
 * a call on every host, and get each host's value or exception, in the hosts' order. One host's
 * failure never cancels or delays the others; a host that could not connect yields its connection
 * failure in every round. Connections stay open across rounds until {@link #close()}.
 *
 * <pre>{@code
 * try (Fleet fleet = Fleet.builder()
 *     .maxConcurrentConnects(32)
 *     .progress(p -> log.info("{} done, {} failed, {} pending", p.done(), p.failed(), p.pending()))
 *     .connect(hosts, Remote::ssh)) {
 *   Map<String, Result<String>> names = fleet.call(fs, "read_str", String.class, "/etc/hostname");
 *   names.forEach((host, r) -> System.out.println(host + ": " + (r.isOk() ? r.get() : "ERROR " + r.error())));
 *   Map<String, Result<Long>> disks = fleet.run(remote -> remote.tool(SystemTool.class).diskFree("/"));
 * }
 * }</pre>
 */
public final class Fleet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

  /** Where a connect phase or a round stands; {@code host} is the one that just finished. */
  public static final class Progress {
    private final int done;
    private final int failed;
    private final int pending;
    private final String host;

    Progress(int done, int failed, int pending, String host) {
      this.done = done;
      this.failed = failed;
      this.pending = pending;
      this.host = host;
    }

    /** Hosts finished with a value (or connected). */
    public int done() {
      return done;
    }

    /** Hosts finished with an exception. */
    public int failed() {
      return failed;
    }

    /** Hosts not finished yet. */
    public int pending() {
      return pending;
    }

    /** The host that just finished, or {@code null} for the report at the start. */
    public String host() {
      return host;
    }

    @Override
    public String toString() {
      return "Progress[done " + done + ", failed " + failed + ", pending " + pending + "]";
    }
  }

  private final Map<String, Result<Remote>> connections;
  private final Consumer<Progress> progress;
  private final ExecutorService workers;
  private volatile boolean closed;

  private Fleet(
      Map<String, Result<Remote>> connections,
      Consumer<Progress> progress,
      int maxConcurrentCalls) {
    this.connections = Collections.unmodifiableMap(connections);
    this.progress = progress;
    this.workers =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(maxConcurrentCalls, connections.size())),
            threads("rmote-fleet-call"));
  }

  /** A builder of a fleet with no hosts yet. */
  public static Builder builder() {
    return new Builder();
  }

  /** Connects to every host with {@code connect} and the default options. */
  public static Fleet connect(Collection<String> hosts, Function<String, Remote> connect) {
    return builder().connect(hosts, connect);
  }

  /** Every host, in the order given, with its connection or its connection failure. */
  public Map<String, Result<Remote>> connections() {
    return connections;
  }

  /** The hosts that are connected. */
  public List<String> connected() {
    List<String> l = new ArrayList<>();
    connections.forEach(
        (h, r) -> {
          if (r.isOk()) l.add(h);
        });
    return l;
  }

  /** The hosts that failed to connect, with why. */
  public Map<String, RuntimeException> failures() {
    Map<String, RuntimeException> m = new LinkedHashMap<>();
    connections.forEach(
        (h, r) -> {
          if (r.isFailed()) m.put(h, r.error());
        });
    return m;
  }

  /**
   * Calls {@code tool.method(*args)} on every connected host at once, without a thread per host,
   * and waits for all of them.
   */
  public <T> Map<String, Result<T>> call(
      ToolDescriptor tool, String method, Class<T> returns, Object... args) {
    return awaitAll(remote -> remote.callAsync(tool, method, returns, args));
  }

  /** Like {@link #call}, with a fully described call. */
  public <T> Map<String, Result<T>> call(Call<T> call) {
    return awaitAll(remote -> remote.callAsync(call));
  }

  /**
   * Runs {@code action} for every connected host on the fleet's worker threads (at most {@link
   * Builder#maxConcurrentCalls} at once) and waits for all of them. The action may block, make
   * several calls, or use generated tool proxies.
   */
  public <T> Map<String, Result<T>> run(Function<Remote, T> action) {
    Objects.requireNonNull(action, "action");
    return awaitAll(remote -> CompletableFuture.supplyAsync(() -> action.apply(remote), workers));
  }

  /**
   * Starts {@code action} for every connected host, on the caller's thread, and blocks until every
   * future it returned is done. For an action that is itself asynchronous, such as {@code remote ->
   * remote.callAsync(...)}; a blocking action belongs in {@link #run}.
   *
   * @return each host's result, in the order the hosts were given; a host that could not connect,
   *     or whose action threw or failed, holds its failure
   */
  public <T> Map<String, Result<T>> awaitAll(Function<Remote, CompletableFuture<T>> action) {
    if (closed) throw new IllegalStateException("the fleet is closed");
    Map<String, CompletableFuture<T>> futures = new LinkedHashMap<>();
    FleetTally tally = new FleetTally(connections.size(), progress);
    for (Map.Entry<String, Result<Remote>> e : connections.entrySet()) {
      String host = e.getKey();
      Result<Remote> c = e.getValue();
      CompletableFuture<T> f;
      if (c.isFailed()) {
        f = CompletableFuture.failedFuture(c.error());
      } else {
        try {
          f = Objects.requireNonNull(action.apply(c.get()), "the action returned no future");
        } catch (RuntimeException ex) {
          f = CompletableFuture.failedFuture(ex);
        }
      }
      var unused = f.whenComplete((v, ex) -> count(tally, host, ex));
      // The call's own future is awaited below, not the counting stage: a call's get() parks as a
      // caller of its connection. (With a progress callback this thread first waits in the tally,
      // as a stranger to the connections, for the last report.)
      futures.put(host, f);
    }
    deliver(tally);
    Map<String, Result<T>> results = new LinkedHashMap<>();
    for (Map.Entry<String, CompletableFuture<T>> e : futures.entrySet()) {
      results.put(e.getKey(), await(e.getValue()));
    }
    return results;
  }

  private static void count(FleetTally tally, String host, Throwable failure) {
    if (failure == null) tally.ok(host);
    else tally.failed(host);
  }

  /**
   * Delivers a phase's progress reports on this thread. An interrupt ends the delivery (the reports
   * not yet delivered are dropped) and is kept for the awaits, which then fail what is unfinished.
   */
  private static void deliver(FleetTally tally) {
    try {
      tally.deliverAll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static <T> Result<T> await(CompletableFuture<T> f) {
    try {
      return Result.ok(f.get());
    } catch (ExecutionException e) {
      return Result.failed(unwrap(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      return Result.failed(new RmoteException("interrupted while waiting", e));
    } catch (java.util.concurrent.CancellationException e) {
      return Result.failed(e);
    }
  }

  private static RuntimeException unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
    if (t instanceof RuntimeException) return (RuntimeException) t;
    if (t instanceof Error) throw (Error) t;
    return new RmoteException("failed: " + t, t);
  }

  /** Closes every connection, all at once. Idempotent. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    workers.shutdownNow();
    List<CompletableFuture<Void>> closers = new ArrayList<>();
    for (Result<Remote> r : connections.values()) {
      if (r.isOk()) closers.add(CompletableFuture.runAsync(r.get()::close, Scheduler.shared()));
    }
    try {
      CompletableFuture.allOf(closers.toArray(new CompletableFuture<?>[0])).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // Remote.close does not throw; nothing to report
    }
  }

  @Override
  public String toString() {
    return "Fleet["
        + connected().size()
        + " of "
        + connections.size()
        + " hosts connected"
        + (closed ? ", closed" : "")
        + "]";
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Options of a fleet; {@link #connect} opens it. */
  public static final class Builder {
    private int maxConcurrentConnects = 20;
    private int maxConcurrentCalls = 64;
    private Consumer<Progress> progress;

    private Builder() {}

    /** How many hosts may be connecting at the same moment. Default 20. */
    public Builder maxConcurrentConnects(int n) {
      if (n < 1) throw new IllegalArgumentException("maxConcurrentConnects must be at least 1");
      this.maxConcurrentConnects = n;
      return this;
    }

    /** How many blocking actions of {@link Fleet#run} may run at once. Default 64. */
    public Builder maxConcurrentCalls(int n) {
      if (n < 1) throw new IllegalArgumentException("maxConcurrentCalls must be at least 1");
      this.maxConcurrentCalls = n;
      return this;
    }

    /**
     * Called once at the start of each connect phase and each round, then once as each host
     * finishes. The calls are made one at a time, on the thread that called {@link #connect} or the
     * round ({@link Fleet#call}, {@link Fleet#run}, {@link Fleet#awaitAll}), in the order the hosts
     * finished, so the counts grow by one host per report and the phase returns after its last
     * report. A callback that throws an exception is logged at WARN and the phase goes on; an
     * {@link Error} ends the phase (a connect phase closes what it connected first). A connect of
     * no hosts reports nothing; if the thread is interrupted, the reports not yet delivered are
     * dropped and the unfinished hosts fail as interrupted.
     */
    public Builder progress(Consumer<Progress> progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * Connects to every host with {@code connect} (such as {@code Remote::ssh}, or {@code host ->
     * Remote.builder().ssh(Ssh.to(host).port(2222).build()).connect()}), at most {@link
     * #maxConcurrentConnects} at once, and waits for all of them. A host that fails to connect is
     * kept with its exception. If the calling thread is interrupted, the hosts not yet connected
     * fail as interrupted (the interrupt stays set), and a connection that their connect function
     * still hands over afterwards is closed.
     *
     * @throws IllegalArgumentException if a host is null or listed twice, naming it
     */
    public Fleet connect(Collection<String> hosts, Function<String, Remote> connect) {
      Objects.requireNonNull(connect, "connect");
      Set<String> seen = new LinkedHashSet<>();
      for (String host : hosts) {
        if (host == null) throw new IllegalArgumentException("a host is null");
        if (!seen.add(host))
          throw new IllegalArgumentException("host " + host + " is listed twice");
      }
      List<String> unique = new ArrayList<>(seen);
      Map<String, Result<Remote>> connections = new LinkedHashMap<>();
      if (unique.isEmpty()) return new Fleet(connections, progress, maxConcurrentCalls);
      ExecutorService pool =
          Executors.newFixedThreadPool(
              Math.min(maxConcurrentConnects, unique.size()), threads("rmote-fleet-connect"));
      FleetTally tally = new FleetTally(unique.size(), progress);
      Map<String, CompletableFuture<Remote>> futures = new LinkedHashMap<>();
      Map<String, CompletableFuture<Remote>> connects = new LinkedHashMap<>();
      boolean returned = false;
      try {
        for (String host : unique) {
          CompletableFuture<Remote> f =
              CompletableFuture.supplyAsync(
                  () -> {
                    long t0 = System.nanoTime();
                    Remote r =
                        Objects.requireNonNull(
                            connect.apply(host), "the connect function returned null");
                    LOG.debug(
                        "{}: connected in {} ms",
                        host,
                        Duration.ofNanos(System.nanoTime() - t0).toMillis());
                    return r;
                  },
                  pool);
          connects.put(host, f);
          futures.put(host, f.whenComplete((r, ex) -> count(tally, host, ex)));
        }
        deliver(tally);
        for (Map.Entry<String, CompletableFuture<Remote>> e : futures.entrySet()) {
          Result<Remote> r = await(e.getValue());
          if (r.isFailed()) {
            LOG.warn("{}: cannot connect: {}", e.getKey(), r.error().getMessage());
            // Failed as interrupted while its connect goes on: what it connects is nobody's. It is
            // closed as close() closes, off the pool's interrupted threads and the caller's, on
            // which a close cannot wait for the interpreter to quit and kills it.
            var unused =
                connects.get(e.getKey()).thenAcceptAsync(Remote::close, Scheduler.shared());
          }
          connections.put(e.getKey(), r);
        }
        returned = true;
      } finally {
        pool.shutdownNow();
        // An Error from the progress callback: no one will get the connections to close them.
        if (!returned) {
          for (CompletableFuture<Remote> f : connects.values()) {
            var unused = f.thenAcceptAsync(Remote::close, Scheduler.shared());
          }
        }
      }
      return new Fleet(connections, progress, maxConcurrentCalls);
    }
  }
}
