package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.testing.ChildJvm;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * A 256 MiB bytes value crosses each way without running out of memory, and a bytes result costs
 * about its own size of heap: it is read from the frames straight into its final array.
 */
class LargePayloadTest {
  static final ToolDescriptor PROBE = RemoteCallTest.PROBE;
  static final int SIZE = 256 << 20;

  @Test
  void a256MiBValueGoesToTheRemote() {
    byte[] data = new byte[SIZE];
    for (int i = 0; i < data.length; i += 4096) data[i] = (byte) (i >>> 12);
    CRC32 crc = new CRC32();
    crc.update(data);
    try (Remote remote = Remote.local()) {
      assertEquals((long) SIZE, remote.call(PROBE, "size_of", Long.class, (Object) data));
      assertEquals(crc.getValue(), remote.call(PROBE, "checksum", Long.class, (Object) data));
    }
  }

  @Test
  void a256MiBValueComesBack() {
    try (Remote remote = Remote.local()) {
      byte[] data = remote.call(PROBE, "blob", byte[].class, (long) SIZE);
      assertEquals(SIZE, data.length);
      assertEquals('x', data[SIZE - 1]);
      assertEquals("small", remote.call(PROBE, "echo", String.class, "small"));
    }
  }

  /**
   * A 256 MiB result in a program whose whole heap is 1.5 times that: the result's frames, a joined
   * body and a decoded copy held 3.3 times the payload at once before, and ran out of memory under
   * {@code -Xmx1g}.
   */
  @Test
  void a256MiBResultFitsInAHeapOfOneAndAHalfTimesItsSize() throws Exception {
    String text = ChildJvm.run(ReceiveBlob.class, "-Xmx384m");
    assertTrue(text.contains("received " + SIZE), text);
  }

  /** The child program of {@link #a256MiBResultFitsInAHeapOfOneAndAHalfTimesItsSize}. */
  static final class ReceiveBlob {
    public static void main(String[] args) {
      try (Remote remote = Remote.local()) {
        byte[] data = remote.call(PROBE, "blob", byte[].class, (long) SIZE);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
          if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        System.out.println("received " + data.length + ", peak heap " + (peak >> 20) + " MiB");
      }
    }
  }
}
