package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.internal.scheduling.Scheduler;
import io.rmote.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Local connections made with a virtual-thread factory: a pipe read keeps a virtual thread's
 * carrier, and the JDK lends carriers only up to {@code jdk.virtualThreadScheduler.maxPoolSize}, so
 * the connections' pipe readers run on platform threads (Transport.readsBlockCarrier).
 */
class LocalConnectionsOnVirtualThreadsTest {
  /** Connections opened in the child: more than its carriers could hold two readers each for. */
  static final int CONNECTIONS = 6;

  /**
   * Opens {@link #CONNECTIONS} local connections whose thread factory makes virtual threads, makes
   * a call on each while all are open, checks that their readers are platform threads, then runs a
   * virtual thread of its own; prints "ok".
   */
  public static final class Open {
    public static void main(String[] args) throws Throwable {
      // Built through reflection: the tests are compiled for release 17.
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      ThreadFactory virtual =
          (ThreadFactory)
              Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
      ToolDescriptor probe =
          ToolDescriptor.fromResource(
              LocalConnectionsOnVirtualThreadsTest.class, "tools/probe.py", "Probe");
      List<Remote> open = new ArrayList<>();
      try {
        for (int i = 0; i < CONNECTIONS; i++) {
          open.add(
              Remote.builder()
                  .python("python3")
                  .threadFactory(virtual)
                  .startTimeout(Duration.ofSeconds(60))
                  .connect());
        }
        for (Remote r : open) assertEquals("x", r.call(probe, "echo", String.class, "x"));
        // getAllStackTraces lists platform threads only: every reader must be among them.
        long readers =
            Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("rmote-reader-"))
                .count();
        if (readers != CONNECTIONS) throw new AssertionError(readers + " platform readers");
        CountDownLatch ran = new CountDownLatch(1);
        virtual.newThread(ran::countDown).start();
        if (!ran.await(60, TimeUnit.SECONDS)) throw new AssertionError("no carrier was left");
      } finally {
        for (Remote r : open) r.close();
      }
      System.out.println("ok");
    }
  }

  /**
   * Two carriers at most, one when nothing blocks: while the readers were virtual threads, the
   * first connection's reader and stderr drain held both carriers and the second connection never
   * read its ready line. A regression starves for good, so the generous timeouts only slow a
   * failure.
   */
  @Test
  void localConnectionsOnVirtualThreadsLeaveCarriersFree() throws Exception {
    Optional<Path> jdk = ChildJvm.javaHomeOfAtLeast(21);
    Assumptions.assumeTrue(
        jdk.isPresent(), "needs a JDK 21 or later, here or under /usr/lib/jvm: none found");
    String out =
        ChildJvm.runOn(
            jdk.get(),
            Open.class,
            "-Djdk.virtualThreadScheduler.parallelism=1",
            "-Djdk.virtualThreadScheduler.maxPoolSize=2");
    String[] lines = out.strip().split("\n");
    assertEquals("ok", lines[lines.length - 1].strip(), out);
  }

  /**
   * A platform factory of the user's still makes the blocking readers: only virtual is replaced.
   */
  @Test
  void aPlatformFactoryMakesTheBlockingThreads() throws Exception {
    AtomicReference<Thread> made = new AtomicReference<>();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r);
          t.setDaemon(true);
          made.set(t);
          return t;
        };
    Scheduler scheduler = Scheduler.create(factory);
    CountDownLatch ran = new CountDownLatch(1);
    try {
      Thread t = scheduler.startReader("rmote-reader-test", ran::countDown, true);
      assertSame(made.get(), t);
      assertEquals("rmote-reader-test", t.getName());
      assertTrue(ran.await(10, TimeUnit.SECONDS));
    } finally {
      scheduler.shutdown();
    }
  }
}
