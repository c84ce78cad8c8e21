package io.rmote.processor.model;

import io.rmote.annotations.PythonName;
import io.rmote.annotations.RemoteTool;
import io.rmote.processor.report.Messages;
import io.rmote.processor.report.Reporter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Reads {@code @RemoteTool} interfaces into {@link ToolInterface}s, and every record and enum their
 * signatures reach into {@link RecordModel}s and {@link EnumModel}s. An unsupported type is
 * reported on the element that uses it.
 */
public final class ModelBuilder {
  private final Reporter reporter;
  private final Map<TypeElement, RecordModel> records = new LinkedHashMap<>();
  private final Map<TypeElement, EnumModel> enums = new LinkedHashMap<>();

  public ModelBuilder(Reporter reporter) {
    this.reporter = reporter;
  }

  /** Every record reached so far, in the order found. */
  public Map<TypeElement, RecordModel> records() {
    return records;
  }

  /** Every enum reached so far, in the order found. */
  public Map<TypeElement, EnumModel> enums() {
    return enums;
  }

  /** The model of an annotated type, or {@code null} if it is not an interface (reported). */
  public ToolInterface tool(TypeElement type) {
    AnnotationMirror annotation = annotation(type, RemoteTool.class.getName());
    if (type.getKind() != ElementKind.INTERFACE) {
      reporter.report(type, Messages.notAnInterface(type));
      return null;
    }
    if (!type.getTypeParameters().isEmpty()) {
      reporter.report(type, Messages.genericInterface(type));
      return null;
    }
    RemoteTool tool = type.getAnnotation(RemoteTool.class);
    String className = tool.name().isEmpty() ? type.getSimpleName().toString() : tool.name();
    List<ToolMethod> methods = new ArrayList<>();
    List<ExecutableElement> declared = abstractMethods(type);
    for (ExecutableElement m : declared) {
      ToolMethod tm = method(m);
      if (tm != null) methods.add(tm);
    }
    return new ToolInterface(
        type,
        annotation,
        value(annotation, "source"),
        tool.source(),
        className,
        methods,
        tool.requiresPython(),
        value(annotation, "requiresPython"),
        ToolExceptions.of(reporter, declared));
  }

  private ToolMethod method(ExecutableElement m) {
    if (!m.getTypeParameters().isEmpty()) {
      reporter.report(m, Messages.genericMethod(m));
      return null;
    }
    boolean ok = true;
    List<ToolParam> params = new ArrayList<>();
    List<? extends VariableElement> ps = m.getParameters();
    for (int i = 0; i < ps.size(); i++) {
      VariableElement p = ps.get(i);
      boolean varargs = m.isVarArgs() && i == ps.size() - 1;
      TypeMirror t = varargs ? ((ArrayType) p.asType()).getComponentType() : p.asType();
      JavaType type = map(t, p, Messages.parameterPlace(p));
      String javaName = p.getSimpleName().toString();
      String pythonName = pythonName(p, Names.snakeCase(javaName));
      if (type == null) {
        ok = false;
      } else {
        params.add(new ToolParam(p, javaName, pythonName, type, varargs));
      }
    }
    TypeMirror r = m.getReturnType();
    boolean future = false;
    if (r.getKind() == TypeKind.DECLARED
        && qualifiedName(r).equals("java.util.concurrent.CompletableFuture")) {
      future = true;
      List<? extends TypeMirror> args = ((DeclaredType) r).getTypeArguments();
      if (args.isEmpty()) {
        reporter.report(m, Messages.rawType(r, Messages.resultPlace(m)));
        return null;
      }
      r = args.get(0);
    }
    JavaType returns =
        r.getKind() == TypeKind.VOID
            ? new JavaType.Builtin(JavaType.Kind.VOID, r)
            : map(r, m, Messages.resultPlace(m));
    if (returns == null || !ok) return null;
    String pythonName = pythonName(m, Names.snakeCase(m.getSimpleName().toString()));
    return new ToolMethod(m, pythonName, params, returns, future);
  }

  /**
   * The wire mapping of {@code t}, or {@code null} after reporting on {@code where} that it has
   * none. {@code place} says what has the type, such as {@code parameter 'path'}.
   */
  public JavaType map(TypeMirror t, Element where, String place) {
    switch (t.getKind()) {
      case LONG:
        return builtin(JavaType.Kind.LONG, t);
      case INT:
        return builtin(JavaType.Kind.INTEGER, t);
      case SHORT:
        return builtin(JavaType.Kind.SHORT, t);
      case BYTE:
        return builtin(JavaType.Kind.BYTE, t);
      case BOOLEAN:
        return builtin(JavaType.Kind.BOOLEAN, t);
      case DOUBLE:
        return builtin(JavaType.Kind.DOUBLE, t);
      case FLOAT:
        return builtin(JavaType.Kind.FLOAT, t);
      case ARRAY:
        if (((ArrayType) t).getComponentType().getKind() == TypeKind.BYTE)
          return builtin(JavaType.Kind.BYTES, t);
        break;
      case DECLARED:
        return declared((DeclaredType) t, where, place);
      default:
        break;
    }
    reporter.report(where, Messages.unsupportedType(t, place));
    return null;
  }

  private JavaType declared(DeclaredType t, Element where, String place) {
    TypeElement e = (TypeElement) t.asElement();
    String name = e.getQualifiedName().toString();
    JavaType.Kind kind = TypeTable.kindOf(name);
    if (kind != null) return builtin(kind, t);
    List<? extends TypeMirror> args = t.getTypeArguments();
    JavaType.Container container = TypeTable.containerOf(name);
    if (container == JavaType.Container.MAP) {
      if (args.size() == 2
          && args.get(0).getKind() == TypeKind.DECLARED
          && args.get(1).getKind() == TypeKind.DECLARED) {
        JavaType k = map(args.get(0), where, place);
        JavaType v = map(args.get(1), where, place);
        return k == null || v == null ? null : new JavaType.MapOf(k, v, t);
      }
    } else if (container != null) {
      if (args.size() == 1 && args.get(0).getKind() == TypeKind.DECLARED) {
        JavaType inner = map(args.get(0), where, place);
        if (inner == null) return null;
        return switch (container) {
          case LIST -> new JavaType.ListOf(inner, t);
          case SET -> new JavaType.SetOf(inner, t);
          default -> new JavaType.OptionalOf(inner, t);
        };
      }
    } else if (e.getKind() == ElementKind.RECORD && e.getTypeParameters().isEmpty()) {
      return record(e) ? new JavaType.RecordRef(e, t) : null;
    } else if (e.getKind() == ElementKind.ENUM) {
      enumModel(e);
      return new JavaType.EnumRef(e, t);
    }
    reporter.report(where, Messages.unsupportedType(t, place));
    return null;
  }

  private final Set<TypeElement> failedRecords = new HashSet<>();

  private boolean record(TypeElement e) {
    if (records.containsKey(e)) return true;
    if (failedRecords.contains(e)) return false;
    List<RecordModel.Component> components = new ArrayList<>();
    // Registered before its components are mapped, so a record may contain itself.
    RecordModel model = new RecordModel(e, pythonName(e, e.getSimpleName().toString()), components);
    records.put(e, model);
    boolean ok = true;
    for (RecordComponentElement c : e.getRecordComponents()) {
      String javaName = c.getSimpleName().toString();
      JavaType type = map(c.asType(), c, Messages.componentPlace(e, javaName));
      if (type == null) {
        ok = false;
      } else {
        components.add(
            new RecordModel.Component(c, javaName, pythonName(c, Names.snakeCase(javaName)), type));
      }
    }
    if (!ok) {
      records.remove(e);
      failedRecords.add(e);
    }
    return ok;
  }

  private void enumModel(TypeElement e) {
    if (enums.containsKey(e)) return;
    List<EnumModel.Constant> constants = new ArrayList<>();
    for (Element c : e.getEnclosedElements()) {
      if (c.getKind() == ElementKind.ENUM_CONSTANT) {
        String javaName = c.getSimpleName().toString();
        constants.add(
            new EnumModel.Constant((VariableElement) c, javaName, pythonName(c, javaName)));
      }
    }
    enums.put(e, new EnumModel(e, pythonName(e, e.getSimpleName().toString()), constants));
  }

  private static JavaType builtin(JavaType.Kind kind, TypeMirror t) {
    return new JavaType.Builtin(kind, t);
  }

  /** The interface's own abstract methods, then those it inherits, each signature once. */
  private static List<ExecutableElement> abstractMethods(TypeElement type) {
    List<ExecutableElement> out = new ArrayList<>();
    collect(type, out, new HashSet<>(), new HashSet<>());
    return out;
  }

  private static void collect(
      TypeElement type, List<ExecutableElement> out, Set<String> seen, Set<String> defaults) {
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      String sig =
          m.getSimpleName()
              + m.getParameters().stream().map(p -> p.asType().toString()).toList().toString();
      if (m.getModifiers().contains(Modifier.DEFAULT)
          || m.getModifiers().contains(Modifier.STATIC)) {
        defaults.add(sig);
      } else if (m.getModifiers().contains(Modifier.ABSTRACT)
          && !defaults.contains(sig)
          && seen.add(sig)) {
        out.add(m);
      }
    }
    for (TypeMirror s : type.getInterfaces()) {
      collect((TypeElement) ((DeclaredType) s).asElement(), out, seen, defaults);
    }
  }

  private static String pythonName(Element e, String fallback) {
    PythonName n = e.getAnnotation(PythonName.class);
    return n == null ? fallback : n.value();
  }

  private static String qualifiedName(TypeMirror t) {
    return ((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName().toString();
  }

  private static AnnotationMirror annotation(Element e, String name) {
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(name))
        return a;
    }
    return null;
  }

  private static AnnotationValue value(AnnotationMirror a, String name) {
    if (a == null) return null;
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        a.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) return e.getValue();
    }
    return null;
  }
}
