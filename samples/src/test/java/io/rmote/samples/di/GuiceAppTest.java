package io.rmote.samples.di;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.rmote.Remote;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Guice injects the generated proxy; the connection is one per injector, and closing it at shutdown
 * ends the interpreter.
 */
class GuiceAppTest {

  @Test
  void theInjectorInjectsTheProxyAndTheApplicationClosesTheConnection() throws Exception {
    Set<Long> before = Wiring.children();
    Injector injector = Guice.createInjector(new GuiceApp.Wiring());
    long pid;
    Remote remote;
    try (Remote r = injector.getInstance(Remote.class)) {
      remote = r;
      assertSame(r, injector.getInstance(Remote.class), "one connection per injector");
      pid =
          Wiring.checkReport(
              injector.getInstance(HostReport.class).describe(),
              injector.getInstance(HostFacts.class));
    }
    assertFalse(remote.isOpen());
    Wiring.checkClosed(pid, before);
  }

  @Test
  void theMainRuns() {
    Set<Long> before = Wiring.children();
    GuiceApp.main(new String[0]);
    Wiring.noChildLeft(before);
  }
}
