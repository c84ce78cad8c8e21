package io.rmote.processor.model;

import io.rmote.annotations.PythonName;
import io.rmote.processor.report.Messages;
import io.rmote.processor.report.Reporter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/** Finds the tool exceptions that the remote methods of an interface declare in {@code throws}. */
final class ToolExceptions {
  static final String MIRROR_PACKAGE = "io.rmote.python";
  private static final String ROOT = MIRROR_PACKAGE + ".PythonException";

  /** Java type as written in a constructor → the {@code ExceptionFields} reader. */
  private static final Map<String, String> READERS =
      Map.ofEntries(
          Map.entry("java.lang.String", "string"),
          Map.entry("byte[]", "bytes"),
          Map.entry("long", "longValue"),
          Map.entry("int", "intValue"),
          Map.entry("double", "doubleValue"),
          Map.entry("boolean", "booleanValue"),
          Map.entry("java.lang.Long", "boxedLong"),
          Map.entry("java.lang.Integer", "boxedInt"),
          Map.entry("java.lang.Double", "boxedDouble"),
          Map.entry("java.lang.Boolean", "boxedBoolean"),
          Map.entry("java.util.List<java.lang.String>", "strings"),
          Map.entry("java.util.List<java.lang.Long>", "longs"),
          Map.entry("java.util.List<java.lang.Integer>", "ints"));

  private ToolExceptions() {}

  /** The tool exceptions of {@code methods}, each once, in the order first declared. */
  static List<ToolException> of(Reporter reporter, List<ExecutableElement> methods) {
    Map<TypeElement, ToolException> out = new LinkedHashMap<>();
    for (ExecutableElement m : methods) {
      for (TypeMirror t : m.getThrownTypes()) {
        if (t.getKind() != TypeKind.DECLARED) continue;
        TypeElement e = (TypeElement) ((DeclaredType) t).asElement();
        if (out.containsKey(e) || !isToolException(e)) continue;
        ToolException x = model(reporter, e);
        if (x != null) out.put(e, x);
      }
    }
    return new ArrayList<>(out.values());
  }

  /** A subclass of {@code PythonException} outside the package of the built-in mirrors. */
  static boolean isToolException(TypeElement e) {
    if (packageOf(e).equals(MIRROR_PACKAGE)) return false;
    for (TypeElement s = superclass(e); s != null; s = superclass(s)) {
      if (s.getQualifiedName().contentEquals(ROOT)) return true;
    }
    return false;
  }

  static TypeElement superclass(TypeElement e) {
    TypeMirror s = e.getSuperclass();
    return s.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) s).asElement() : null;
  }

  static String packageOf(TypeElement e) {
    String q = e.getQualifiedName().toString();
    String nested = e.getSimpleName().toString();
    for (TypeElement o = e; o.getEnclosingElement() instanceof TypeElement; ) {
      o = (TypeElement) o.getEnclosingElement();
      nested = o.getSimpleName() + "." + nested;
    }
    return q.length() > nested.length() ? q.substring(0, q.length() - nested.length() - 1) : "";
  }

  private static ToolException model(Reporter reporter, TypeElement e) {
    List<ExecutableElement> usable = new ArrayList<>();
    for (ExecutableElement c : ElementFilter.constructorsIn(e.getEnclosedElements())) {
      if (c.getModifiers().contains(Modifier.PUBLIC) && ToolException.takesDetails(c)) {
        usable.add(c);
      }
    }
    if (usable.size() != 1 || e.getModifiers().contains(Modifier.ABSTRACT)) {
      reporter.report(e, Messages.exceptionConstructor(e, usable.size()));
      return null;
    }
    List<ToolException.Field> fields = new ArrayList<>();
    boolean ok = true;
    List<? extends VariableElement> ps = usable.get(0).getParameters();
    for (VariableElement p : ps.subList(1, ps.size())) {
      String reader = READERS.get(p.asType().toString());
      if (reader == null) {
        reporter.report(p, Messages.exceptionFieldType(e, p, READERS.keySet()));
        ok = false;
        continue;
      }
      PythonName n = p.getAnnotation(PythonName.class);
      String name = n != null ? n.value() : Names.snakeCase(p.getSimpleName().toString());
      fields.add(new ToolException.Field(p, name, reader));
    }
    PythonName n = e.getAnnotation(PythonName.class);
    String pythonName = n != null ? n.value() : e.getSimpleName().toString();
    return ok ? new ToolException(e, pythonName, fields) : null;
  }
}
