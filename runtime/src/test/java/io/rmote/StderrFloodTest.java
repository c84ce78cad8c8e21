package io.rmote;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.testing.ChildJvm;
import io.rmote.wire.Codecs;
import org.junit.jupiter.api.Test;

/**
 * A tool that writes 200 MiB to stderr without a newline, in a program whose whole heap is 64 MiB
 * (an Ansible user's report of the kind): the stderr reader keeps bounded pieces, so the call
 * returns and the connection goes on. Run in a child JVM, so that the heap bound is real.
 */
class StderrFloodTest {
  @Test
  void twoHundredMebibytesOfStderrUnderA64MiBHeap() throws Exception {
    String text = ChildJvm.run(Flood.class, "-Xmx64m");
    assertTrue(text.contains("returned 200, then 3"), text);
  }

  /** The child program of {@link #twoHundredMebibytesOfStderrUnderA64MiBHeap}. */
  static final class Flood {
    public static void main(String[] args) {
      try (Remote remote = Remote.local()) {
        long mib = remote.call(RemoteCallTest.PROBE, "flood_stderr", Codecs.LONG, 200L);
        long after = remote.call(RemoteCallTest.PROBE, "add", Codecs.LONG, 1L, 2L);
        System.out.println("returned " + mib + ", then " + after);
      }
    }
  }
}
