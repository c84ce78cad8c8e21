package io.rmote.processor.source;

/**
 * One parameter of a function.
 *
 * @param name the parameter name, without {@code *} or {@code **}
 * @param kind where it may be passed
 * @param annotation the annotation as written, or {@code null}
 * @param defaultValue the default's source text, or {@code null} if it has none
 */
public record PyParam(String name, Kind kind, String annotation, String defaultValue) {

  /** The kinds of Python's {@code inspect.Parameter}. */
  public enum Kind {
    POSITIONAL_ONLY,
    POSITIONAL_OR_KEYWORD,
    VAR_POSITIONAL,
    KEYWORD_ONLY,
    VAR_KEYWORD
  }

  /** Whether a call must supply it. */
  public boolean required() {
    return defaultValue == null && (kind != Kind.VAR_POSITIONAL && kind != Kind.VAR_KEYWORD);
  }
}
