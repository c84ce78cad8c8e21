package io.rmote.processor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Finds a tool's Python source as the compiler sees resources: first in the folders of {@code
 * -Armote.sourcePath}, then in the class output (Maven copies resources there before compiling, so
 * the file found is the one the jar ships), then the source path and the class path.
 */
final class SourceFiles {
  /** A source found: its text and where it was. */
  record Found(String text, String where) {}

  private final Filer filer;
  private final Options options;
  private final Map<String, Found> cache = new HashMap<>();

  SourceFiles(Filer filer, Options options) {
    this.filer = filer;
    this.options = options;
  }

  /** The source at {@code path}, or {@code null}; {@code searched} gets the places looked at. */
  Found find(String path, List<String> searched) {
    Found f = cache.get(path);
    if (f != null) return f;
    String rel = path.startsWith("/") ? path.substring(1) : path;
    for (Path dir : options.sourcePath()) {
      Path p = dir.resolve(rel);
      searched.add(p.toString());
      if (Files.isRegularFile(p)) {
        try {
          f = new Found(Files.readString(p, StandardCharsets.UTF_8), p.toString());
          break;
        } catch (IOException e) {
          // unreadable: keep looking; the error names every place searched
        }
      }
    }
    if (f == null) {
      for (StandardLocation l :
          List.of(
              StandardLocation.CLASS_OUTPUT,
              StandardLocation.SOURCE_PATH,
              StandardLocation.CLASS_PATH)) {
        searched.add(l.getName());
        f = read(l, rel);
        if (f != null) break;
      }
    }
    if (f != null) cache.put(path, f);
    return f;
  }

  private Found read(StandardLocation location, String rel) {
    int slash = rel.lastIndexOf('/');
    String pkg = slash < 0 ? "" : rel.substring(0, slash).replace('/', '.');
    String name = slash < 0 ? rel : rel.substring(slash + 1);
    // The resource as a package-relative name first (how the Filer is meant to be asked), then the
    // whole path relative to the root, which some file managers need for non-identifier folders.
    List<String[]> tries = new ArrayList<>();
    if (isPackageName(pkg)) tries.add(new String[] {pkg, name});
    tries.add(new String[] {"", rel});
    for (String[] t : tries) {
      try {
        FileObject fo = filer.getResource(location, t[0], t[1]);
        try (InputStream in = fo.openInputStream()) {
          return new Found(
              new String(in.readAllBytes(), StandardCharsets.UTF_8), fo.toUri().toString());
        }
      } catch (IOException | IllegalArgumentException | IllegalStateException e) {
        // not in this location
      }
    }
    return null;
  }

  private static boolean isPackageName(String pkg) {
    if (pkg.isEmpty()) return true;
    for (String part : pkg.split("\\.", -1)) {
      if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) return false;
      for (char c : part.toCharArray()) if (!Character.isJavaIdentifierPart(c)) return false;
    }
    return true;
  }
}
