package io.rmote.processor.report;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.tools.Diagnostic;

/**
 * The one way the processor speaks: every message is tied to the Java element that disagrees with
 * the Python source, so the compiler shows it at that line. Reporting never throws; the processor
 * keeps checking after an error and generates nothing for a tool that had one.
 */
public final class Reporter {
  private final Messager messager;
  private final Trees trees;
  private final Set<String> seen = new HashSet<>();
  private int errors;

  public Reporter(ProcessingEnvironment env) {
    this.messager = env.getMessager();
    Trees t;
    try {
      t = Trees.instance(env);
    } catch (IllegalArgumentException | LinkageError e) {
      t = null; // not javac: record components are then reported on their record
    }
    this.trees = t;
  }

  /** Shows {@code d} on {@code element}, with the kind its id carries. */
  public void report(Element element, io.rmote.processor.report.Diagnostic d) {
    print(d.kind(), element, null, null, d.message());
  }

  /** Shows {@code d} on one value of an annotation, such as {@code source = "..."}. */
  public void report(
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      io.rmote.processor.report.Diagnostic d) {
    print(d.kind(), element, annotation, value, d.message());
  }

  /** Shows {@code d} tied to no element, for what belongs to the whole compilation. */
  public void report(io.rmote.processor.report.Diagnostic d) {
    print(d.kind(), null, null, null, d.message());
  }

  /**
   * javac (17 at least) gives a record component no position of its own, so its message would have
   * no file: find the component in the record's header instead.
   */
  private void component(Diagnostic.Kind kind, Element component, String message) {
    Element record = component.getEnclosingElement();
    TreePath path = trees == null ? null : trees.getPath(record);
    if (path != null && path.getLeaf() instanceof ClassTree c) {
      for (Tree member : c.getMembers()) {
        if (member instanceof VariableTree v
            && v.getName().contentEquals(component.getSimpleName())) {
          trees.printMessage(kind, message, v, path.getCompilationUnit());
          return;
        }
      }
    }
    messager.printMessage(kind, message, record);
  }

  /** How many errors were reported so far; a stage compares counts to learn whether it failed. */
  public int errorCount() {
    return errors;
  }

  private void print(
      Diagnostic.Kind kind, Element e, AnnotationMirror a, AnnotationValue v, String message) {
    // A record or enum shared by several tools is checked once per tool: say each thing once.
    if (!seen.add(
        kind + "|" + e + "|" + (e == null ? "" : e.getEnclosingElement()) + "|" + message)) return;
    if (kind == Diagnostic.Kind.ERROR) errors++;
    if (a != null) {
      messager.printMessage(kind, message, e, a, v);
    } else if (e != null && e.getKind() == ElementKind.RECORD_COMPONENT) {
      component(kind, e, message);
    } else if (e != null) {
      messager.printMessage(kind, message, e);
    } else {
      messager.printMessage(kind, message);
    }
  }
}
