package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The spin a blocking caller gets from the connection's recent answers, and the reader thread's
 * naps while callers spin.
 */
class LeadTest {
  private static final long SPIN = 50_000;

  private static Lead answeredIn(long nanos) {
    Lead lead = new Lead(new ConcurrentHashMap<>());
    for (int i = 0; i < 200; i++) lead.answered(nanos);
    return lead;
  }

  @Test
  void theConfiguredSpinWhileAnswersComeWithinIt() {
    assertEquals(SPIN, new Lead(new ConcurrentHashMap<>()).spinFor(SPIN));
    assertEquals(SPIN, answeredIn(20_000).spinFor(SPIN));
    assertEquals(SPIN, answeredIn(SPIN).spinFor(SPIN));
  }

  @Test
  void answersALittleAfterTheSpinStretchItToHalfAgainTheirTime() {
    assertEquals(90_000, (double) answeredIn(60_000).spinFor(SPIN), 1_000);
    assertEquals(Lead.SPIN_STRETCH * SPIN, answeredIn(180_000).spinFor(SPIN));
  }

  @Test
  void slowAnswersAndNoSpinAreParkedForAsConfigured() {
    assertEquals(SPIN, answeredIn(Lead.SPIN_STRETCH * SPIN + 1_000).spinFor(SPIN));
    assertEquals(SPIN, answeredIn(5_000_000).spinFor(SPIN));
    assertEquals(0, answeredIn(60_000).spinFor(0));
  }

  @Test
  void theAverageFollowsRecentAnswers() {
    Lead lead = answeredIn(5_000_000);
    for (int i = 0; i < 100; i++) lead.answered(60_000);
    assertEquals(90_000, (double) lead.spinFor(SPIN), 1_000);
  }

  @Test
  void oneLongAnswerCountsAsAMillisecondAndLeavesTheStretchOn() {
    Lead lead = answeredIn(60_000);
    lead.answered(30_000_000_000L); // a 30 s call
    long spin = lead.spinFor(SPIN);
    assertEquals(Lead.SPIN_STRETCH * SPIN, spin);
  }

  @Test
  void onlyALoneSpinnerStretches() {
    Lead lead = answeredIn(60_000);
    lead.spinStarts();
    assertEquals(SPIN, lead.spinFor(SPIN));
    lead.spinEnds();
    assertEquals(90_000, (double) lead.spinFor(SPIN), 1_000);
  }

  /** A reader thread waiting for its turn, as the connection's reader loop does. */
  private static Thread reader(Lead lead) {
    Thread t = new Thread(lead::awaitReaderTurn, "test-reader");
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void theReaderNapsLongerWhileACallerKeepsSpinningAndTakesOverWhenItStops()
      throws InterruptedException {
    Lead lead = new Lead(new ConcurrentHashMap<>());
    lead.spinStarts();
    Thread t = reader(lead);
    // 0.2 + 0.4 + 0.8 + 1.6 ms of naps reach the longest; a loaded machine takes longer.
    for (int i = 0; i < 500 && lead.nextNap() < Lead.NAP_MAX_NANOS; i++) Thread.sleep(10);
    assertEquals(Lead.NAP_MAX_NANOS, lead.nextNap());
    assertTrue(t.isAlive(), "the reader must not read while a caller spins");
    lead.spinEnds();
    t.join(10_000); // a hang guard: the reader's turn comes within a nap and the grace
    assertFalse(t.isAlive());
    // A read does not shorten the naps: the next blocking call's spin would only wake the reader
    // more often. A call that no one waits for does (below).
    assertEquals(Lead.NAP_MAX_NANOS, lead.nextNap());
  }

  @Test
  void aCallerThatParksEndsTheReadersNap() throws InterruptedException {
    Lead lead = new Lead(new ConcurrentHashMap<>());
    lead.spinStarts();
    Thread t = reader(lead);
    for (int i = 0; i < 500 && lead.nextNap() < Lead.NAP_MAX_NANOS; i++) Thread.sleep(10);
    lead.parks(); // while another caller still spins
    t.join(10_000);
    assertFalse(t.isAlive());
    lead.unparks();
    lead.spinEnds();
  }

  @Test
  void betweenBlockingCallsTheStreamStaysWithTheCallersForTheGrace() {
    Lead lead = new Lead(new ConcurrentHashMap<>());
    lead.spinStarts();
    assertFalse(lead.readerShouldRead());
    long start = System.nanoTime();
    lead.spinEnds(); // the answer came; the caller's next call is on its way
    boolean readsAtOnce = lead.readerShouldRead();
    // (unless this thread was paused past the grace between the two lines)
    if (System.nanoTime() - start < Lead.GRACE_NANOS) assertFalse(readsAtOnce);
    // Past the 200 µs that were the whole grace before, still the callers' (unless this thread
    // slept past the grace itself, when nothing is shown either way).
    LockSupport.parkNanos(2 * Lead.NAP_MIN_NANOS);
    boolean reads = lead.readerShouldRead();
    if (System.nanoTime() - start < Lead.GRACE_NANOS) assertFalse(reads);
  }

  @Test
  void aCallNoOneWaitsForIsTheReadersSoonAfterTheLastSpin() throws InterruptedException {
    ConcurrentHashMap<Integer, Object> calls = new ConcurrentHashMap<>();
    Lead lead = new Lead(calls);
    lead.spinStarts();
    calls.put(1, "an async call");
    calls.put(2, "the spinning caller's call");
    assertFalse(lead.readerShouldRead(), "a spinning caller reads every answer there");
    calls.remove(2);
    lead.spinEnds();
    Thread.sleep(5); // past NAP_MIN_NANOS, within GRACE_NANOS (a hang guard below)
    for (int i = 0; i < 500 && !lead.readerShouldRead(); i++) Thread.sleep(1);
    assertTrue(lead.readerShouldRead());
  }

  @Test
  void whileCallsHaveNoOneWaitingTheReaderKeepsItsNapsShort() throws InterruptedException {
    ConcurrentHashMap<Integer, Object> calls = new ConcurrentHashMap<>();
    Lead lead = new Lead(calls);
    calls.put(1, "an async call");
    calls.put(2, "the spinning caller's call");
    lead.spinStarts();
    Thread t = reader(lead);
    Thread.sleep(50);
    assertEquals(Lead.NAP_MIN_NANOS, lead.nextNap());
    calls.remove(1); // now every call has its caller: the naps grow
    for (int i = 0; i < 500 && lead.nextNap() < Lead.NAP_MAX_NANOS; i++) Thread.sleep(10);
    assertEquals(Lead.NAP_MAX_NANOS, lead.nextNap());
    calls.remove(2);
    lead.spinEnds();
    t.join(10_000);
    assertFalse(t.isAlive());
  }
}
