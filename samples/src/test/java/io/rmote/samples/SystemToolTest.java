package io.rmote.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Remote;
import io.rmote.python.FileNotFoundError;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The reference page's SystemTool/DiskInfo example, through the generated proxy, against python3.
 */
class SystemToolTest {

  @Test
  void hostnameDiskFreeAndAsyncRead() throws Exception {
    try (Remote remote = Remote.local()) {
      SystemTool system = remote.tool(SystemTool.class);
      assertInstanceOf(SystemToolProxy.class, system);
      assertEquals(InetAddress.getLocalHost().getHostName(), system.hostname());

      SystemTool.DiskInfo root = system.diskFree(null); // Python's default path "/"
      assertEquals("/", root.path());
      assertTrue(root.free() > 0);
      assertEquals("/tmp", system.diskFree("/tmp").path());

      assertEquals(Files.readString(Path.of("/etc/hosts")), system.read("/etc/hosts").join());
      CompletionException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              CompletionException.class, () -> system.read("/nonexistent").join());
      assertInstanceOf(FileNotFoundError.class, e.getCause());
    }
  }

  @Test
  void aDependencyInjectionContainerCanBuildTheProxy() {
    try (Remote remote = Remote.local()) {
      SystemTool system = new SystemToolProxy(remote);
      assertEquals("/", system.diskFree("/").path());
    }
  }
}
