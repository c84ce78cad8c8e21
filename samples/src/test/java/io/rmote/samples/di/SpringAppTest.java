package io.rmote.samples.di;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.rmote.Remote;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** Spring injects the generated proxy, and closing the context closes the connection. */
class SpringAppTest {

  @Test
  void theContextInjectsTheProxyAndClosesTheConnection() throws Exception {
    Set<Long> before = Wiring.children();
    long pid;
    Remote remote;
    try (AnnotationConfigApplicationContext context =
        new AnnotationConfigApplicationContext(SpringApp.Wiring.class)) {
      pid =
          Wiring.checkReport(
              context.getBean(HostReport.class).describe(), context.getBean(HostFacts.class));
      remote = context.getBean(Remote.class);
    }
    assertFalse(remote.isOpen(), "the context closed, the connection did not");
    Wiring.checkClosed(pid, before);
  }

  @Test
  void theMainRuns() throws Exception {
    Set<Long> before = Wiring.children();
    SpringApp.main(new String[0]);
    Wiring.noChildLeft(before);
  }
}
