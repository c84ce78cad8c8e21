package io.rmote;

import io.rmote.testing.SshServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScratchTest {
  static final ToolDescriptor INFO = ToolDescriptor.fromResource(ScratchTest.class, "tools/hostinfo.py", "HostInfo");

  @Test
  void scratch() throws Exception {
    for (String mode : List.of("local", "ssh")) {
      try (SshServer server = SshServer.start()) {
        Remote r = mode.equals("local") ? Remote.builder().command("/usr/bin/python3").connect()
            : Remote.builder().ssh(server.client().python("/usr/bin/python3").build()).connect();
        for (int round = 0; round < 3; round++) {
          List<CompletableFuture<Long>> calls = new ArrayList<>();
          long t0 = System.nanoTime();
          for (long i = 0; i < 20; i++) calls.add(r.callAsync(INFO, "work", Long.class, i, 0.02));
          int done = 0;
          for (CompletableFuture<Long> c : calls) {
            try { c.get(5, TimeUnit.SECONDS); done++; } catch (Exception e) { System.out.println(mode + " call failed: " + e); }
          }
          System.out.println(mode + " round " + round + ": " + done + " done in " + (System.nanoTime() - t0) / 1e6 + " ms");
        }
        r.close();
      }
    }
  }
}
