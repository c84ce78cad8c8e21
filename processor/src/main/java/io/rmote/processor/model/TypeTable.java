package io.rmote.processor.model;

import io.rmote.processor.source.PyType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Python-to-Java type table, read by the model (which Java types map), the checker (which
 * annotations agree) and the messages (what to suggest, what is supported). Its rows are {@link
 * JavaType.Kind} and {@link JavaType.Container}; this class only derives the lookups, so the three
 * readers cannot disagree.
 */
public final class TypeTable {

  /** Annotations the checker does not judge: anything passes for them. */
  private static final Set<String> UNJUDGED =
      Set.of("Any", "object", "Awaitable", "Coroutine", "TypeVar");

  private static final Map<String, JavaType.Kind> BY_JAVA_NAME = new HashMap<>();
  private static final Map<String, JavaType.Container> CONTAINER_BY_JAVA_NAME = new HashMap<>();

  /** The row a Python name suggests: the first that names it. */
  private static final Map<String, JavaType.Kind> SUGGESTED = new LinkedHashMap<>();

  private static final Map<String, JavaType.Container> CONTAINER_BY_PYTHON = new HashMap<>();
  private static final Set<String> KNOWN = new HashSet<>();

  static {
    for (JavaType.Kind k : JavaType.Kind.values()) {
      if (k.qualifiedName() != null) BY_JAVA_NAME.put(k.qualifiedName(), k);
      for (String p : k.python()) {
        // Literal[...] agrees with several types and suggests none of them.
        if (!p.equals("Literal")) SUGGESTED.putIfAbsent(p, k);
      }
      KNOWN.addAll(k.python());
    }
    for (JavaType.Container c : JavaType.Container.values()) {
      CONTAINER_BY_JAVA_NAME.put(c.qualifiedName(), c);
      for (String p : c.python()) CONTAINER_BY_PYTHON.put(p, c);
      KNOWN.addAll(c.python());
    }
    KNOWN.remove("Literal");
  }

  /** The builtin row of a declared Java class ({@code java.lang.Long}), or {@code null}. */
  public static JavaType.Kind kindOf(String qualifiedName) {
    return BY_JAVA_NAME.get(qualifiedName);
  }

  /** The container row of a declared Java class ({@code java.util.List}), or {@code null}. */
  public static JavaType.Container containerOf(String qualifiedName) {
    return CONTAINER_BY_JAVA_NAME.get(qualifiedName);
  }

  /** Whether a Python annotation of that name agrees with the container. */
  public static boolean agrees(JavaType.Container c, String pythonName) {
    return c.python().contains(pythonName);
  }

  /** Whether the checker leaves an annotation of that name unjudged. */
  public static boolean unjudged(String pythonName) {
    return UNJUDGED.contains(pythonName);
  }

  /** Whether a Python name is one of the table's, and so not a dataclass or enum of the file. */
  public static boolean known(String pythonName) {
    return KNOWN.contains(pythonName);
  }

  /** The supported Java types, for the message about one that is not. */
  public static String supported() {
    List<String> names = new ArrayList<>();
    names.add("primitives and their boxes");
    for (JavaType.Kind k : JavaType.Kind.values()) {
      if (k != JavaType.Kind.VOID && !k.hasPrimitive()) names.add(k.spelling(false));
    }
    for (JavaType.Container c : JavaType.Container.values()) names.add(c.spelling());
    names.add("records");
    names.add("enums");
    return String.join(", ", names);
  }

  /**
   * The Java type that would agree with a Python annotation, as a message writes it, or {@code
   * null} if none is obvious.
   *
   * @param boxed whether the type sits inside a generic type, where primitives are boxed
   */
  public static String javaFor(PyType t, boolean boxed) {
    String n = t.name();
    List<PyType> a = t.args();
    JavaType.Container c = CONTAINER_BY_PYTHON.get(n);
    if (c != null) {
      return switch (c) {
        case LIST, SET -> c.spelling() + "<" + (a.isEmpty() ? "Object" : element(a.get(0))) + ">";
        // Counter[K] is the one map annotated with its key alone; it counts in ints.
        case MAP ->
            c.spelling()
                + "<"
                + (a.isEmpty()
                    ? "Object, Object"
                    : element(a.get(0)) + ", " + (a.size() < 2 ? "Long" : element(a.get(1))))
                + ">";
        case OPTIONAL -> a.isEmpty() ? null : c.spelling() + "<" + element(a.get(0)) + ">";
      };
    }
    JavaType.Kind k = SUGGESTED.get(n);
    if (k != null) return k.spelling(boxed);
    if (n.equals("Union") || n.equals("Literal") || unjudged(n)) return null;
    return boxed ? n : "a record or enum mapped to " + n;
  }

  private static String element(PyType t) {
    String j = javaFor(t, true);
    return j == null ? "Object" : j;
  }

  private TypeTable() {}
}
