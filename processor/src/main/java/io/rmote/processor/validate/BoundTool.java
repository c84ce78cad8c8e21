package io.rmote.processor.validate;

import io.rmote.processor.model.ToolInterface;
import io.rmote.processor.model.ToolMethod;
import io.rmote.processor.model.ToolParam;
import io.rmote.processor.source.PyClass;
import io.rmote.processor.source.PyFunction;
import java.util.List;

/**
 * A tool interface checked against its Python class: what the generator needs to write the proxy.
 *
 * @param tool the Java side
 * @param pyClass the Python tool class
 * @param methods each remote method with the Python function it calls
 */
public record BoundTool(ToolInterface tool, PyClass pyClass, List<Method> methods) {

  /**
   * A Java method bound to its Python function.
   *
   * @param method the Java side
   * @param function the Python function
   * @param owner the class that defines it (the tool class, or a base class in the same file)
   * @param args how each Java argument travels, in the order the Python signature wants them
   */
  public record Method(ToolMethod method, PyFunction function, PyClass owner, List<Arg> args) {}

  /** One Java argument and how it is passed. */
  public record Arg(ToolParam param, Passing passing) {}

  /** How an argument is passed. */
  public enum Passing {
    /** Positionally, always. */
    POSITIONAL,
    /** Positionally, left out when {@code null} (a positional-only parameter with a default). */
    POSITIONAL_UNLESS_NULL,
    /** By keyword, always. */
    KEYWORD,
    /** By keyword, left out when {@code null} or empty, so that Python's default applies. */
    KEYWORD_UNLESS_NULL,
    /** Java varargs spread into {@code *args}. */
    VARARGS
  }
}
