package io.rmote.processor.source;

import java.util.List;

/**
 * A parsed annotation expression: {@code List[Dict[str, int]]}, {@code Optional[int]}, {@code int |
 * None}, {@code "DiskInfo"}. Module prefixes are dropped ({@code typing.List} is {@code List}), a
 * string annotation is parsed as the expression it holds, and {@code X | Y} becomes {@code Union[X,
 * Y]}.
 *
 * @param name the last dotted part of the head, such as {@code List}, {@code str}, {@code
 *     DiskInfo}, {@code None}
 * @param args the subscript arguments, empty if none ({@code Callable}'s argument list is one
 *     {@code PyType} named {@code []})
 */
public record PyType(String name, List<PyType> args) {
  public PyType {
    args = List.copyOf(args);
  }

  @Override
  public String toString() {
    return args.isEmpty() ? name : name + args.toString();
  }
}
