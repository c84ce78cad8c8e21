package io.rmote.processor.model;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * A Java exception class standing for an exception class of the tool's Python source, found in the
 * {@code throws} clause of a remote method: a subclass of {@code io.rmote.python.PythonException}
 * outside that package.
 *
 * @param element the Java class
 * @param pythonName the Python class's qualified name in the source: {@code @PythonName}, else the
 *     Java simple name
 * @param fields the constructor's parameters after {@code Details}, each read from an attribute of
 *     the Python exception
 */
public record ToolException(TypeElement element, String pythonName, List<Field> fields) {
  public ToolException {
    fields = List.copyOf(fields);
  }

  /**
   * One constructor parameter.
   *
   * @param element the parameter
   * @param pythonName the attribute: {@code @PythonName}, else the parameter's name in snake_case
   * @param reader the method of {@code io.rmote.internal.python.ExceptionFields} that reads it
   */
  public record Field(VariableElement element, String pythonName, String reader) {}

  /** The constructor the generated factory calls; its first parameter takes the details. */
  public static boolean takesDetails(ExecutableElement c) {
    return !c.getParameters().isEmpty()
        && c.getParameters()
            .get(0)
            .asType()
            .toString()
            .equals("io.rmote.python.PythonException.Details");
  }
}
