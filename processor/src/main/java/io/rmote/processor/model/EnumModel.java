package io.rmote.processor.model;

import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * A Java enum that maps to a Python enum by member name.
 *
 * @param element the enum
 * @param pythonName the Python enum class's name
 * @param constants its constants in order
 */
public record EnumModel(TypeElement element, String pythonName, List<Constant> constants) {

  /**
   * One constant and the Python member it stands for.
   *
   * @param element the constant
   * @param javaName its Java name
   * @param pythonName the Python member's name
   */
  public record Constant(VariableElement element, String javaName, String pythonName) {}
}
