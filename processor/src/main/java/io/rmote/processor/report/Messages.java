package io.rmote.processor.report;

import io.rmote.processor.model.EnumModel;
import io.rmote.processor.model.Names;
import io.rmote.processor.model.RecordModel;
import io.rmote.processor.model.ToolInterface;
import io.rmote.processor.model.ToolMethod;
import io.rmote.processor.model.ToolParam;
import io.rmote.processor.source.PyAssignment;
import io.rmote.processor.source.PyClass;
import io.rmote.processor.source.PyField;
import io.rmote.processor.source.PyFunction;
import io.rmote.processor.source.PyParam;
import io.rmote.processor.source.PyType;
import io.rmote.processor.source.PythonScanner;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Every text the processor shows, in one place. Each says what disagrees, where in the Python
 * source ({@code file:line}), and what to change.
 */
public final class Messages {

  private static final String SUPPORTED =
      "primitives and their boxes, String, byte[], BigInteger, List, Set, Map, Optional, records, enums,"
          + " LocalDateTime, OffsetDateTime, Instant, LocalDate, LocalTime, Duration, Path, CompletedProcess,"
          + " Template";

  // ---- the interface and its types -----------------------------------------------------------

  public static String notAnInterface(TypeElement type) {
    return "@RemoteTool goes on an interface, and " + type.getSimpleName() + " is a " + kind(type)
        + ": make it an interface (the processor generates the class)";
  }

  public static String genericInterface(TypeElement type) {
    return "a @RemoteTool interface cannot have type parameters: remove them from " + type.getSimpleName();
  }

  public static String genericMethod(ExecutableElement m) {
    return "remote method " + m.getSimpleName() + " cannot have type parameters: the processor must know the"
        + " Java type of every value";
  }

  public static String parameterPlace(VariableElement p) {
    return "parameter '" + p.getSimpleName() + "'";
  }

  public static String resultPlace(ExecutableElement m) {
    return "the result of " + m.getSimpleName() + "()";
  }

  public static String componentPlace(TypeElement record, String component) {
    return "component '" + component + "' of record " + record.getSimpleName();
  }

  public static String rawType(TypeMirror t, String place) {
    return place + " has the raw type " + t + ": give its type arguments";
  }

  public static String unsupportedType(TypeMirror t, String place) {
    return place + " has the type " + t + ", which has no wire mapping; use one of: " + SUPPORTED;
  }

  // ---- the source ------------------------------------------------------------------------------

  public static String sourceMissing(String path, List<String> searched) {
    return "Python source " + path + " not found; looked in " + String.join(", ", searched)
        + ". Put it under the resources (src/main/resources/" + path + "), or name its folder with"
        + " -Armote.sourcePath=DIR";
  }

  public static String sourceUnreadable(String path, String problem) {
    return "cannot read the Python source " + path + ": " + problem;
  }

  public static String annotationUnreadable(ToolInterface tool, String annotation, int line, String problem) {
    return "cannot read the Python annotation '" + annotation + "' near " + tool.source() + ":" + line + " ("
        + problem + "): its type is not checked";
  }

  // ---- the tool class and its methods ------------------------------------------------------------

  public static String classMissing(ToolInterface tool, String hint) {
    return "no class " + tool.pythonClass() + " in " + tool.source()
        + (hint == null ? "" : "; did you mean " + hint + "?")
        + " Name the Python class with @RemoteTool(name = \"...\")";
  }

  public static String toolHasInit(ToolInterface tool, PyClass owner, PyFunction init) {
    return "Python tool " + tool.pythonClass() + " has __init__ (" + owner.name() + ", " + at(tool, init.line())
        + "): a tool is never instantiated, so remove __init__ and keep state out of the class";
  }

  public static String methodMissing(ToolInterface tool, ToolMethod m, String hint) {
    return "no method " + m.pythonName() + " in Python class " + tool.pythonClass() + " (" + tool.source() + ")"
        + (hint == null ? "" : "; did you mean " + hint + " (Java: " + Names.camelCase(hint) + ")?")
        + " Rename the Java method or give the Python name with @PythonName";
  }

  public static String instanceMethod(ToolInterface tool, PyClass owner, PyFunction f) {
    return owner.name() + "." + f.name() + " (" + at(tool, f.line()) + ") is an instance method; a tool's methods"
        + " run without an instance: decorate it with @staticmethod or @classmethod";
  }

  public static String parameterMissing(ToolInterface tool, ToolMethod m, PyFunction f, ToolParam p, String hint) {
    return "parameter '" + p.javaName() + "' has no counterpart: " + signature(f) + " (" + at(tool, f.line())
        + ") has no parameter " + p.pythonName()
        + (hint == null ? "" : "; did you mean " + hint + " (Java: " + Names.camelCase(hint) + ")?")
        + " Rename it or give the Python name with @PythonName";
  }

  public static String requiredNotCovered(ToolInterface tool, ToolMethod m, PyFunction f, PyParam p) {
    return "Python parameter " + p.name() + " of " + signature(f) + " (" + at(tool, f.line())
        + ") has no default and no Java parameter: add a parameter " + Names.camelCase(p.name())
        + " to " + m.element().getSimpleName() + "()";
  }

  public static String varargsWithoutStar(ToolInterface tool, ToolMethod m, PyFunction f) {
    return "Java varargs become *args, but " + signature(f) + " (" + at(tool, f.line())
        + ") takes no *args: make the parameter a List, or add *args to the Python method";
  }

  public static String varargsNeedEarlierArguments(ToolInterface tool, ToolMethod m, PyFunction f, PyParam p) {
    return "*args can only be passed after every parameter before it, and " + m.element().getSimpleName()
        + "() has no Java parameter for " + p.name() + " of " + signature(f) + " (" + at(tool, f.line())
        + "): add one";
  }

  public static String parameterNotAnnotated(ToolInterface tool, PyFunction f, PyParam p) {
    return "Python parameter " + p.name() + " of " + f.name() + " (" + at(tool, f.line())
        + ") has no annotation, so its type is not checked";
  }

  public static String returnNotAnnotated(ToolInterface tool, PyFunction f) {
    return "Python method " + f.name() + " (" + at(tool, f.line())
        + ") has no return annotation, so its result's type is not checked";
  }

  public static String parameterMismatch(
      ToolInterface tool, ToolMethod m, PyFunction f, ToolParam p, PyParam pp, String problem) {
    return "parameter '" + p.javaName() + "' is " + p.type().mirror() + ", but Python's " + f.name() + " ("
        + at(tool, f.line()) + ") annotates " + pp.name() + " as " + pp.annotation()
        + because(problem, pp.annotation());
  }

  public static String resultMismatch(ToolInterface tool, ToolMethod m, PyFunction f, String problem) {
    return m.element().getSimpleName() + "() returns " + m.returns().mirror() + ", but Python's " + f.name()
        + " (" + at(tool, f.line()) + ") returns " + f.returns() + because(problem, f.returns());
  }

  // ---- records and enums ------------------------------------------------------------------------

  public static String dataclassMissing(ToolInterface tool, RecordModel r, PyClass found, String hint) {
    return "record " + r.element().getSimpleName() + " maps to Python class " + r.pythonName() + ", but "
        + tool.source() + (found == null ? " defines no such class" : " defines it (line " + found.line()
            + ") as neither a dataclass nor a namedtuple")
        + (hint == null ? "" : "; did you mean " + hint + "?") + " Name it with @PythonName";
  }

  public static String fieldMissing(ToolInterface tool, RecordModel r, PyClass c, RecordModel.Component comp,
      String hint) {
    return "record component '" + comp.javaName() + "' has no field " + comp.pythonName() + " in "
        + c.qualifiedName() + " (" + at(tool, c.line()) + ")"
        + (hint == null ? "" : "; did you mean " + hint + "?")
        + " Remove the component, or give the field's name with @PythonName";
  }

  public static String componentMissing(ToolInterface tool, RecordModel r, PyClass c, PyField f) {
    return "record " + r.element().getSimpleName() + " has no component for field " + f.name() + " of "
        + c.qualifiedName() + " (" + at(tool, f.line()) + "): add "
        + (f.annotation() == null ? "" : javaFor(f.annotation()) + " ") + Names.camelCase(f.name());
  }

  public static String fieldMismatch(ToolInterface tool, RecordModel r, PyClass c, RecordModel.Component comp,
      PyField f, String problem) {
    return "record component '" + comp.javaName() + "' is " + comp.type().mirror() + ", but field " + f.name()
        + " of " + c.qualifiedName() + " (" + at(tool, f.line()) + ") is " + f.annotation()
        + because(problem, f.annotation());
  }

  public static String enumMissing(ToolInterface tool, EnumModel e, PyClass found, String hint) {
    return "enum " + e.element().getSimpleName() + " maps to Python enum " + e.pythonName() + ", but "
        + tool.source() + (found == null ? " defines no such class" : " defines it (line " + found.line()
            + ") as a class that is not an enum")
        + (hint == null ? "" : "; did you mean " + hint + "?") + " Name it with @PythonName";
  }

  public static String memberMissing(ToolInterface tool, EnumModel e, PyClass c, EnumModel.Constant k,
      String hint) {
    return "enum constant " + k.javaName() + " has no member " + k.pythonName() + " in Python enum "
        + c.qualifiedName() + " (" + at(tool, c.line()) + ")"
        + (hint == null ? "" : "; did you mean " + hint + "?")
        + " Remove it, or give the member's name with @PythonName";
  }

  public static String constantMissing(ToolInterface tool, EnumModel e, PyClass c, PyAssignment member) {
    return "enum " + e.element().getSimpleName() + " has no constant for member " + member.name() + " of "
        + c.qualifiedName() + " (" + at(tool, member.line()) + "): add " + member.name();
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private static String because(String problem, String annotation) {
    if (!problem.isEmpty()) return ": " + problem;
    String suggestion = javaFor(annotation);
    return suggestion == null ? ": the types contradict each other" : ": use " + suggestion;
  }

  private static String at(ToolInterface tool, int line) {
    return tool.source() + ":" + line;
  }

  private static String signature(PyFunction f) {
    StringBuilder s = new StringBuilder(f.name()).append('(');
    String sep = "";
    for (PyParam p : f.params()) {
      s.append(sep).append(p.kind() == PyParam.Kind.VAR_POSITIONAL ? "*" : p.kind() == PyParam.Kind.VAR_KEYWORD ? "**" : "")
          .append(p.name());
      sep = ", ";
    }
    return s.append(')').toString();
  }

  private static String kind(TypeElement t) {
    return t.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  private static final Map<String, String> JAVA = Map.ofEntries(
      Map.entry("str", "String"), Map.entry("int", "long"), Map.entry("float", "double"),
      Map.entry("bool", "boolean"), Map.entry("bytes", "byte[]"), Map.entry("datetime", "LocalDateTime"),
      Map.entry("date", "LocalDate"), Map.entry("time", "LocalTime"), Map.entry("timedelta", "Duration"),
      Map.entry("Path", "Path"), Map.entry("CompletedProcess", "CompletedProcess"),
      Map.entry("Template", "Template"), Map.entry("None", "void"));

  /** The Java type that would agree with a Python annotation, or {@code null} if none is obvious. */
  static String javaFor(String annotation) {
    try {
      return javaFor(PythonScanner.parseType(annotation), false);
    } catch (Exception e) {
      return null;
    }
  }

  private static String javaFor(PyType t, boolean boxed) {
    String n = t.name();
    List<PyType> a = t.args();
    switch (n) {
      case "list": case "List": case "Sequence": case "Iterable": case "tuple": case "Tuple":
        return "List<" + (a.isEmpty() ? "Object" : javaFor(a.get(0), true)) + ">";
      case "set": case "Set": case "frozenset": case "FrozenSet":
        return "Set<" + (a.isEmpty() ? "Object" : javaFor(a.get(0), true)) + ">";
      case "dict": case "Dict": case "Mapping":
        return "Map<" + (a.size() < 2 ? "Object, Object" : javaFor(a.get(0), true) + ", " + javaFor(a.get(1), true)) + ">";
      case "Optional":
        return a.isEmpty() ? null : "Optional<" + javaFor(a.get(0), true) + ">";
      default:
        String j = JAVA.get(n);
        if (j == null) {
          if (n.equals("Union") || n.equals("Any")) return null;
          return boxed ? n : "a record or enum mapped to " + n;
        }
        if (!boxed) return j;
        return switch (j) {
          case "long" -> "Long";
          case "double" -> "Double";
          case "boolean" -> "Boolean";
          default -> j;
        };
    }
  }

  private Messages() {}
}
