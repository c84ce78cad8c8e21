package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** A 256 MiB bytes value crosses each way without running out of memory. */
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
}
