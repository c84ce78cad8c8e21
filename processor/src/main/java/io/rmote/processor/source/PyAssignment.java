package io.rmote.processor.source;

/**
 * A plain assignment {@code NAME = value} in a class body (an enum member or a constant).
 *
 * @param name the target name
 * @param value the value's source text
 * @param line its 1-based line
 */
public record PyAssignment(String name, String value, int line) {}
