package io.rmote.processor.source;

import java.util.List;
import java.util.Optional;

/**
 * One Python source file as the scanner sees it.
 *
 * @param path the resource path, such as {@code tools/system_tool.py}
 * @param classes the top-level classes in source order, namedtuple assignments included
 */
public record PyModule(String path, List<PyClass> classes) {
  public PyModule {
    classes = List.copyOf(classes);
  }

  /** A top-level class by name. */
  public Optional<PyClass> findClass(String name) {
    return classes.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
