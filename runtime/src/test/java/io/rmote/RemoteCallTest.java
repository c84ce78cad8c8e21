package io.rmote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import io.rmote.wire.Codecs;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Calls through the dynamic API against live interpreters, every Python the machine has. */
class RemoteCallTest {
  static final ToolDescriptor PROBE =
      ToolDescriptor.fromResource(RemoteCallTest.class, "tools/probe.py", "Probe");
  static final ToolDescriptor CHILD =
      ToolDescriptor.fromResource(RemoteCallTest.class, "tools/probe.py", "Child");

  static List<Python> pythons() {
    return Pythons.all();
  }

  /**
   * A new user's report: a null method name failed as "cannot encode the arguments", and a null
   * result class as a bare NullPointerException saying "null". Each now names what is null, and the
   * connection goes on.
   */
  @Test
  void aNullMethodOrResultTypeIsNamed() {
    try (Remote remote = Remote.local()) {
      NullPointerException method =
          assertThrows(NullPointerException.class, () -> remote.call(PROBE, null, Object.class, 1));
      assertEquals("method", method.getMessage());
      NullPointerException returns =
          assertThrows(
              NullPointerException.class,
              () -> remote.call(PROBE, "echo", (Class<Object>) null, 1));
      assertEquals("type", returns.getMessage());
      assertEquals(2L, remote.call(PROBE, "echo", Object.class, 2L));
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void reportsTheRemotePythonVersion(Python python) {
    try (Remote remote = python.connect()) {
      assertTrue(remote.pythonVersion().matches("3\\.\\d+\\.\\d+.*"), remote.pythonVersion());
      assertTrue(remote.isOpen());
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void valuesRoundTrip(Python python) {
    try (Remote remote = python.connect()) {
      Map<String, Object> dict = new LinkedHashMap<>();
      dict.put("a", 1L);
      dict.put("b", List.of(true, false));
      List<Object> values =
          Arrays.asList(
              null,
              true,
              42L,
              -7L,
              1L << 40,
              new BigInteger("1267650600228229401496703205376"),
              1.5,
              "héllo ✓ 😀",
              "",
              List.of(1L, "a"),
              dict,
              Set.of(3L),
              LocalDate.of(2024, 2, 29),
              LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123456000),
              OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 6000, ZoneOffset.ofHours(2)),
              Duration.ofDays(-1).plusSeconds(5).plusNanos(6000),
              Path.of("/etc/hostname"),
              Template.of("Hello ${name}"));
      for (Object v : values) {
        Object back = remote.call(PROBE, "echo", Object.class, v);
        assertEquals(v, back, "round trip of " + v);
      }
      assertArrayEquals(
          new byte[] {0, 1, (byte) 0xff},
          remote.call(PROBE, "echo", byte[].class, new byte[] {0, 1, (byte) 0xff}));
      assertEquals(
          "red",
          remote.call(PROBE, "echo", Object.class, new PyEnum("Color", "RED", "red")),
          "an enum the tool's module does not define arrives as its value");
      PyRecord obj =
          remote.call(
              PROBE, "echo", PyRecord.class, PyRecord.dataclass("Nowhere", Map.of("x", 1L)));
      assertEquals(
          1L,
          obj.get("x"),
          "an unknown dataclass arrives as a namespace and comes back with its fields");
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void keywordArgumentsDefaultsClassMethodsAndInheritance(Python python) {
    try (Remote remote = python.connect()) {
      assertEquals(11L, remote.call(PROBE, "add", Long.class, 1L));
      assertEquals(3L, remote.call(PROBE, "add", Long.class, 1L, 2L));
      assertEquals(
          9L, remote.call(Call.of(PROBE, "add", Codecs.LONG).args(1L, 2L).kwarg("scale", 3L)));
      assertEquals("Probe", remote.call(PROBE, "name", String.class));
      assertEquals("Child", remote.call(CHILD, "name", String.class));
      assertEquals("child", remote.call(CHILD, "own", String.class));
      assertEquals(
          5L, remote.call(CHILD, "echo", Long.class, 5L), "a method inherited from the base tool");
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void sameNamedToolsFromDifferentFilesDoNotCollide(Python python) {
    ToolDescriptor a = ToolDescriptor.fromResource(RemoteCallTest.class, "tools/a/same.py", "Same");
    ToolDescriptor b = ToolDescriptor.fromResource(RemoteCallTest.class, "tools/b/same.py", "Same");
    try (Remote remote = python.connect()) {
      assertEquals("a", remote.call(a, "where", String.class));
      assertEquals("b", remote.call(b, "where", String.class));
      assertEquals("a", remote.call(a, "where", String.class));
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void hundredCallsInFlightAreMatchedById(Python python) {
    try (Remote remote = python.connect()) {
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      for (long i = 0; i < 100; i++) {
        futures.add(remote.callAsync(PROBE, "echo", Long.class, i));
      }
      for (int i = 0; i < 100; i++) {
        assertEquals((long) i, futures.get(i).join());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void manySlowCallsAtOnceNeverLoseTheReader(Python python) throws Exception {
    // Regression: a call whose reading role had been handed over used to clear the new reader's
    // record of its own call when it finished; the new reader then believed itself handed over
    // too, stopped reading without passing the role on, and the connection hung. Twenty 20 ms
    // calls at once make calls end while others run, round after round.
    try (Remote remote = python.connect()) {
      for (int round = 0; round < 10; round++) {
        List<CompletableFuture<Double>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++)
          calls.add(remote.callAsync(PROBE, "sleep", Double.class, 0.02));
        for (CompletableFuture<Double> c : calls)
          assertEquals(0.02, c.get(60, TimeUnit.SECONDS), "round " + round);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aSlowCallDoesNotBlockFastOnes(Python python) throws Exception {
    try (Remote remote = python.connect()) {
      // The slow calls outlast the test, so that no stall of a loaded machine can make the fast
      // ones look blocked or the slow ones done; close ends them.
      CompletableFuture<Double> slowSync = remote.callAsync(PROBE, "sleep", Double.class, 300.0);
      CompletableFuture<Double> slowAsync =
          remote.callAsync(PROBE, "async_sleep", Double.class, 300.0);
      long t0 = System.nanoTime();
      for (long i = 0; i < 20; i++) {
        assertEquals(i, remote.call(PROBE, "echo", Long.class, i));
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(ms < 60_000, "fast calls took " + ms + " ms beside slow ones");
      assertFalse(slowSync.isDone());
      assertFalse(slowAsync.isDone());
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void timeoutFailsTheCallAndLeavesTheConnectionWorking(Python python) {
    try (Remote remote = python.connect()) {
      CallTimeoutException e =
          assertThrows(
              CallTimeoutException.class,
              () ->
                  remote.call(
                      Call.of(PROBE, "sleep", Codecs.DOUBLE)
                          .args(5.0)
                          .timeout(Duration.ofMillis(200))));
      assertEquals("Probe", e.tool());
      assertEquals("sleep", e.method());
      assertEquals(python.label(), e.host());
      assertTrue(e.getMessage().contains("200 ms"), e.getMessage());
      assertEquals("ok", remote.call(PROBE, "echo", String.class, "ok"));
    }
    try (Remote remote = python.builder().callTimeout(Duration.ofMillis(200)).connect()) {
      assertThrows(
          CallTimeoutException.class,
          () -> remote.call(PROBE, "sleep", Double.class, 5.0),
          "the connection's default timeout applies to calls without their own");
      assertEquals(
          0.3,
          remote.call(
              Call.of(PROBE, "sleep", Codecs.DOUBLE).args(0.3).timeout(Duration.ofSeconds(5))),
          "a call's own timeout wins over the default");
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void cancellingAnAsyncCallCancelsItOnTheRemote(Python python) throws Exception {
    try (Remote remote = python.connect()) {
      CompletableFuture<Double> f = remote.callAsync(PROBE, "async_sleep", Double.class, 30.0);
      // cancelled once the coroutine runs, so that it can see its cancellation
      long started = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (remote.call(PROBE, "were_started", List.class).isEmpty()
          && System.nanoTime() < started) Thread.sleep(5);
      assertTrue(f.cancel(true));
      assertThrows(CancellationException.class, f::join);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      List<?> cancelled;
      do {
        cancelled = remote.call(PROBE, "was_cancelled", List.class);
      } while (cancelled.isEmpty() && System.nanoTime() < until);
      assertEquals(List.of(30.0), cancelled);
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void typedMappingFailuresNameThePlaceAndKeepTheConnection(Python python) {
    try (Remote remote = python.connect()) {
      MappingException e =
          assertThrows(
              MappingException.class,
              () -> remote.call(PROBE, "echo", Codecs.list(Codecs.LONG), List.of(1L, "two")));
      assertTrue(e.getMessage().contains("result[1]"), e.getMessage());
      assertTrue(e.getMessage().contains("str"), e.getMessage());
      assertEquals("echo", e.method());

      PyOpaque opaque = remote.call(PROBE, "opaque", PyOpaque.class);
      assertEquals("builtins.object", opaque.type());
      MappingException m =
          assertThrows(MappingException.class, () -> remote.call(PROBE, "opaque", String.class));
      assertTrue(m.getMessage().contains("opaque"), m.getMessage());

      assertEquals(
          Optional.empty(),
          remote.call(PROBE, "echo", Codecs.optional(Codecs.STRING), (Object) null));
      assertEquals(
          Optional.of("x"), remote.call(PROBE, "echo", Codecs.optional(Codecs.STRING), "x"));
      assertThrows(
          MappingException.class, () -> remote.call(PROBE, "echo", Object.class, new Object()));
      assertEquals("still here", remote.call(PROBE, "echo", String.class, "still here"));
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void processReturnsACompletedProcess(Python python) {
    try (Remote remote = python.connect()) {
      CompletedProcess p =
          remote.call(
              PROBE, "run", CompletedProcess.class, "sh", "-c", "echo hi; echo err >&2; exit 2");
      assertEquals(2, p.returnCode());
      assertEquals("hi\n", p.stdout());
      assertEquals("err\n", p.stderr());
      assertEquals(List.of("sh", "-c", "echo hi; echo err >&2; exit 2"), p.args());
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void manyThreadsShareOneConnection(Python python) throws Exception {
    try (Remote remote = python.connect()) {
      List<Thread> threads = new ArrayList<>();
      List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
      for (int t = 0; t < 8; t++) {
        final long base = t * 1000L;
        Thread th =
            new Thread(
                () -> {
                  try {
                    for (long i = 0; i < 50; i++)
                      assertEquals(base + i, remote.call(PROBE, "echo", Long.class, base + i));
                  } catch (Throwable e) {
                    errors.add(e);
                  }
                });
        threads.add(th);
        th.start();
      }
      for (Thread th : threads) th.join();
      assertTrue(errors.isEmpty(), errors.toString());
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void blockingInACallbackNeitherDeadlocksNorFails(Python python) {
    // Callbacks never run on the connection's reader (docs/runtime.md), so a blocking call made
    // in one is answered like any other.
    try (Remote remote = python.connect()) {
      CompletableFuture<Object> nested =
          remote
              .callAsync(PROBE, "sleep", Double.class, 0.2)
              .thenApply(x -> remote.call(PROBE, "echo", String.class, "inner"));
      assertEquals("inner", nested.join());
      assertEquals("fine", remote.call(PROBE, "echo", String.class, "fine"));
    }
  }
}
