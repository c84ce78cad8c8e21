package io.rmote.processor;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The processor's options ({@code -Akey=value}).
 *
 * <ul>
 *   <li>{@code rmote.sourcePath}: folders to look for Python sources in before the compiler's own
 *       locations, separated by the platform's path separator ({@code :} here). For builds whose
 *       resources are not in the class output when Java compiles (Gradle's {@code
 *       src/main/resources}).
 *   <li>{@code rmote.requiresPython}: the oldest Python, {@code 3.N}, that the compilation's tools
 *       must run on when their {@code @RemoteTool} does not say; {@code 3.7} if not given.
 * </ul>
 *
 * @param sourcePath the folders of {@code rmote.sourcePath}
 * @param requiresPython the value of {@code rmote.requiresPython} as given, or {@code null}
 */
public record Options(List<Path> sourcePath, String requiresPython) {
  static final String SOURCE_PATH = "rmote.sourcePath";
  static final String REQUIRES_PYTHON = "rmote.requiresPython";

  static Options from(Map<String, String> options) {
    List<Path> dirs = new ArrayList<>();
    String value = options.get(SOURCE_PATH);
    if (value != null) {
      for (String d : value.split(File.pathSeparator)) {
        if (!d.isBlank()) dirs.add(Path.of(d.strip()));
      }
    }
    return new Options(List.copyOf(dirs), options.get(REQUIRES_PYTHON));
  }
}
