package io.rmote.processor.validate;

import io.rmote.processor.model.ToolException;
import io.rmote.processor.model.ToolInterface;
import io.rmote.processor.report.DidYouMean;
import io.rmote.processor.report.Messages;
import io.rmote.processor.report.Reporter;
import io.rmote.processor.source.PyClass;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Checks each tool exception against the Python source: the class exists, its nearest built-in
 * ancestor is the Python class of the Java class's nearest {@code io.rmote.python} ancestor (so a
 * {@code catch} of the built-in's Java class still catches it), and every field the constructor
 * reads is an attribute the Python class sets.
 */
final class ExceptionCheck {
  private static final String MIRRORS = "io.rmote.python.";
  private static final Set<String> OS_ERROR_ATTRIBUTES =
      Set.of("errno", "strerror", "filename", "filename2");
  private static final Set<String> SUBPROCESS_ATTRIBUTES =
      Set.of("returncode", "cmd", "output", "stdout", "stderr", "timeout");

  private final Reporter reporter;
  private final Elements elements;

  ExceptionCheck(Reporter reporter, Elements elements) {
    this.reporter = reporter;
    this.elements = elements;
  }

  void check(ToolInterface tool, PythonIndex index) {
    for (ToolException x : tool.exceptions()) check(tool, index, x);
  }

  /** A Python class's own ancestry: its classes in this file, then the first base from outside. */
  private record Ancestry(List<PyClass> local, String external) {}

  private void check(ToolInterface tool, PythonIndex index, ToolException x) {
    PyClass c = index.resolve(x.pythonName(), null);
    if (c == null) {
      reporter.report(
          x.element(),
          Messages.exceptionMissing(
              tool, x, DidYouMean.closest(x.pythonName(), index.qualifiedNames())));
      return;
    }
    List<PyClass> local = new ArrayList<>();
    String external = walk(index, c, local, 0);
    Ancestry a = new Ancestry(local, external);
    TypeElement javaMirror = javaMirror(x.element());
    String expected = a.external() == null ? null : mirrorOf(a.external());
    if (expected == null) {
      reporter.report(x.element(), Messages.exceptionBaseUnknown(tool, x, c, a.external()));
      return;
    }
    if (javaMirror == null || !javaMirror.getQualifiedName().contentEquals(expected)) {
      reporter.report(
          x.element(), Messages.exceptionBaseMismatch(tool, x, c, a.external(), expected));
      return;
    }
    for (TypeElement s = superclass(x.element()); s != null && s != javaMirror; s = superclass(s)) {
      String name = pythonName(s);
      if (a.local().stream().noneMatch(p -> p.qualifiedName().equals(name))) {
        reporter.report(
            x.element(), Messages.exceptionBaseMismatch(tool, x, c, name, s.toString()));
        return;
      }
    }
    Set<String> attributes = new LinkedHashSet<>();
    for (PyClass p : a.local()) attributes.addAll(p.attributes());
    if (isA(javaMirror, "OSError")) attributes.addAll(OS_ERROR_ATTRIBUTES);
    if (isA(javaMirror, "SubprocessError")) attributes.addAll(SUBPROCESS_ATTRIBUTES);
    for (ToolException.Field f : x.fields()) {
      if (!attributes.contains(f.pythonName())) {
        reporter.report(
            f.element(),
            Messages.exceptionFieldMissing(
                tool, x, c, f, DidYouMean.closest(f.pythonName(), attributes)));
      }
    }
  }

  /** Collects {@code c} and its bases defined in this file; returns the first base from outside. */
  private static String walk(PythonIndex index, PyClass c, List<PyClass> local, int depth) {
    local.add(c);
    if (depth > 20) return null; // a cycle of bases cannot run in Python either
    String external = null;
    for (String base : c.bases()) {
      PyClass b = base.contains(".") ? null : index.resolve(base, null);
      String found = b != null && !local.contains(b) ? walk(index, b, local, depth + 1) : base;
      if (external == null) external = found;
    }
    return external;
  }

  /** The Java class of a Python built-in exception as the source names it, or {@code null}. */
  private String mirrorOf(String base) {
    String name = PythonIndex.last(base);
    if (name.equals("Exception") || name.equals("BaseException"))
      return MIRRORS + "PythonException";
    if (name.equals("IOError") || name.equals("EnvironmentError")) return MIRRORS + "OSError";
    TypeElement t = elements.getTypeElement(MIRRORS + name);
    return t == null || name.equals("PythonException") ? null : MIRRORS + name;
  }

  /** The nearest superclass in {@code io.rmote.python}. */
  private static TypeElement javaMirror(TypeElement e) {
    for (TypeElement s = superclass(e); s != null; s = superclass(s)) {
      String q = s.getQualifiedName().toString();
      if (q.startsWith(MIRRORS) && q.indexOf('.', MIRRORS.length()) < 0) return s;
    }
    return null;
  }

  private static boolean isA(TypeElement mirror, String simpleName) {
    for (TypeElement s = mirror; s != null; s = superclass(s)) {
      if (s.getQualifiedName().contentEquals(MIRRORS + simpleName)) return true;
    }
    return false;
  }

  private static String pythonName(TypeElement e) {
    io.rmote.annotations.PythonName n = e.getAnnotation(io.rmote.annotations.PythonName.class);
    return n != null ? n.value() : e.getSimpleName().toString();
  }

  private static TypeElement superclass(TypeElement e) {
    TypeMirror s = e.getSuperclass();
    return s.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) s).asElement() : null;
  }
}
