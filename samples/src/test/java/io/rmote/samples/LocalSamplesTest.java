package io.rmote.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Remote;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The samples that need only the local {@code python3}, each run as a newcomer would run it, its
 * output checked.
 */
class LocalSamplesTest {

  @Test
  void subprocesses() {
    String out = Printed.by(() -> Subprocesses.main(new String[0]));
    assertTrue(out.contains("kernel: Linux "), out);
    assertTrue(out.contains("a noisy child exited with 3; the connection lives"), out);
    assertTrue(out.contains("words: 4"), out);
    assertTrue(out.contains("runs as " + System.getProperty("user.name") + " in "), out);
    assertTrue(out.contains("false exited with 1"), out);
  }

  @Test
  void concurrentCalls() {
    String out = Printed.by(() -> ConcurrentCalls.main(new String[0]));
    assertTrue(out.contains("hostname: " + SamplesTestSupport.etcHostname()), out);
    assertTrue(out.matches("(?s)\\d+ lines in /etc/hosts\\n.*"), out);
    for (String path : List.of("/", "/tmp", "/var", "/usr"))
      assertTrue(out.matches("(?s).*\\n" + path + ": \\d+ MiB free\\n.*"), out);
  }

  /** Two local interpreters, and a third host whose interpreter does not exist. */
  static final Function<String, Remote> LOCAL =
      name ->
          Remote.builder()
              .name(name)
              .python(name.equals("broken-host") ? "/nonexistent/python3" : "python3")
              .connect();

  @Test
  void fanOutReportsTheBrokenHostBesideTheGoodOnes() {
    String out =
        Printed.by(() -> FleetFanOut.hostnames(List.of("web1", "web2", "broken-host"), LOCAL));
    String name = SamplesTestSupport.etcHostname();
    assertTrue(out.contains("web1: " + name + "\n"), out);
    assertTrue(out.contains("web2: " + name + "\n"), out);
    assertTrue(out.contains("broken-host: ERROR "), out);
  }

  @Test
  void rounds() {
    String out = Printed.by(() -> Rounds.twoRounds(List.of("web1", "broken-host"), LOCAL));
    assertTrue(out.contains("web1 is " + SamplesTestSupport.etcHostname()), out);
    assertTrue(out.contains("broken-host is unreachable"), out);
    assertTrue(out.matches("(?s).*web1: \\d+ log files.*"), out);
    assertTrue(out.contains("broken-host: -1 log files"), out);
  }

  @Test
  void templating() {
    String out = Printed.by(() -> Templating.main(new String[0]));
    String host = SamplesTestSupport.hostname();
    assertTrue(out.startsWith("server_name " + host + "; listen 443;\n"), out);
    assertTrue(out.contains("location /static { root /srv/static; }\nssl on;\n"), out);
    assertTrue(out.contains("Hi Bob, you have 3 messages.\n"), out);
    assertTrue(out.contains("refused before any host saw it: "), out);
  }

  @Test
  void errorHandling() {
    String out = Printed.by(() -> ErrorHandling.main(new String[0]));
    assertTrue(out.contains("caught builtins.FileNotFoundError: "), out);
    assertTrue(out.contains(", in FileSystem.read_str"), out);
    assertTrue(out.contains("caught an OSError: builtins."), out);
    assertTrue(out.contains("ls exited with 2"), out);
    assertTrue(out.contains("still connected: true"), out);
  }
}
