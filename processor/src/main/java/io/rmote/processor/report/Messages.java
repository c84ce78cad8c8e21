package io.rmote.processor.report;

import io.rmote.processor.model.EnumModel;
import io.rmote.processor.model.Names;
import io.rmote.processor.model.RecordModel;
import io.rmote.processor.model.ToolException;
import io.rmote.processor.model.ToolInterface;
import io.rmote.processor.model.ToolMethod;
import io.rmote.processor.model.ToolParam;
import io.rmote.processor.model.TypeTable;
import io.rmote.processor.source.PyAssignment;
import io.rmote.processor.source.PyClass;
import io.rmote.processor.source.PyField;
import io.rmote.processor.source.PyFunction;
import io.rmote.processor.source.PyParam;
import io.rmote.processor.source.PythonScanner;
import io.rmote.processor.source.VersionUse;
import java.io.IOException;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Every text the processor shows, in one place. Each says what disagrees, where in the Python
 * source ({@code file:line}), and what to change, and comes as a {@link Diagnostic} whose {@link
 * DiagnosticId} gives it a stable id and its kind (error or warning).
 */
public final class Messages {

  // ---- the interface and its types -----------------------------------------------------------

  public static Diagnostic notAnInterface(TypeElement type) {
    return new Diagnostic(
        DiagnosticId.NOT_AN_INTERFACE,
        "@RemoteTool goes on an interface, and "
            + type.getSimpleName()
            + " is a "
            + kind(type)
            + ": make it an interface (the processor generates the class)");
  }

  public static Diagnostic genericInterface(TypeElement type) {
    return new Diagnostic(
        DiagnosticId.GENERIC_INTERFACE,
        "a @RemoteTool interface cannot have type parameters: remove them from "
            + type.getSimpleName());
  }

  public static Diagnostic genericMethod(ExecutableElement m) {
    return new Diagnostic(
        DiagnosticId.GENERIC_METHOD,
        "remote method "
            + m.getSimpleName()
            + " cannot have type parameters: the processor must know the"
            + " Java type of every value");
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

  public static Diagnostic rawType(TypeMirror t, String place) {
    return new Diagnostic(
        DiagnosticId.RAW_TYPE, place + " has the raw type " + t + ": give its type arguments");
  }

  public static Diagnostic unsupportedType(TypeMirror t, String place) {
    return new Diagnostic(
        DiagnosticId.UNSUPPORTED_TYPE,
        place
            + " has the type "
            + t
            + ", which has no wire mapping; use one of: "
            + TypeTable.supported());
  }

  // ---- the source ------------------------------------------------------------------------------

  public static Diagnostic sourceMissing(String path, List<String> searched) {
    return new Diagnostic(
        DiagnosticId.SOURCE_MISSING,
        "Python source "
            + path
            + " not found; looked in "
            + String.join(", ", searched)
            + ". Put it under the resources (src/main/resources/"
            + path
            + "), or name its folder with"
            + " -Armote.sourcePath=DIR");
  }

  public static Diagnostic sourceUnreadable(String path, String problem) {
    return new Diagnostic(
        DiagnosticId.SOURCE_UNREADABLE, "cannot read the Python source " + path + ": " + problem);
  }

  public static Diagnostic annotationUnreadable(
      ToolInterface tool, String annotation, int line, String problem) {
    return new Diagnostic(
        DiagnosticId.ANNOTATION_UNREADABLE,
        "cannot read the Python annotation '"
            + annotation
            + "' near "
            + tool.source()
            + ":"
            + line
            + " ("
            + problem
            + "): its type is not checked");
  }

  // ---- the Python versions the source runs on --------------------------------------------------

  public static Diagnostic requiresPythonInvalid(String where, String value) {
    return new Diagnostic(
        DiagnosticId.REQUIRES_PYTHON_INVALID,
        where
            + " \""
            + value
            + "\" is not a Python version rmote runs on: write \"3.N\" with N from 6 (the oldest"
            + " Python the runtime supports), such as \"3.8\"");
  }

  public static Diagnostic syntaxTooNew(ToolInterface tool, VersionUse use, String declared) {
    return new Diagnostic(
        DiagnosticId.SYNTAX_TOO_NEW,
        at(tool, use.line())
            + " uses "
            + use.what()
            + ", which needs Python 3."
            + use.added()
            + "; "
            + declared);
  }

  public static Diagnostic moduleTooNew(ToolInterface tool, VersionUse use, String declared) {
    return new Diagnostic(
        DiagnosticId.MODULE_TOO_NEW,
        at(tool, use.line())
            + " imports "
            + use.what()
            + ", which is new in Python 3."
            + use.added()
            + "; "
            + declared
            + ". Guard the import with try/except ImportError, or declare a newer Python");
  }

  public static Diagnostic moduleRemoved(ToolInterface tool, VersionUse use) {
    return new Diagnostic(
        DiagnosticId.MODULE_REMOVED,
        at(tool, use.line())
            + " imports "
            + use.what()
            + ", which Python 3."
            + use.removed()
            + " removed: the tool fails there. Guard the import with try/except ImportError (or"
            + " if sys.version_info < (3, "
            + use.removed()
            + "))");
  }

  // ---- the tool class and its methods
  // ------------------------------------------------------------

  public static Diagnostic classMissing(ToolInterface tool, String hint) {
    return new Diagnostic(
        DiagnosticId.CLASS_MISSING,
        "no class "
            + tool.pythonClass()
            + " in "
            + tool.source()
            + (hint == null ? "" : "; did you mean " + hint + "?")
            + " Name the Python class with @RemoteTool(name = \"...\")");
  }

  public static Diagnostic toolHasInit(ToolInterface tool, PyClass owner, PyFunction init) {
    return new Diagnostic(
        DiagnosticId.TOOL_HAS_INIT,
        "Python tool "
            + tool.pythonClass()
            + " has __init__ ("
            + owner.name()
            + ", "
            + at(tool, init.line())
            + "): a tool is never instantiated, so remove __init__ and keep state out of the class");
  }

  public static Diagnostic methodMissing(ToolInterface tool, ToolMethod m, String hint) {
    return new Diagnostic(
        DiagnosticId.METHOD_MISSING,
        "no method "
            + m.pythonName()
            + " in Python class "
            + tool.pythonClass()
            + " ("
            + tool.source()
            + ")"
            + (hint == null
                ? ""
                : "; did you mean " + hint + " (Java: " + Names.camelCase(hint) + ")?")
            + " Rename the Java method or give the Python name with @PythonName");
  }

  public static Diagnostic instanceMethod(ToolInterface tool, PyClass owner, PyFunction f) {
    return new Diagnostic(
        DiagnosticId.INSTANCE_METHOD,
        owner.name()
            + "."
            + f.name()
            + " ("
            + at(tool, f.line())
            + ") is an instance method; a tool's methods"
            + " run without an instance: decorate it with @staticmethod or @classmethod");
  }

  public static Diagnostic parameterMissing(
      ToolInterface tool, ToolMethod m, PyFunction f, ToolParam p, String hint) {
    return new Diagnostic(
        DiagnosticId.PARAMETER_MISSING,
        "parameter '"
            + p.javaName()
            + "' has no counterpart: "
            + signature(f)
            + " ("
            + at(tool, f.line())
            + ") has no parameter "
            + p.pythonName()
            + (hint == null
                ? ""
                : "; did you mean " + hint + " (Java: " + Names.camelCase(hint) + ")?")
            + " Rename it or give the Python name with @PythonName");
  }

  public static Diagnostic requiredNotCovered(
      ToolInterface tool, ToolMethod m, PyFunction f, PyParam p) {
    return new Diagnostic(
        DiagnosticId.REQUIRED_NOT_COVERED,
        "Python parameter "
            + p.name()
            + " of "
            + signature(f)
            + " ("
            + at(tool, f.line())
            + ") has no default and no Java parameter: add a parameter "
            + Names.camelCase(p.name())
            + " to "
            + m.element().getSimpleName()
            + "()");
  }

  public static Diagnostic varargsWithoutStar(ToolInterface tool, ToolMethod m, PyFunction f) {
    return new Diagnostic(
        DiagnosticId.VARARGS_WITHOUT_STAR,
        "Java varargs become *args, but "
            + signature(f)
            + " ("
            + at(tool, f.line())
            + ") takes no *args: make the parameter a List, or add *args to the Python method");
  }

  public static Diagnostic varargsNeedEarlierArguments(
      ToolInterface tool, ToolMethod m, PyFunction f, PyParam p) {
    return new Diagnostic(
        DiagnosticId.VARARGS_NEED_EARLIER_ARGUMENTS,
        "*args can only be passed after every parameter before it, and "
            + m.element().getSimpleName()
            + "() has no Java parameter for "
            + p.name()
            + " of "
            + signature(f)
            + " ("
            + at(tool, f.line())
            + "): add one");
  }

  public static Diagnostic parameterNotAnnotated(ToolInterface tool, PyFunction f, PyParam p) {
    return new Diagnostic(
        DiagnosticId.PARAMETER_NOT_ANNOTATED,
        "Python parameter "
            + p.name()
            + " of "
            + f.name()
            + " ("
            + at(tool, f.line())
            + ") has no annotation, so its type is not checked");
  }

  public static Diagnostic returnNotAnnotated(ToolInterface tool, PyFunction f) {
    return new Diagnostic(
        DiagnosticId.RETURN_NOT_ANNOTATED,
        "Python method "
            + f.name()
            + " ("
            + at(tool, f.line())
            + ") has no return annotation, so its result's type is not checked");
  }

  public static Diagnostic parameterMismatch(
      ToolInterface tool, ToolMethod m, PyFunction f, ToolParam p, PyParam pp, String problem) {
    return new Diagnostic(
        DiagnosticId.PARAMETER_MISMATCH,
        "parameter '"
            + p.javaName()
            + "' is "
            + p.type().mirror()
            + ", but Python's "
            + f.name()
            + " ("
            + at(tool, f.line())
            + ") annotates "
            + pp.name()
            + " as "
            + pp.annotation()
            + because(problem, pp.annotation()));
  }

  public static Diagnostic resultMismatch(
      ToolInterface tool, ToolMethod m, PyFunction f, String problem) {
    return new Diagnostic(
        DiagnosticId.RESULT_MISMATCH,
        m.element().getSimpleName()
            + "() returns "
            + m.returns().mirror()
            + ", but Python's "
            + f.name()
            + " ("
            + at(tool, f.line())
            + ") returns "
            + f.returns()
            + because(problem, f.returns()));
  }

  // ---- records and enums ------------------------------------------------------------------------

  public static Diagnostic dataclassMissing(
      ToolInterface tool, RecordModel r, PyClass found, String hint) {
    return new Diagnostic(
        DiagnosticId.DATACLASS_MISSING,
        "record "
            + r.element().getSimpleName()
            + " maps to Python class "
            + r.pythonName()
            + ", but "
            + tool.source()
            + (found == null
                ? " defines no such class"
                : " defines it (line " + found.line() + ") as neither a dataclass nor a namedtuple")
            + (hint == null ? "." : "; did you mean " + hint + "?")
            + " Name it with @PythonName");
  }

  public static Diagnostic fieldMissing(
      ToolInterface tool, RecordModel r, PyClass c, RecordModel.Component comp, String hint) {
    return new Diagnostic(
        DiagnosticId.FIELD_MISSING,
        "record component '"
            + comp.javaName()
            + "' has no field "
            + comp.pythonName()
            + " in "
            + c.qualifiedName()
            + " ("
            + at(tool, c.line())
            + ")"
            + (hint == null ? "." : "; did you mean " + hint + "?")
            + " Remove the component, or give the field's name with @PythonName");
  }

  public static Diagnostic componentMissing(
      ToolInterface tool, RecordModel r, PyClass c, PyField f) {
    return new Diagnostic(
        DiagnosticId.COMPONENT_MISSING,
        "record "
            + r.element().getSimpleName()
            + " has no component for field "
            + f.name()
            + " of "
            + c.qualifiedName()
            + " ("
            + at(tool, f.line())
            + "): add "
            + (f.annotation() == null ? "" : javaFor(f.annotation()) + " ")
            + Names.camelCase(f.name()));
  }

  public static Diagnostic fieldMismatch(
      ToolInterface tool,
      RecordModel r,
      PyClass c,
      RecordModel.Component comp,
      PyField f,
      String problem) {
    return new Diagnostic(
        DiagnosticId.FIELD_MISMATCH,
        "record component '"
            + comp.javaName()
            + "' is "
            + comp.type().mirror()
            + ", but field "
            + f.name()
            + " of "
            + c.qualifiedName()
            + " ("
            + at(tool, f.line())
            + ") is "
            + f.annotation()
            + because(problem, f.annotation()));
  }

  public static Diagnostic enumMissing(
      ToolInterface tool, EnumModel e, PyClass found, String hint) {
    return new Diagnostic(
        DiagnosticId.ENUM_MISSING,
        "enum "
            + e.element().getSimpleName()
            + " maps to Python enum "
            + e.pythonName()
            + ", but "
            + tool.source()
            + (found == null
                ? " defines no such class"
                : " defines it (line " + found.line() + ") as a class that is not an enum")
            + (hint == null ? "." : "; did you mean " + hint + "?")
            + " Name it with @PythonName");
  }

  public static Diagnostic memberMissing(
      ToolInterface tool, EnumModel e, PyClass c, EnumModel.Constant k, String hint) {
    return new Diagnostic(
        DiagnosticId.MEMBER_MISSING,
        "enum constant "
            + k.javaName()
            + " has no member "
            + k.pythonName()
            + " in Python enum "
            + c.qualifiedName()
            + " ("
            + at(tool, c.line())
            + ")"
            + (hint == null ? "." : "; did you mean " + hint + "?")
            + " Remove it, or give the member's name with @PythonName");
  }

  public static Diagnostic constantMissing(
      ToolInterface tool, EnumModel e, PyClass c, PyAssignment member) {
    return new Diagnostic(
        DiagnosticId.CONSTANT_MISSING,
        "enum "
            + e.element().getSimpleName()
            + " has no constant for member "
            + member.name()
            + " of "
            + c.qualifiedName()
            + " ("
            + at(tool, member.line())
            + "): add "
            + member.name());
  }

  // ---- the processor itself
  // -----------------------------------------------------------------------

  public static Diagnostic processorFailed(TypeElement type, RuntimeException e) {
    return new Diagnostic(
        DiagnosticId.PROCESSOR_FAILED,
        "rmote processor failed on "
            + type
            + ": "
            + e
            + " (a bug of the processor: please report it with this interface)");
  }

  public static Diagnostic writeFailed(String file, IOException e) {
    return new Diagnostic(DiagnosticId.WRITE_FAILED, "cannot write " + file + ": " + e);
  }

  public static Diagnostic asyncNameTaken(TypeElement tool, String twin) {
    return new Diagnostic(
        DiagnosticId.ASYNC_NAME_TAKEN,
        "the processor generates "
            + twin
            + ", the async twin of "
            + tool.getSimpleName()
            + ", but a type of that name already exists: rename it, or move "
            + tool.getSimpleName()
            + " to another package");
  }

  // ---- helpers
  // ------------------------------------------------------------------------------------

  private static String because(String problem, String annotation) {
    if (!problem.isEmpty()) return ": " + problem;
    String suggestion = javaFor(annotation);
    return suggestion == null ? ": the types contradict each other" : ": use " + suggestion;
  }

  // ---- the tool's own exception classes -------------------------------------------------------

  public static Diagnostic exceptionConstructor(TypeElement e, int usable) {
    return new Diagnostic(
        DiagnosticId.EXCEPTION_CONSTRUCTOR,
        "tool exception "
            + e.getSimpleName()
            + (usable == 0
                ? " has no public constructor taking PythonException.Details first"
                : usable > 1
                    ? " has " + usable + " public constructors taking PythonException.Details first"
                    : " is abstract")
            + ": give it exactly one, (Details details, <fields...>), each further parameter an"
            + " attribute of the Python exception; the generated proxy calls it");
  }

  public static Diagnostic exceptionFieldType(
      TypeElement e, VariableElement p, java.util.Collection<String> supported) {
    return new Diagnostic(
        DiagnosticId.EXCEPTION_FIELD_TYPE,
        "parameter '"
            + p.getSimpleName()
            + "' of "
            + e.getSimpleName()
            + "'s constructor has the type "
            + p.asType()
            + ", which an exception field cannot take; use one of "
            + new java.util.TreeSet<>(supported));
  }

  public static Diagnostic exceptionMissing(ToolInterface tool, ToolException x, String hint) {
    return new Diagnostic(
        DiagnosticId.EXCEPTION_MISSING,
        "no class "
            + x.pythonName()
            + " in "
            + tool.source()
            + " for tool exception "
            + x.element().getSimpleName()
            + (hint == null ? "" : "; did you mean " + hint + "?")
            + " Name the Python class with @PythonName(\"...\")");
  }

  public static Diagnostic exceptionBaseUnknown(
      ToolInterface tool, ToolException x, PyClass c, String base) {
    return new Diagnostic(
        DiagnosticId.EXCEPTION_BASE_UNKNOWN,
        c.qualifiedName()
            + " ("
            + at(tool, c.line())
            + ") derives from "
            + (base == null ? "no class" : base)
            + ", which is neither a class of "
            + tool.source()
            + " nor a Python built-in exception of io.rmote.python, so "
            + x.element().getSimpleName()
            + " cannot be checked: derive the Python class from a built-in exception");
  }

  public static Diagnostic exceptionBaseMismatch(
      ToolInterface tool, ToolException x, PyClass c, String pythonBase, String javaClass) {
    return new Diagnostic(
        DiagnosticId.EXCEPTION_BASE_MISMATCH,
        c.qualifiedName()
            + " ("
            + at(tool, c.line())
            + ") derives from "
            + pythonBase
            + ", so "
            + x.element().getSimpleName()
            + " must extend "
            + javaClass
            + " (and no other io.rmote.python class nearer), as code catching that class expects"
            + " to catch it");
  }

  public static Diagnostic exceptionFieldMissing(
      ToolInterface tool, ToolException x, PyClass c, ToolException.Field f, String hint) {
    return new Diagnostic(
        DiagnosticId.EXCEPTION_FIELD_MISSING,
        "parameter '"
            + f.element().getSimpleName()
            + "' of "
            + x.element().getSimpleName()
            + " reads the attribute "
            + f.pythonName()
            + ", which "
            + c.qualifiedName()
            + " ("
            + at(tool, c.line())
            + ") never sets as self."
            + f.pythonName()
            + (hint == null ? "" : "; did you mean " + hint + "?")
            + " Set it in the Python class, or name it with @PythonName");
  }

  private static String at(ToolInterface tool, int line) {
    return tool.source() + ":" + line;
  }

  private static String signature(PyFunction f) {
    StringBuilder s = new StringBuilder(f.name()).append('(');
    String sep = "";
    for (PyParam p : f.params()) {
      s.append(sep)
          .append(
              p.kind() == PyParam.Kind.VAR_POSITIONAL
                  ? "*"
                  : p.kind() == PyParam.Kind.VAR_KEYWORD ? "**" : "")
          .append(p.name());
      sep = ", ";
    }
    return s.append(')').toString();
  }

  private static String kind(TypeElement t) {
    return t.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  /**
   * The Java type that would agree with a Python annotation, or {@code null} if none is obvious.
   */
  static String javaFor(String annotation) {
    try {
      return TypeTable.javaFor(PythonScanner.parseType(annotation), false);
    } catch (Exception e) {
      return null;
    }
  }

  private Messages() {}
}
