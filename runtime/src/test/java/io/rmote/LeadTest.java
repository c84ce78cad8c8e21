package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The spin a blocking caller gets from the connection's recent answers. */
class LeadTest {
  private static final long SPIN = 50_000;

  private static Lead answeredIn(long nanos) {
    Lead lead = new Lead();
    for (int i = 0; i < 200; i++) lead.answered(nanos);
    return lead;
  }

  @Test
  void theConfiguredSpinWhileAnswersComeWithinIt() {
    assertEquals(SPIN, new Lead().spinFor(SPIN));
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
}
