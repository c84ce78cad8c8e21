package io.rmote.samples.di;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.rmote.Remote;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Dagger's generated graph injects the generated proxy; the connection is one per graph, and
 * closing it at shutdown ends the interpreter.
 */
class DaggerAppTest {

  @Test
  void theGraphInjectsTheProxyAndTheApplicationClosesTheConnection() throws Exception {
    Set<Long> before = Wiring.children();
    DaggerApp.Graph graph = DaggerDaggerApp_Graph.create();
    long pid;
    Remote remote;
    try (Remote r = graph.remote()) {
      remote = r;
      assertSame(r, graph.remote(), "one connection per graph");
      HostReport report = graph.report();
      pid = Wiring.checkReport(report.describe(), DaggerApp.Wiring.hostFacts(r));
    }
    assertFalse(remote.isOpen());
    Wiring.checkClosed(pid, before);
  }

  @Test
  void theMainRuns() {
    Set<Long> before = Wiring.children();
    DaggerApp.main(new String[0]);
    Wiring.noChildLeft(before);
  }
}
