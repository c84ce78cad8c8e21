package io.rmote.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rmote.Call;
import io.rmote.Remote;
import io.rmote.ToolDescriptor;
import io.rmote.tools.BuiltinTools;
import io.rmote.wire.Codecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The README's example of a call described as a value (keyword arguments, a timeout of its own),
 * run against a local python3. The region between {@code // [call]} and {@code // [/call]} is the
 * README's block word for word ({@link ReadmeTest} checks that).
 */
class CallValueTest {

  @Test
  void aCallValueWithKeywordArgumentsAndATimeout() throws IOException {
    ToolDescriptor fs = BuiltinTools.FILE_SYSTEM;
    try (Remote remote = Remote.local()) {
      // [call]
      Call<String> read =
          Call.of(fs, "read_str", Codecs.STRING)
              .args("/etc/hostname")
              .kwarg("encoding", "utf-8")
              .timeout(Duration.ofSeconds(5));
      String hostname = remote.call(read);
      // [/call]
      assertEquals(Files.readString(Path.of("/etc/hostname")), hostname);
    }
  }
}
