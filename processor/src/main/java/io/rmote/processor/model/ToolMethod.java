package io.rmote.processor.model;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * One remote method of a tool interface.
 *
 * @param element the Java method
 * @param pythonName the Python method it calls
 * @param params its parameters in Java order
 * @param returns the result's type ({@link JavaType.Kind#VOID} for {@code void})
 * @param future whether it returns {@code CompletableFuture<T>} rather than waiting
 */
public record ToolMethod(
    ExecutableElement element,
    String pythonName,
    List<ToolParam> params,
    JavaType returns,
    boolean future) {

  /** The Java varargs parameter, or {@code null}. */
  public ToolParam varargs() {
    return params.isEmpty() || !params.get(params.size() - 1).varargs()
        ? null
        : params.get(params.size() - 1);
  }
}
