package io.rmote.processor.source;

import java.util.List;

/**
 * A {@code def} or {@code async def} in a class body.
 *
 * @param name the function name
 * @param line the 1-based line of {@code def} (not of its decorators)
 * @param async whether it is {@code async def}
 * @param decorators decorator expressions without {@code @}, such as {@code staticmethod}
 * @param params the parameters in order, {@code self}/{@code cls} included
 * @param returns the return annotation as written (string quotes of a forward reference kept), or
 *     {@code null}
 */
public record PyFunction(
    String name,
    int line,
    boolean async,
    List<String> decorators,
    List<PyParam> params,
    String returns) {
  public PyFunction {
    decorators = List.copyOf(decorators);
    params = List.copyOf(params);
  }
}
