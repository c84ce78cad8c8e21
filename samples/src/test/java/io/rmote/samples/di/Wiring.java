package io.rmote.samples.di;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What each container's test checks: the report came from a real python3 through the generated
 * proxy, and once the container (or the application, where the container has no shutdown) has
 * closed, that python3 is gone and no child process of this JVM is left.
 */
final class Wiring {
  private static final Pattern REPORT =
      Pattern.compile("(\\S+) runs Python (3\\.\\d+\\.\\d+\\S*) as process (\\d+)");

  private Wiring() {}

  /** The python3 this JVM has as children now. */
  static Set<Long> children() {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }

  /**
   * Checks {@code report} names a live interpreter, child of this JVM, on the host {@code facts}
   * (the injected proxy) describes; returns that interpreter's process id.
   */
  static long checkReport(String report, HostFacts facts) {
    Matcher m = REPORT.matcher(report);
    assertTrue(m.matches(), report);
    assertEquals(
        "HostFactsProxy", facts.getClass().getSimpleName(), "the injected tool is the proxy");
    assertEquals(facts.hostname(), m.group(1));
    long pid = Long.parseLong(m.group(3));
    assertEquals(facts.pid(), pid, "the report and the injected proxy share one connection");
    Optional<ProcessHandle> python = ProcessHandle.of(pid);
    assertTrue(python.map(ProcessHandle::isAlive).orElse(false), "python3 " + pid + " not alive");
    assertTrue(
        ProcessHandle.current().descendants().anyMatch(p -> p.pid() == pid),
        "python3 " + pid + " is not a child of this JVM");
    return pid;
  }

  /** After shutdown: the interpreter has ended and no child started since {@code before} lives. */
  static void checkClosed(long pid, Set<Long> before) throws Exception {
    Optional<ProcessHandle> python = ProcessHandle.of(pid);
    if (python.isPresent()) {
      // Remote.close() waits for the interpreter; the bound only keeps a bug from hanging the test.
      python.get().onExit().get(60, TimeUnit.SECONDS);
      assertFalse(python.get().isAlive(), "python3 " + pid + " outlived the container");
    }
    noChildLeft(before);
  }

  /** No child process started since {@code before} is alive. */
  static void noChildLeft(Set<Long> before) {
    Set<Long> left = children();
    left.removeAll(before);
    assertEquals(Set.of(), left, "child processes left after shutdown");
  }
}
