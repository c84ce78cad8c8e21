package io.rmote.processor.model;

import javax.lang.model.element.VariableElement;

/**
 * A parameter of a remote method.
 *
 * @param element the Java parameter
 * @param javaName its Java name
 * @param pythonName the Python parameter it fills
 * @param type its type; for varargs, the element type
 * @param varargs whether it is Java varargs, passed as {@code *args}
 */
public record ToolParam(
    VariableElement element, String javaName, String pythonName, JavaType type, boolean varargs) {

  /** Whether the argument can be {@code null} (or an empty {@code Optional}) and so be left out. */
  public boolean nullable() {
    return !(type instanceof JavaType.Builtin b && b.primitive());
  }
}
