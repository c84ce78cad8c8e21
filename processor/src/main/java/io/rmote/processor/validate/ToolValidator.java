package io.rmote.processor.validate;

import io.rmote.processor.model.EnumModel;
import io.rmote.processor.model.JavaType;
import io.rmote.processor.model.ModelBuilder;
import io.rmote.processor.model.RecordModel;
import io.rmote.processor.model.ToolInterface;
import io.rmote.processor.model.ToolMethod;
import io.rmote.processor.model.ToolParam;
import io.rmote.processor.report.DidYouMean;
import io.rmote.processor.report.Messages;
import io.rmote.processor.report.Reporter;
import io.rmote.processor.source.PyAssignment;
import io.rmote.processor.source.PyClass;
import io.rmote.processor.source.PyField;
import io.rmote.processor.source.PyFunction;
import io.rmote.processor.source.PyModule;
import io.rmote.processor.source.PyParam;
import io.rmote.processor.source.PyType;
import io.rmote.processor.source.PythonScanner;
import io.rmote.processor.source.PythonSyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Stage two: checks a {@link ToolInterface} and the records and enums it reaches against the
 * scanned Python source. Every disagreement is reported on its Java element, and checking goes on
 * to the end, so one compile shows them all.
 */
public final class ToolValidator {
  private final Reporter reporter;
  private final ModelBuilder models;

  /** The Python type name each record and enum is written as, found while checking. */
  private final Map<TypeElement, String> wireNames = new HashMap<>();

  /** Where each record's and enum's Python class is, such as {@code tools/x.py line 12}. */
  private final Map<TypeElement, String> places = new HashMap<>();

  private final ExceptionCheck exceptions;

  public ToolValidator(Reporter reporter, ModelBuilder models, Elements elements) {
    this.reporter = reporter;
    this.models = models;
    this.exceptions = new ExceptionCheck(reporter, elements);
  }

  /** The Python type name the remote knows a record or enum by ({@code __qualname__}). */
  public String wireName(TypeElement recordOrEnum) {
    String n = wireNames.get(recordOrEnum);
    if (n != null) return n;
    RecordModel r = models.records().get(recordOrEnum);
    return r != null ? r.pythonName() : models.enums().get(recordOrEnum).pythonName();
  }

  /** Where the Python class of a record or enum was found, for generated Javadoc. */
  public String place(TypeElement recordOrEnum) {
    return places.getOrDefault(recordOrEnum, "");
  }

  /** The checked tool, or {@code null} if it disagrees with the Python source (all reported). */
  public BoundTool validate(ToolInterface tool, PyModule module) {
    int errorsBefore = reporter.errorCount();
    PythonIndex index = new PythonIndex(module);
    PyClass pyClass = module.findClass(tool.pythonClass()).orElse(null);
    if (pyClass == null) {
      List<String> names = module.classes().stream().map(PyClass::name).toList();
      reporter.report(
          tool.element(),
          Messages.classMissing(tool, DidYouMean.closest(tool.pythonClass(), names)));
      return null;
    }
    Map<String, PythonIndex.Owned> functions = index.methods(pyClass);
    PythonIndex.Owned init = functions.get("__init__");
    if (init != null)
      reporter.report(tool.element(), Messages.toolHasInit(tool, init.owner(), init.function()));

    TypeCheck check = new TypeCheck(index, pyClass, models.records(), models.enums());
    List<BoundTool.Method> methods = new ArrayList<>();
    for (ToolMethod m : tool.methods()) {
      BoundTool.Method bound = method(tool, m, functions, check);
      if (bound != null) methods.add(bound);
    }
    for (TypeElement e : reachable(tool)) {
      RecordModel r = models.records().get(e);
      if (r != null) {
        record(tool, r, index, pyClass, check);
      } else {
        enumeration(tool, models.enums().get(e), index, pyClass);
      }
    }
    exceptions.check(tool, index);
    return reporter.errorCount() == errorsBefore ? new BoundTool(tool, pyClass, methods) : null;
  }

  private BoundTool.Method method(
      ToolInterface tool, ToolMethod m, Map<String, PythonIndex.Owned> functions, TypeCheck check) {
    PythonIndex.Owned owned = functions.get(m.pythonName());
    if (owned == null) {
      List<String> names = functions.keySet().stream().filter(n -> !n.startsWith("__")).toList();
      reporter.report(
          m.element(), Messages.methodMissing(tool, m, DidYouMean.closest(m.pythonName(), names)));
      return null;
    }
    PyFunction f = owned.function();
    boolean isStatic =
        f.decorators().stream().anyMatch(d -> PythonIndex.last(d).equals("staticmethod"));
    boolean isClass =
        f.decorators().stream().anyMatch(d -> PythonIndex.last(d).equals("classmethod"));
    if (!isStatic && !isClass) {
      reporter.report(m.element(), Messages.instanceMethod(tool, owned.owner(), f));
      return null;
    }
    List<PyParam> params = new ArrayList<>(f.params());
    if (isClass && !params.isEmpty()) params.remove(0);
    List<BoundTool.Arg> args = arguments(tool, m, f, params, check);
    if (args == null) return null;

    if (!(m.returns() instanceof JavaType.Builtin b && b.kind() == JavaType.Kind.VOID)) {
      if (f.returns() == null) {
        reporter.report(m.element(), Messages.returnNotAnnotated(tool, f));
      } else {
        PyType t = parse(m.element(), tool, f.returns(), f.line());
        String problem =
            t == null ? null : check.problem(m.returns(), t, TypeCheck.Direction.RESULT);
        if (problem != null) {
          reporter.report(m.element(), Messages.resultMismatch(tool, m, f, problem));
        }
      }
    }
    return new BoundTool.Method(m, f, owned.owner(), args);
  }

  private List<BoundTool.Arg> arguments(
      ToolInterface tool, ToolMethod m, PyFunction f, List<PyParam> params, TypeCheck check) {
    boolean ok = true;
    Map<String, PyParam> byName = new LinkedHashMap<>();
    PyParam star = null;
    PyParam starStar = null;
    for (PyParam p : params) {
      if (p.kind() == PyParam.Kind.VAR_POSITIONAL) star = p;
      else if (p.kind() == PyParam.Kind.VAR_KEYWORD) starStar = p;
      else byName.put(p.name(), p);
    }
    Map<String, ToolParam> javaByPython = new HashMap<>();
    List<ToolParam> extra = new ArrayList<>();
    for (ToolParam jp : m.params()) {
      if (jp.varargs()) {
        if (star == null) {
          reporter.report(jp.element(), Messages.varargsWithoutStar(tool, m, f));
          ok = false;
        } else {
          checkType(tool, m, f, jp, star, check);
        }
        continue;
      }
      PyParam pp = byName.get(jp.pythonName());
      if (pp == null) {
        if (starStar != null) {
          extra.add(jp);
          continue;
        }
        List<String> names = new ArrayList<>(byName.keySet());
        names.removeAll(m.params().stream().map(ToolParam::pythonName).toList());
        reporter.report(
            jp.element(),
            Messages.parameterMissing(tool, m, f, jp, DidYouMean.closest(jp.pythonName(), names)));
        ok = false;
        continue;
      }
      javaByPython.put(pp.name(), jp);
      checkType(tool, m, f, jp, pp, check);
    }
    for (PyParam pp : byName.values()) {
      if (pp.required() && !javaByPython.containsKey(pp.name())) {
        reporter.report(m.element(), Messages.requiredNotCovered(tool, m, f, pp));
        ok = false;
      }
    }
    if (!ok) return null;

    // Positional while every argument is sure to be there; by keyword from the first one that
    // may be left out, so that leaving it out does not shift the ones after it.
    List<BoundTool.Arg> args = new ArrayList<>();
    boolean keywords = false;
    boolean spreads = m.varargs() != null;
    for (PyParam pp : params) {
      ToolParam jp = javaByPython.get(pp.name());
      switch (pp.kind()) {
        case POSITIONAL_ONLY:
        case POSITIONAL_OR_KEYWORD:
          if (jp == null) {
            if (spreads) {
              reporter.report(m.element(), Messages.varargsNeedEarlierArguments(tool, m, f, pp));
              return null;
            }
            keywords = true;
          } else if (spreads || (!keywords && !(pp.defaultValue() != null && jp.nullable()))) {
            args.add(new BoundTool.Arg(jp, BoundTool.Passing.POSITIONAL));
          } else if (pp.kind() == PyParam.Kind.POSITIONAL_ONLY) {
            args.add(new BoundTool.Arg(jp, BoundTool.Passing.POSITIONAL_UNLESS_NULL));
          } else {
            keywords = true;
            args.add(keyword(jp, pp));
          }
          break;
        case VAR_POSITIONAL:
          if (spreads) args.add(new BoundTool.Arg(m.varargs(), BoundTool.Passing.VARARGS));
          break;
        case KEYWORD_ONLY:
          if (jp != null) args.add(keyword(jp, pp));
          break;
        default:
          break;
      }
    }
    for (ToolParam jp : extra) args.add(new BoundTool.Arg(jp, BoundTool.Passing.KEYWORD));
    return args;
  }

  private static BoundTool.Arg keyword(ToolParam jp, PyParam pp) {
    boolean omit = pp.defaultValue() != null && jp.nullable();
    return new BoundTool.Arg(
        jp, omit ? BoundTool.Passing.KEYWORD_UNLESS_NULL : BoundTool.Passing.KEYWORD);
  }

  private void checkType(
      ToolInterface tool, ToolMethod m, PyFunction f, ToolParam jp, PyParam pp, TypeCheck check) {
    if (pp.annotation() == null) {
      reporter.report(jp.element(), Messages.parameterNotAnnotated(tool, f, pp));
      return;
    }
    PyType t = parse(jp.element(), tool, pp.annotation(), f.line());
    String problem = t == null ? null : check.problem(jp.type(), t, TypeCheck.Direction.ARGUMENT);
    if (problem != null)
      reporter.report(jp.element(), Messages.parameterMismatch(tool, m, f, jp, pp, problem));
  }

  private void record(
      ToolInterface tool, RecordModel r, PythonIndex index, PyClass pyTool, TypeCheck check) {
    PyClass c = index.resolve(r.pythonName(), pyTool);
    if (c == null || !PythonIndex.isRecord(c)) {
      String hint = DidYouMean.closest(r.pythonName(), index.names(false));
      reporter.report(r.element(), Messages.dataclassMissing(tool, r, c, hint));
      return;
    }
    wireNames.putIfAbsent(r.element(), c.qualifiedName());
    places.putIfAbsent(r.element(), tool.source() + " line " + c.line());
    Map<String, PyField> fields = new LinkedHashMap<>();
    for (PyField f : PythonIndex.fields(c)) fields.put(f.name(), f);
    Set<String> covered = new LinkedHashSet<>();
    for (RecordModel.Component comp : r.components()) {
      PyField f = fields.get(comp.pythonName());
      if (f == null) {
        List<String> left = new ArrayList<>(fields.keySet());
        left.removeAll(r.components().stream().map(RecordModel.Component::pythonName).toList());
        reporter.report(
            comp.element(),
            Messages.fieldMissing(tool, r, c, comp, DidYouMean.closest(comp.pythonName(), left)));
        continue;
      }
      covered.add(f.name());
      if (f.annotation() == null) continue;
      PyType t = parse(comp.element(), tool, f.annotation(), f.line());
      // A record travels both ways: it must agree as a result and as an argument.
      String problem = t == null ? null : check.problem(comp.type(), t, TypeCheck.Direction.RESULT);
      if (problem != null)
        reporter.report(comp.element(), Messages.fieldMismatch(tool, r, c, comp, f, problem));
    }
    for (PyField f : fields.values()) {
      if (!covered.contains(f.name())
          && r.components().stream().noneMatch(x -> x.pythonName().equals(f.name()))) {
        reporter.report(r.element(), Messages.componentMissing(tool, r, c, f));
      }
    }
  }

  private void enumeration(ToolInterface tool, EnumModel e, PythonIndex index, PyClass pyTool) {
    PyClass c = index.resolve(e.pythonName(), pyTool);
    if (c == null || !index.isEnum(c)) {
      reporter.report(
          e.element(),
          Messages.enumMissing(tool, e, c, DidYouMean.closest(e.pythonName(), index.names(true))));
      return;
    }
    wireNames.putIfAbsent(e.element(), c.qualifiedName());
    places.putIfAbsent(e.element(), tool.source() + " line " + c.line());
    Map<String, PyAssignment> members = new LinkedHashMap<>();
    for (PyAssignment a : c.assignments()) if (!a.name().startsWith("_")) members.put(a.name(), a);
    Set<String> javaMembers = new LinkedHashSet<>();
    for (EnumModel.Constant k : e.constants()) {
      javaMembers.add(k.pythonName());
      if (!members.containsKey(k.pythonName())) {
        List<String> left = new ArrayList<>(members.keySet());
        left.removeAll(e.constants().stream().map(EnumModel.Constant::pythonName).toList());
        reporter.report(
            k.element(),
            Messages.memberMissing(tool, e, c, k, DidYouMean.closest(k.pythonName(), left)));
      }
    }
    for (PyAssignment a : members.values()) {
      if (!javaMembers.contains(a.name()))
        reporter.report(e.element(), Messages.constantMissing(tool, e, c, a));
    }
  }

  /** The records and enums a tool's signatures reach, each once, in the order met. */
  public List<TypeElement> reachable(ToolInterface tool) {
    Set<TypeElement> seen = new LinkedHashSet<>();
    for (ToolMethod m : tool.methods()) {
      reach(m.returns(), seen);
      for (ToolParam p : m.params()) reach(p.type(), seen);
    }
    return new ArrayList<>(seen);
  }

  private void reach(JavaType t, Set<TypeElement> seen) {
    if (t instanceof JavaType.ListOf l) reach(l.element(), seen);
    else if (t instanceof JavaType.SetOf s) reach(s.element(), seen);
    else if (t instanceof JavaType.OptionalOf o) reach(o.value(), seen);
    else if (t instanceof JavaType.MapOf m) {
      reach(m.key(), seen);
      reach(m.value(), seen);
    } else if (t instanceof JavaType.EnumRef e) {
      seen.add(e.element());
    } else if (t instanceof JavaType.RecordRef r && seen.add(r.element())) {
      RecordModel model = models.records().get(r.element());
      if (model != null) for (RecordModel.Component c : model.components()) reach(c.type(), seen);
    }
  }

  private PyType parse(Element where, ToolInterface tool, String annotation, int line) {
    try {
      return PythonScanner.parseType(annotation);
    } catch (PythonSyntaxException | RuntimeException e) {
      reporter.report(where, Messages.annotationUnreadable(tool, annotation, line, e.getMessage()));
      return null;
    }
  }
}
