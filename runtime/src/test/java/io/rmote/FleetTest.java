package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.python.ValueError;
import io.rmote.ssh.Ssh;
import io.rmote.ssh.SshException;
import io.rmote.testing.SshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet API: per-host values or exceptions, bounded connects, rounds over kept connections,
 * progress.
 */
class FleetTest {
  static final ToolDescriptor PROBE = RemoteCallTest.PROBE;
  static final ToolDescriptor INFO =
      ToolDescriptor.fromResource(FleetTest.class, "tools/hostinfo.py", "HostInfo");

  /** A new user's report: the message named no host, and a null host was taken as one. */
  @Test
  void aHostListedTwiceOrNullIsRefusedByName() {
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () -> Fleet.builder().connect(List.of("a", "web1", "web1"), h -> Remote.local()));
    assertEquals("host web1 is listed twice", twice.getMessage());
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> Fleet.builder().connect(Arrays.asList("a", null), h -> Remote.local()));
    assertEquals("a host is null", none.getMessage());
  }

  @Test
  void localHostsOneBroken() {
    List<String> hosts = List.of("a", "b", "broken", "c");
    List<Fleet.Progress> progress = new CopyOnWriteArrayList<>();
    try (Fleet fleet =
        Fleet.builder()
            .maxConcurrentConnects(2)
            .progress(progress::add)
            .connect(
                hosts,
                h ->
                    Remote.builder()
                        .command(h.equals("broken") ? "/nonexistent/python3" : "python3")
                        .name(h)
                        .connect())) {
      assertEquals(List.of("a", "b", "c"), fleet.connected());
      assertInstanceOf(BootstrapException.class, fleet.failures().get("broken"));
      Fleet.Progress last = progress.get(progress.size() - 1);
      assertEquals(3, last.done());
      assertEquals(1, last.failed());
      assertEquals(0, last.pending());
      // a round where one host raises: it yields its exception, the others their values
      Map<String, Result<Long>> r =
          fleet.run(
              remote -> {
                if (remote.name().equals("b"))
                  remote.call(PROBE, "raise_named", Object.class, "value");
                return remote.call(PROBE, "pid", Long.class);
              });
      assertEquals(List.of("a", "b", "broken", "c"), new ArrayList<>(r.keySet()));
      assertTrue(r.get("a").isOk() && r.get("c").isOk());
      assertInstanceOf(ValueError.class, r.get("b").error());
      assertInstanceOf(BootstrapException.class, r.get("broken").error());
      // the next round runs on the same connections
      Map<String, Result<Long>> again = fleet.call(PROBE, "pid", Long.class);
      assertEquals(r.get("a").get(), again.get("a").get());
      assertTrue(again.get("b").isOk());
      assertEquals(-1L, again.get("broken").orElse(-1L));
    }
  }

  @Test
  void connectsAtMostNAtOnce() {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    List<String> hosts = new ArrayList<>();
    for (int i = 0; i < 12; i++) hosts.add("h" + i);
    try (Fleet fleet =
        Fleet.builder()
            .maxConcurrentConnects(3)
            .connect(
                hosts,
                h -> {
                  peak.accumulateAndGet(now.incrementAndGet(), Math::max);
                  try {
                    // The bound is under test, not how fast a loaded machine starts an interpreter.
                    return Remote.builder().name(h).startTimeout(Duration.ofMinutes(2)).connect();
                  } finally {
                    now.decrementAndGet();
                  }
                })) {
      assertEquals(12, fleet.connected().size());
      assertTrue(peak.get() <= 3, "peak " + peak.get());
    }
  }

  /**
   * Hosts finish on many threads at once; their reports reach the callback one at a time, on the
   * caller's thread, with the counts growing by one host each, and the phase returns after the
   * last. (CI once saw "49 done" as the last report of fifty hosts when each finishing thread
   * delivered its own.)
   */
  @Test
  void progressReportsComeInOrderOnTheCallersThread() throws Exception {
    Thread caller = Thread.currentThread();
    List<String> hosts = new ArrayList<>();
    for (int i = 0; i < 24; i++) hosts.add("h" + i);
    CyclicBarrier together = new CyclicBarrier(hosts.size());
    List<Fleet.Progress> connects = new CopyOnWriteArrayList<>();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    try (Fleet failing =
        Fleet.builder()
            .maxConcurrentConnects(hosts.size())
            .progress(
                p -> {
                  threads.add(Thread.currentThread());
                  connects.add(p);
                  if (connects.size() == 2) throw new IllegalStateException("a faulty callback");
                })
            .connect(
                hosts,
                h -> {
                  try {
                    together.await(1, TimeUnit.MINUTES);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                  throw new IllegalStateException(h + " is down");
                })) {
      assertEquals(hosts.size(), failing.failures().size());
    }
    assertInOrder(connects, hosts.size(), 0);
    for (Thread t : threads) assertEquals(caller, t);

    List<String> local = List.of("a", "b", "c", "d", "e", "f");
    List<Fleet.Progress> rounds = new CopyOnWriteArrayList<>();
    threads.clear();
    try (Fleet fleet =
        Fleet.builder()
            .progress(
                p -> {
                  threads.add(Thread.currentThread());
                  rounds.add(p);
                })
            .connect(local, h -> Remote.builder().name(h).connect())) {
      for (int round = 0; round < 20; round++) {
        rounds.clear();
        Map<String, Result<Long>> r =
            fleet.awaitAll(remote -> remote.callAsync(INFO, "work", Long.class, 7L, 0.0));
        assertInOrder(rounds, 0, local.size());
        for (String h : local) assertEquals(7L, r.get(h).get());
      }
    }
    for (Thread t : threads) assertEquals(caller, t);
  }

  /** An Error from the progress callback ends the connect, which closes what it connected. */
  @Test
  void anErrorInTheProgressCallbackClosesWhatTheConnectOpened() throws InterruptedException {
    List<Remote> opened = new CopyOnWriteArrayList<>();
    AssertionError thrown =
        assertThrows(
            AssertionError.class,
            () ->
                Fleet.builder()
                    .progress(
                        p -> {
                          if (p.done() == 2) throw new AssertionError("a test's failed check");
                        })
                    .connect(
                        List.of("a", "b", "c"),
                        h -> {
                          Remote r = Remote.builder().name(h).connect();
                          opened.add(r);
                          return r;
                        }));
    assertEquals("a test's failed check", thrown.getMessage());
    // A hang guard: the connections close as the connect function hands them over.
    for (int i = 0; i < 3000 && opened.stream().anyMatch(Remote::isOpen); i++) Thread.sleep(10);
    for (Remote r : opened) assertFalse(r.isOpen(), r.name() + " left open");
  }

  /**
   * A connect that goes on past the caller's interrupt (a new user's report: its connection was
   * left open, with no one holding it): the host fails as interrupted, and the connection its
   * connect function hands over later is closed, as {@link Fleet#close} closes: asked to quit, not
   * killed on the connect pool's interrupted thread.
   */
  @Test
  void aConnectThatFinishesAfterAnInterruptIsClosed(@TempDir Path dir) throws Exception {
    // The wrapper records the interpreter's exit status once it quits; killed, it records nothing.
    Path status = dir.resolve("status");
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    List<Remote> opened = new CopyOnWriteArrayList<>();
    Thread caller = Thread.currentThread();
    Thread interrupter =
        new Thread(
            () -> {
              try {
                started.await();
                caller.interrupt();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    interrupter.start();
    Fleet fleet;
    try {
      fleet =
          Fleet.builder()
              .connect(
                  List.of("slow"),
                  h -> {
                    started.countDown();
                    // deaf to the interrupt, as a connect inside a library can be, though it
                    // keeps the flag set for its caller
                    boolean interrupted = false;
                    while (true) {
                      try {
                        release.await();
                        break;
                      } catch (InterruptedException e) {
                        interrupted = true;
                      }
                    }
                    Remote r =
                        Remote.builder()
                            .name(h)
                            .closeTimeout(Duration.ofSeconds(30)) // quit, however loaded the host
                            .command(
                                "sh",
                                "-c",
                                "\"$@\"; echo $? > \"$0\"",
                                status.toString(),
                                "python3")
                            .connect();
                    opened.add(r);
                    if (interrupted) Thread.currentThread().interrupt();
                    return r;
                  });
    } finally {
      boolean kept = Thread.interrupted();
      interrupter.join();
      assertTrue(kept, "the interrupt is kept for the caller");
    }
    try (fleet) {
      RuntimeException e = fleet.failures().get("slow");
      assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
    }
    release.countDown();
    for (int i = 0; i < 3000 && (opened.isEmpty() || opened.get(0).isOpen()); i++) Thread.sleep(10);
    assertEquals(1, opened.size());
    assertFalse(opened.get(0).isOpen(), "the late connection was left open");
    for (int i = 0; i < 3000 && !(Files.exists(status) && Files.size(status) > 0); i++) {
      Thread.sleep(10);
    }
    assertTrue(Files.exists(status), "the interpreter was killed, not asked to quit");
    assertEquals("0", Files.readString(status).strip(), "the interpreter quit as asked");
  }

  /** One report at the start, then one per host, each counting one more host than the last. */
  private static void assertInOrder(List<Fleet.Progress> reports, int failed, int done) {
    int total = failed + done;
    assertEquals(total + 1, reports.size(), reports.toString());
    for (int i = 0; i <= total; i++) {
      Fleet.Progress p = reports.get(i);
      assertEquals(i, p.done() + p.failed(), reports.toString());
      assertEquals(total - i, p.pending(), reports.toString());
      assertEquals(i == 0, p.host() == null, reports.toString());
    }
    assertEquals(failed, reports.get(total).failed());
    assertEquals(done, reports.get(total).done());
  }

  @Test
  void fiftySshHostsTimesTwentyCallsEach() {
    try (SshServer server = SshServer.start()) {
      List<String> hosts = new ArrayList<>();
      for (int i = 0; i < 50; i++) hosts.add(String.format("host%02d", i));
      hosts.add("refused");
      hosts.add("no-python");
      List<Fleet.Progress> progress = new CopyOnWriteArrayList<>();
      // A hang guard, not a measure: the whole test takes about 12 s here on a quiet machine.
      assertTimeoutPreemptively(
          Duration.ofMinutes(5),
          () -> {
            Fleet fleet =
                Fleet.builder()
                    .maxConcurrentConnects(25)
                    .progress(progress::add)
                    .connect(
                        hosts,
                        h -> {
                          Ssh.Builder b = server.client();
                          if (h.equals("refused"))
                            b = Ssh.to("root@127.0.0.1:1").noConfig().agent(false);
                          String python =
                              h.equals("no-python") ? "/nonexistent/python3" : "/usr/bin/python3";
                          return Remote.builder()
                              .ssh(b.build())
                              .python(python)
                              .name(h)
                              .startTimeout(Duration.ofMinutes(2))
                              .connect();
                        });
            try {
              assertEquals(50, fleet.connected().size(), fleet.failures().toString());
              Map<String, Result<Long>> pids = null;
              for (int round = 0; round < 2; round++) {
                Map<String, Result<List<Long>>> r =
                    fleet.awaitAll(
                        remote -> {
                          List<CompletableFuture<Long>> calls = new ArrayList<>();
                          for (long i = 0; i < 20; i++)
                            calls.add(remote.callAsync(INFO, "work", Long.class, i, 0.02));
                          return CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0]))
                              .thenApply(
                                  v ->
                                      calls.stream()
                                          .map(CompletableFuture::join)
                                          .collect(java.util.stream.Collectors.toList()));
                        });
                List<Long> expected = new ArrayList<>();
                for (long i = 0; i < 20; i++) expected.add(i);
                for (int i = 0; i < 50; i++) assertEquals(expected, r.get(hosts.get(i)).get());
                assertInstanceOf(SshException.class, r.get("refused").error());
                assertInstanceOf(BootstrapException.class, r.get("no-python").error());
                Map<String, Result<Long>> now = fleet.call(PROBE, "pid", Long.class);
                if (pids != null) {
                  for (int i = 0; i < 50; i++)
                    assertEquals(pids.get(hosts.get(i)).get(), now.get(hosts.get(i)).get());
                }
                pids = now;
              }
              Fleet.Progress last = progress.get(progress.size() - 1);
              assertEquals(50, last.done());
              assertEquals(2, last.failed());
              assertEquals(0, last.pending());
            } finally {
              fleet.close();
            }
            for (Result<Remote> c : fleet.connections().values()) {
              if (c.isOk()) assertFalse(c.get().isOpen());
            }
          });
    }
  }
}
