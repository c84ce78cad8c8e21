package io.rmote.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A module's public API as text: every public or protected type of its non-internal packages and
 * every public or protected member of each, one sorted line apiece. The file under the module's
 * {@code api/} is the recorded API; a test compares it with the compiled classes, so a change to
 * the API shows up in review as a change to that file.
 */
public final class ApiFile {
  /** The system property that makes {@link #check} rewrite the file instead of failing. */
  public static final String UPDATE = "rmote.api.update";

  /**
   * Fails, printing the difference and the command that rewrites {@code file}, unless {@code file}
   * holds the API of the classes compiled into the folder or jar that holds {@code anchor}.
   */
  public static void check(Class<?> anchor, Path file, String module) {
    String actual = dump(anchor);
    String recorded;
    try {
      recorded = Files.exists(file) ? Files.readString(file) : "";
      if (Boolean.getBoolean(UPDATE)) {
        if (!actual.equals(recorded)) {
          Files.createDirectories(file.toAbsolutePath().getParent());
          Files.writeString(file, actual);
          System.err.println("rewrote " + file.toAbsolutePath().normalize());
        }
        return;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!actual.equals(recorded)) {
      fail(
          "the public API differs from "
              + file
              + " (- recorded, + compiled):\n"
              + diff(recorded, actual)
              + "\nIf the change is meant, rewrite the file and commit it with the change:\n"
              + "  mvn -pl "
              + module
              + " -am test -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -D"
              + UPDATE
              + "=true\n");
    }
  }

  /** The API text of the classes beside {@code anchor}, in a class folder or a jar. */
  public static String dump(Class<?> anchor) {
    Path root;
    try {
      root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    if (Files.isDirectory(root)) return dump(anchor, root);
    try (FileSystem jar = FileSystems.newFileSystem(root)) {
      return dump(anchor, jar.getPath("/"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String dump(Class<?> anchor, Path root) {
    List<String> names;
    try (Stream<Path> files = Files.walk(root)) {
      names =
          files
              .filter(Files::isRegularFile)
              .map(p -> root.relativize(p).toString())
              .filter(
                  n ->
                      n.endsWith(".class")
                          && !n.endsWith("package-info.class")
                          && !n.endsWith("module-info.class"))
              .map(n -> n.substring(0, n.length() - 6).replace('/', '.'))
              .filter(n -> !n.contains(".internal.") && !n.endsWith(".internal"))
              .sorted()
              .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder out = new StringBuilder();
    for (String name : names) {
      Class<?> c;
      try {
        c = Class.forName(name, false, anchor.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      if (!visible(c)) continue;
      out.append(header(c)).append('\n');
      for (String member : members(c)) out.append("  ").append(member).append('\n');
      out.append('\n');
    }
    return out.toString();
  }

  private static boolean visible(Class<?> c) {
    if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) return false;
    for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
      if (!visible(k.getModifiers())) return false;
    }
    return true;
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static String header(Class<?> c) {
    StringBuilder s = new StringBuilder(c.toGenericString());
    Type sup = c.getGenericSuperclass();
    if (sup != null && sup != Object.class && !c.isEnum() && !c.isRecord())
      s.append(" extends ").append(sup.getTypeName());
    Type[] ifaces = c.getGenericInterfaces();
    if (ifaces.length > 0) {
      s.append(c.isInterface() ? " extends " : " implements ");
      s.append(Arrays.stream(ifaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
    }
    return s.toString();
  }

  private static Set<String> members(Class<?> c) {
    Set<String> lines = new TreeSet<>();
    String prefix = c.getName() + ".";
    for (Field f : c.getDeclaredFields()) {
      if (shown(f)) lines.add(f.toGenericString().replace(prefix, ""));
    }
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (shown(k)) lines.add(k.toGenericString().replace(c.getName() + "(", "<init>("));
    }
    for (Method m : c.getDeclaredMethods()) {
      if (shown(m) && !m.isBridge()) lines.add(m.toGenericString().replace(prefix, ""));
    }
    return lines;
  }

  private static boolean shown(Member m) {
    return !m.isSynthetic() && visible(m.getModifiers());
  }

  /**
   * The lines only in {@code a} (with {@code -}) and only in {@code b} (with {@code +}), in order.
   */
  static String diff(String a, String b) {
    Set<String> left = qualified(a);
    Set<String> right = qualified(b);
    List<String> out = new ArrayList<>();
    for (String l : left) if (!right.contains(l)) out.add("- " + l);
    for (String l : right) if (!left.contains(l)) out.add("+ " + l);
    return String.join("\n", out);
  }

  /**
   * Each type line, and each member line after its type's, so a changed member says whose it is.
   */
  private static Set<String> qualified(String text) {
    Set<String> lines = new LinkedHashSet<>();
    String type = "";
    for (String l : text.lines().collect(Collectors.toList())) {
      if (l.isBlank()) continue;
      if (l.startsWith("  ")) {
        lines.add(type + "\n    " + l.strip());
      } else {
        type = l;
        lines.add(l);
      }
    }
    return lines;
  }

  private ApiFile() {}
}
