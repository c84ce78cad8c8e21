package io.rmote;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counts of one fleet phase (a connect or a round), and its progress reports on their way to
 * the thread that waits for the phase.
 *
 * <p>Hosts finish on many threads (the connect pool, the channels' readers, the call workers). A
 * report made and delivered on each of them could reach the callback out of order, so a "49 done"
 * could come last after "50 done". Counting and queueing happen under one lock, and only the
 * waiting thread delivers, so the callback sees the counts grow one host at a time, is never run
 * twice at once, and has had the last report when the phase returns.
 */
final class FleetTally {
  private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

  private final int total;
  private final Consumer<Fleet.Progress> progress;
  private final ArrayDeque<Fleet.Progress> queue = new ArrayDeque<>();
  private int ok;
  private int failed;
  private int taken;

  /** {@code progress} may be null: then the counts are kept and nothing is delivered. */
  FleetTally(int total, Consumer<Fleet.Progress> progress) {
    this.total = total;
    this.progress = progress;
    queue.add(new Fleet.Progress(0, 0, total, null));
  }

  synchronized void ok(String host) {
    ok++;
    finished(host);
  }

  synchronized void failed(String host) {
    failed++;
    finished(host);
  }

  private void finished(String host) {
    if (progress == null) return;
    queue.add(new Fleet.Progress(ok, failed, total - ok - failed, host));
    notifyAll();
  }

  /**
   * Delivers the reports on the calling thread, in the order they were counted, until the report of
   * the last host is delivered. A callback that throws an exception is logged and the delivery goes
   * on; an {@link Error} ends it.
   *
   * @throws InterruptedException if the thread is interrupted while hosts are still running
   */
  void deliverAll() throws InterruptedException {
    if (progress == null) return;
    while (true) {
      Fleet.Progress p;
      synchronized (this) {
        if (taken == total + 1) return;
        while (queue.isEmpty()) wait();
        p = queue.poll();
        taken++;
      }
      try {
        progress.accept(p);
      } catch (RuntimeException e) {
        LOG.warn("the fleet's progress callback failed: {}", e.toString());
      }
    }
  }
}
