package io.rmote.samples.inventory;

import io.rmote.CompletedProcess;
import io.rmote.Template;
import io.rmote.annotations.RemoteTool;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The typed face of {@code tools/inventory.py}, for the end-to-end test. */
@RemoteTool(source = "tools/inventory.py")
public interface Inventory {
  List<Host> hosts(String prefix, Integer count, State state);

  CompletableFuture<Optional<Host>> find(String name);

  Map<String, String> labels(Host host);

  long fail(String key);

  long total(long... sizes);

  String version();

  LocalDateTime later(LocalDateTime when, Duration delta);

  Size brokenSize();

  CompletedProcess run(List<String> argv);

  String render(Template template, String name);

  void nap(double seconds);

  default String describe(Host h) {
    return h.name() + " (" + h.state() + ")";
  }

  enum State {
    UP,
    DOWN
  }

  record Host(
      String name,
      State state,
      List<Mount> mounts,
      Size size,
      LocalDateTime seen,
      Map<String, String> labels,
      Optional<String> owner) {}
}
