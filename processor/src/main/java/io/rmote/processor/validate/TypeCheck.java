package io.rmote.processor.validate;

import io.rmote.processor.model.EnumModel;
import io.rmote.processor.model.JavaType;
import io.rmote.processor.model.RecordModel;
import io.rmote.processor.model.TypeTable;
import io.rmote.processor.source.PyClass;
import io.rmote.processor.source.PyType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * Whether a Java type agrees with a Python annotation. Only contradictions count: an annotation the
 * check cannot judge ({@code Any}, a type variable, a class imported from elsewhere) passes.
 */
final class TypeCheck {

  /** Which way the value travels: Java to Python (an argument) or back (a result). */
  enum Direction {
    ARGUMENT,
    RESULT
  }

  private final PythonIndex index;
  private final PyClass tool;
  private final Map<TypeElement, RecordModel> records;
  private final Map<TypeElement, EnumModel> enums;

  TypeCheck(
      PythonIndex index,
      PyClass tool,
      Map<TypeElement, RecordModel> records,
      Map<TypeElement, EnumModel> enums) {
    this.index = index;
    this.tool = tool;
    this.records = records;
    this.enums = enums;
  }

  /**
   * {@code null} if {@code j} agrees with {@code p}; else why not, as the end of a sentence
   * starting "the Python annotation is X, and".
   */
  String problem(JavaType j, PyType p, Direction d) {
    String n = p.name();
    if (TypeTable.unjudged(n)) return null;
    if (j instanceof JavaType.Builtin b && b.kind() == JavaType.Kind.VOID) {
      return d == Direction.RESULT || n.equals("None") ? null : "Java sends nothing";
    }
    if (n.equals("Optional") && p.args().size() == 1)
      return union(j, List.of(p.args().get(0)), true, d);
    if (n.equals("Union")) {
      List<PyType> rest = p.args().stream().filter(a -> !a.name().equals("None")).toList();
      return union(j, rest, rest.size() < p.args().size(), d);
    }
    if (n.equals("None"))
      return d == Direction.RESULT ? "it always returns None: make the Java method void" : NO;
    if (j instanceof JavaType.OptionalOf o) return problem(o.value(), p, d);
    if (j instanceof JavaType.Builtin b) {
      if (b.kind().python().contains(n)) return null;
      boolean integral = b.kind().numeric() == JavaType.Numeric.INTEGRAL;
      boolean floating = b.kind().numeric() == JavaType.Numeric.FLOATING;
      // Python's numeric tower: an int is welcome where a float is annotated.
      if (d == Direction.ARGUMENT && integral && n.equals("float")) return null;
      if (d == Direction.RESULT && floating && n.equals("int")) return null;
      return NO;
    }
    if (j instanceof JavaType.ListOf l) {
      boolean ok =
          TypeTable.agrees(JavaType.Container.LIST, n)
              || (d == Direction.RESULT && TypeTable.agrees(JavaType.Container.SET, n));
      if (!ok) return NO;
      return elements(l.element(), p, d);
    }
    if (j instanceof JavaType.SetOf s) {
      boolean ok =
          TypeTable.agrees(JavaType.Container.SET, n)
              || (d == Direction.RESULT
                  ? TypeTable.agrees(JavaType.Container.LIST, n)
                  : Set.of("Iterable", "Collection").contains(n));
      if (!ok) return NO;
      return elements(s.element(), p, d);
    }
    if (j instanceof JavaType.MapOf m) {
      if (!TypeTable.agrees(JavaType.Container.MAP, n)) return NO;
      if (p.args().size() != 2) return null;
      String k = problem(m.key(), p.args().get(0), d);
      return k != null ? k : problem(m.value(), p.args().get(1), d);
    }
    if (j instanceof JavaType.RecordRef r) {
      PyClass named = index.resolve(n, tool);
      if (named == null) return TypeTable.known(n) ? NO : null;
      if (!PythonIndex.isRecord(named)) return NO;
      RecordModel model = records.get(r.element());
      PyClass mapped = model == null ? null : index.resolve(model.pythonName(), tool);
      if (mapped != null && !mapped.equals(named)) {
        return "the Java record maps to the Python class "
            + mapped.qualifiedName()
            + ", a different one";
      }
      return null;
    }
    if (j instanceof JavaType.EnumRef e) {
      PyClass named = index.resolve(n, tool);
      if (named == null) return TypeTable.known(n) ? NO : null;
      if (!index.isEnum(named)) return NO;
      EnumModel model = enums.get(e.element());
      PyClass mapped = model == null ? null : index.resolve(model.pythonName(), tool);
      if (mapped != null && !mapped.equals(named)) {
        return "the Java enum maps to the Python enum "
            + mapped.qualifiedName()
            + ", a different one";
      }
      return null;
    }
    return null;
  }

  /** The generic "does not fit" answer; the message says which Java type would. */
  static final String NO = "";

  private String union(JavaType j, List<PyType> alternatives, boolean none, Direction d) {
    if (none && d == Direction.RESULT && j instanceof JavaType.Builtin b && b.primitive()) {
      return "it may be None, which a Java "
          + j.mirror()
          + " cannot hold: use its box or an Optional";
    }
    JavaType inner = j instanceof JavaType.OptionalOf o ? o.value() : j;
    String first = null;
    for (PyType a : alternatives) {
      String problem = problem(inner, a, d);
      if (problem == null) return null;
      if (first == null) first = problem;
    }
    return alternatives.isEmpty() ? null : first;
  }

  private String elements(JavaType element, PyType p, Direction d) {
    List<PyType> args = p.args();
    if (args.isEmpty()) return null;
    if (args.size() == 2 && args.get(1).name().equals("..."))
      return problem(element, args.get(0), d);
    if (p.name().equals("tuple") || p.name().equals("Tuple")) {
      for (PyType a : args) {
        String problem = problem(element, a, d);
        if (problem != null) return problem;
      }
      return null;
    }
    return problem(element, args.get(0), d);
  }
}
