package io.rmote.processor.source;

import java.util.List;

/**
 * A class statement, or a namedtuple made by assignment ({@code P = namedtuple("P", "x y")}, whose
 * bases are then {@code ["namedtuple"]}).
 *
 * @param name the class name
 * @param qualifiedName the dotted name from the module, such as {@code SystemTool.State}
 * @param bases the base expressions as written, such as {@code Tool}, {@code enum.Enum}, {@code
 *     NamedTuple}
 * @param decorators the decorator expressions without {@code @}, such as {@code
 *     dataclasses.dataclass(frozen=True)}
 * @param line the 1-based line of the {@code class} keyword (or the assignment)
 * @param methods the functions defined directly in the body
 * @param fields annotated names in the body ({@code x: int = 0}): dataclass and NamedTuple fields
 * @param assignments plain assignments in the body ({@code RED = 1}): enum members and constants
 * @param nested classes defined directly in the body
 * @param attributes names its methods assign as {@code self.name = ...}, in source order, each
 *     once: the public fields of an exception class
 */
public record PyClass(
    String name,
    String qualifiedName,
    List<String> bases,
    List<String> decorators,
    int line,
    List<PyFunction> methods,
    List<PyField> fields,
    List<PyAssignment> assignments,
    List<PyClass> nested,
    List<String> attributes) {
  public PyClass {
    attributes = List.copyOf(attributes);
    bases = List.copyOf(bases);
    decorators = List.copyOf(decorators);
    methods = List.copyOf(methods);
    fields = List.copyOf(fields);
    assignments = List.copyOf(assignments);
    nested = List.copyOf(nested);
  }
}
