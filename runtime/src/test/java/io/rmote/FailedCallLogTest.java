package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.testing.LogCapture;
import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The log records a call emitted on the remote are attached to the exception it fails with, and
 * only that call's: each LOG frame carries the id of the call its thread or task serves.
 */
class FailedCallLogTest {
  static final ToolDescriptor DIARY =
      ToolDescriptor.fromResource(FailedCallLogTest.class, "tools/diary.py", "Diary");

  static List<Python> pythons() {
    return Pythons.all();
  }

  private static List<String> messages(RmoteException e) {
    return e.remoteLog().stream().map(RemoteLogRecord::message).collect(Collectors.toList());
  }

  private static RmoteException failure(CompletableFuture<?> f) {
    CompletionException e = assertThrows(CompletionException.class, f::join);
    return (RmoteException) e.getCause();
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aFailedCallCarriesItsRecordsInOrder(Python python) {
    try (LogCapture logs = new LogCapture();
        Remote remote = python.connect()) {
      RmoteException e =
          assertThrows(
              RmoteException.class,
              () -> remote.call(DIARY, "fail_after", Void.class, List.of("one", "two", "three")));
      assertEquals(List.of("one", "two", "three"), messages(e));
      RemoteLogRecord first = e.remoteLog().get(0);
      assertEquals(30, first.level());
      assertEquals("WARNING", first.levelName());
      assertEquals("diary", first.logger());
      assertTrue(!first.thread().isEmpty() && first.getStackTrace().length == 0, first.thread());
      assertTrue(
          Math.abs(first.time().toEpochMilli() - System.currentTimeMillis()) < 3_600_000,
          first.time().toString());
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      assertTrue(
          trace.toString().contains("Suppressed: io.rmote.RemoteLogRecord: WARNING diary ["),
          trace.toString());
      // The records still reached SLF4J, and so did the one the tool logged as it loaded.
      assertTrue(logs.lines().contains("rmote.remote.diary two"), logs.lines().toString());
      assertTrue(logs.lines().contains("rmote.remote.diary loaded"), logs.lines().toString());
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aSuccessfulCallCarriesNothingAndTheNextFailureOnlyItsOwn(Python python) {
    try (Remote remote = python.connect()) {
      assertEquals(2L, remote.call(DIARY, "succeed_after", Long.class, List.of("a", "b")));
      RmoteException e =
          assertThrows(
              RmoteException.class, () -> remote.call(DIARY, "fail_after", Void.class, List.of()));
      assertEquals(List.of(), e.remoteLog()); // not "loaded", not "a" or "b"
    }
  }

  /** Two calls run at once, their records interleaved; the failing one gets only its own. */
  @ParameterizedTest
  @MethodSource("pythons")
  void aConcurrentCallsRecordsAreNeverAttached(Python python) {
    String[][] pairs = {
      {"interleave", "interleave"}, // two threads
      {"interleave_async", "interleave_async"}, // two tasks on the event loop
      {"interleave", "interleave_async"} // a thread and a task
    };
    try (Remote remote = python.connect()) {
      int round = 0;
      for (String[] pair : pairs) {
        round++;
        String ok = "ok" + round;
        String bad = "bad" + round;
        CompletableFuture<String> good =
            remote.callAsync(DIARY, pair[0], String.class, ok, bad, ok, false);
        CompletableFuture<String> failing =
            remote.callAsync(DIARY, pair[1], String.class, bad, ok, bad, true);
        assertEquals(ok, good.join());
        assertEquals(List.of(bad + " 1", bad + " 2"), messages(failure(failing)), pair[1]);
      }
    }
  }

  /**
   * A call that logs 10,000 records keeps the last 50 and says how many it let go; one that logs
   * long records keeps at most 64 KiB of text.
   */
  @ParameterizedTest
  @MethodSource("pythons")
  void aFailedCallThatLogsWithoutEndKeepsTheBound(Python python) {
    try (Remote remote = python.connect()) {
      // 200 records of 4000 characters: within the remote's burst, so all of them cross.
      RmoteException longOnes =
          assertThrows(
              RmoteException.class,
              () -> remote.call(DIARY, "fail_after_many", Void.class, 200, 4000));
      List<RemoteLogRecord> kept = longOnes.remoteLog();
      assertEquals(1 + 16, kept.size(), "16 of 4000 characters fit in 64 KiB");
      assertTrue(
          kept.get(0).message().startsWith("184 earlier log records of this call not kept"),
          kept.get(0).message());
      assertEquals("rmote", kept.get(0).logger());
      assertTrue(kept.get(1).message().startsWith("00184 "), kept.get(1).message());
      assertTrue(kept.get(16).message().startsWith("00199 "), kept.get(16).message());

      RmoteException many =
          assertThrows(
              RmoteException.class,
              () -> remote.call(DIARY, "fail_after_many", Void.class, 10_000, 10));
      kept = many.remoteLog();
      assertEquals(1 + CallLog.MAX_RECORDS, kept.size());
      String notKept = kept.get(0).message();
      assertTrue(notKept.matches("\\d+ earlier log records of this call not kept.*"), notKept);
      // The remote's rate limit dropped most of them; its counts are records of this call too.
      int last = -1;
      long droppedAtTheSource = 0;
      for (RemoteLogRecord r : kept.subList(1, kept.size())) {
        if (r.logger().equals("rmote")) {
          assertTrue(r.message().contains("log records dropped"), r.message());
          droppedAtTheSource += Long.parseLong(r.message().split(" ")[0]);
        } else {
          int n = Integer.parseInt(r.message().substring(0, 5));
          assertTrue(n > last, "in order: " + n + " after " + last);
          last = n;
        }
      }
      assertTrue(droppedAtTheSource > 0, "the remote's count of dropped records is attached");
    }
  }

  /** Records from a thread the call started, or from loading the tool, are outside any call. */
  @ParameterizedTest
  @MethodSource("pythons")
  void aRecordOutsideAnyCallIsNeverAttached(Python python) {
    try (LogCapture logs = new LogCapture();
        Remote remote = python.connect()) {
      RmoteException e =
          assertThrows(
              RmoteException.class,
              () -> remote.call(DIARY, "fail_after_a_thread_logs", Void.class));
      assertEquals(List.of("from the call"), messages(e));
      assertTrue(
          logs.lines().contains("rmote.remote.diary from a thread of the call"),
          logs.lines().toString());
    }
  }
}
