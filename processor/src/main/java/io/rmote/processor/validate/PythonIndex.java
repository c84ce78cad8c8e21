package io.rmote.processor.validate;

import io.rmote.processor.source.PyClass;
import io.rmote.processor.source.PyField;
import io.rmote.processor.source.PyFunction;
import io.rmote.processor.source.PyModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Look-ups in one scanned module: classes by name, what kind of class each is, inherited methods.
 */
final class PythonIndex {
  private static final Set<String> ENUM_BASES =
      Set.of("Enum", "IntEnum", "StrEnum", "Flag", "IntFlag", "ReprEnum");

  private final PyModule module;

  /** Every class, nested ones included, in source order. */
  private final List<PyClass> all = new ArrayList<>();

  PythonIndex(PyModule module) {
    this.module = module;
    for (PyClass c : module.classes()) add(c);
  }

  private void add(PyClass c) {
    all.add(c);
    for (PyClass n : c.nested()) add(n);
  }

  PyModule module() {
    return module;
  }

  /**
   * The class a Java record or enum named {@code name} maps to, seen from {@code tool}: a class
   * nested in the tool first, then a top-level one, then one nested anywhere else. A dotted name is
   * a qualified name ({@code SystemTool.State}).
   */
  PyClass resolve(String name, PyClass tool) {
    if (name.contains(".")) {
      return all.stream().filter(c -> c.qualifiedName().equals(name)).findFirst().orElse(null);
    }
    if (tool != null) {
      for (PyClass n : tool.nested()) if (n.name().equals(name)) return n;
    }
    PyClass top = module.findClass(name).orElse(null);
    if (top != null) return top;
    return all.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  /** The qualified name of every class, nested ones included, for "did you mean". */
  List<String> qualifiedNames() {
    return all.stream().map(PyClass::qualifiedName).toList();
  }

  /** Names of every dataclass, namedtuple (or enum, with {@code enums}), for "did you mean". */
  List<String> names(boolean enums) {
    List<String> out = new ArrayList<>();
    for (PyClass c : all) if (enums ? isEnum(c) : isRecord(c)) out.add(c.name());
    return out;
  }

  /** The methods of {@code c} and of its bases defined in this file, nearest first, by name. */
  Map<String, Owned> methods(PyClass c) {
    Map<String, Owned> out = new LinkedHashMap<>();
    collect(c, out, 0);
    return out;
  }

  /** A function and the class that defines it. */
  record Owned(PyFunction function, PyClass owner) {}

  private void collect(PyClass c, Map<String, Owned> out, int depth) {
    if (depth > 20) return; // a cycle of bases cannot run in Python either
    for (PyFunction f : c.methods()) out.putIfAbsent(f.name(), new Owned(f, c));
    for (String base : c.bases()) {
      PyClass b = module.findClass(last(base)).orElse(null);
      if (b != null && !b.equals(c)) collect(b, out, depth + 1);
    }
  }

  static boolean isDataclass(PyClass c) {
    for (String d : c.decorators()) {
      String head = d.contains("(") ? d.substring(0, d.indexOf('(')) : d;
      if (last(head.strip()).equals("dataclass")) return true;
    }
    return false;
  }

  static boolean isNamedTuple(PyClass c) {
    return c.bases().stream()
        .map(PythonIndex::last)
        .anyMatch(b -> b.equals("NamedTuple") || b.equals("namedtuple"));
  }

  static boolean isRecord(PyClass c) {
    return isDataclass(c) || isNamedTuple(c);
  }

  boolean isEnum(PyClass c) {
    for (String b : c.bases()) {
      String n = last(b);
      if (ENUM_BASES.contains(n)) return true;
      PyClass base = module.findClass(n).orElse(null);
      if (base != null && !base.equals(c) && isEnum(base)) return true;
    }
    return false;
  }

  /** The fields of a dataclass or namedtuple, without {@code ClassVar}s. */
  static List<PyField> fields(PyClass c) {
    List<PyField> out = new ArrayList<>();
    for (PyField f : c.fields()) {
      String a = f.annotation() == null ? "" : f.annotation().strip();
      if (last(a.contains("[") ? a.substring(0, a.indexOf('[')) : a).equals("ClassVar")) continue;
      out.add(f);
    }
    return out;
  }

  static String last(String dotted) {
    int i = dotted.lastIndexOf('.');
    return i < 0 ? dotted : dotted.substring(i + 1);
  }
}
