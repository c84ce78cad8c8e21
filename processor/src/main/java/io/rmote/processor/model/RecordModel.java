package io.rmote.processor.model;

import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * A Java record that maps to a Python dataclass or namedtuple.
 *
 * @param element the record
 * @param pythonName the Python class name it maps to
 * @param components its components in order
 */
public record RecordModel(TypeElement element, String pythonName, List<Component> components) {

  /**
   * One record component.
   *
   * @param element the component (a {@code RecordComponentElement})
   * @param javaName its Java name (and accessor)
   * @param pythonName the Python field
   * @param type its type
   */
  public record Component(Element element, String javaName, String pythonName, JavaType type) {}
}
