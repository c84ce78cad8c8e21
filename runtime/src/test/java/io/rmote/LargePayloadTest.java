package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.testing.ChildJvm;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /**
   * A 64 MiB result costs the JVM its own array and a small constant more: what every thread of a
   * JVM of its own allocates while the call runs is counted, so a copy anywhere on the way (a body
   * joined from chunks, a decoded copy of it, a growing buffer) would show as 64 MiB more.
   */
  @Test
  void a64MiBResultAllocatesItsSizeAndLittleMore() throws Exception {
    String text = ChildJvm.run(CountAllocations.class, "-Xmx256m");
    Matcher m = Pattern.compile("received (\\d+), allocated (\\d+)").matcher(text);
    assertTrue(m.find(), text);
    assertEquals(CountAllocations.SIZE, Long.parseLong(m.group(1)), text);
    long allocated = Long.parseLong(m.group(2));
    assertTrue(allocated >= CountAllocations.SIZE, text);
    assertTrue(allocated <= CountAllocations.SIZE + CountAllocations.SLACK, text);
  }

  /** The child program of {@link #a64MiBResultAllocatesItsSizeAndLittleMore}. */
  static final class CountAllocations {
    static final int SIZE = 64 << 20;
    static final long SLACK = 2 << 20;

    public static void main(String[] args) {
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      try (Remote remote = Remote.local()) {
        // The first result loads the classes and grows the buffers a result passes through.
        remote.call(PROBE, "blob", byte[].class, 1L << 20);
        Map<Long, Long> before = allocatedByThread(threads);
        byte[] data = remote.call(PROBE, "blob", byte[].class, (long) SIZE);
        Map<Long, Long> after = allocatedByThread(threads);
        long allocated = 0;
        // A thread started during the call counts from zero; none of this JVM's ends meanwhile.
        for (Map.Entry<Long, Long> e : after.entrySet()) {
          allocated += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        System.out.println("received " + data.length + ", allocated " + allocated);
      }
    }

    private static Map<Long, Long> allocatedByThread(com.sun.management.ThreadMXBean threads) {
      long[] ids = threads.getAllThreadIds();
      long[] bytes = threads.getThreadAllocatedBytes(ids);
      Map<Long, Long> m = new HashMap<>();
      for (int i = 0; i < ids.length; i++) if (bytes[i] >= 0) m.put(ids[i], bytes[i]);
      return m;
    }
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
