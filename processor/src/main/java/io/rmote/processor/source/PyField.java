package io.rmote.processor.source;

/**
 * An annotated name in a class body, {@code name: annotation [= default]}.
 *
 * @param name the field name
 * @param annotation the annotation as written
 * @param defaultValue the default's source text, or {@code null}
 * @param line its 1-based line
 */
public record PyField(String name, String annotation, String defaultValue, int line) {}
