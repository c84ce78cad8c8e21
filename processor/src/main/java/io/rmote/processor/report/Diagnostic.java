package io.rmote.processor.report;

/**
 * One message of the processor: what it is ({@link DiagnosticId}, which carries the kind) and its
 * text. {@link Reporter} prints it as {@code [id] text}.
 *
 * @param id the stable id and kind
 * @param text the message, saying what disagrees, where, and what to change
 */
public record Diagnostic(DiagnosticId id, String text) {

  public javax.tools.Diagnostic.Kind kind() {
    return id.kind();
  }

  /** The text as the compiler shows it: {@code [rmote.methodMissing] no method ...}. */
  public String message() {
    return "[" + id.id() + "] " + text;
  }
}
