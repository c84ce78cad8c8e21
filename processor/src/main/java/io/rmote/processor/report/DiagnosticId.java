package io.rmote.processor.report;

import java.util.Locale;
import javax.tools.Diagnostic.Kind;

/**
 * Every diagnostic the processor can show, each with its stable id and its kind. The id is printed
 * at the start of the message ({@code [rmote.methodMissing] no method ...}), so a build log, a test
 * or a search finds it; {@code docs/processor.md} lists them all, and a test keeps that list equal
 * to this enum. An id, once published, is never reused for another meaning.
 */
public enum DiagnosticId {
  // the interface and its types
  NOT_AN_INTERFACE(Kind.ERROR),
  GENERIC_INTERFACE(Kind.ERROR),
  GENERIC_METHOD(Kind.ERROR),
  RAW_TYPE(Kind.ERROR),
  UNSUPPORTED_TYPE(Kind.ERROR),
  ASYNC_NAME_TAKEN(Kind.ERROR),
  // the source
  SOURCE_MISSING(Kind.ERROR),
  SOURCE_UNREADABLE(Kind.ERROR),
  ANNOTATION_UNREADABLE(Kind.WARNING),
  // the Python versions the source runs on
  REQUIRES_PYTHON_INVALID(Kind.ERROR),
  SYNTAX_TOO_NEW(Kind.ERROR),
  MODULE_TOO_NEW(Kind.ERROR),
  MODULE_REMOVED(Kind.WARNING),
  // the tool class and its methods
  CLASS_MISSING(Kind.ERROR),
  TOOL_HAS_INIT(Kind.ERROR),
  METHOD_MISSING(Kind.ERROR),
  INSTANCE_METHOD(Kind.ERROR),
  PARAMETER_MISSING(Kind.ERROR),
  REQUIRED_NOT_COVERED(Kind.ERROR),
  VARARGS_WITHOUT_STAR(Kind.ERROR),
  VARARGS_NEED_EARLIER_ARGUMENTS(Kind.ERROR),
  PARAMETER_NOT_ANNOTATED(Kind.WARNING),
  RETURN_NOT_ANNOTATED(Kind.WARNING),
  PARAMETER_MISMATCH(Kind.ERROR),
  RESULT_MISMATCH(Kind.ERROR),
  // records and enums
  DATACLASS_MISSING(Kind.ERROR),
  FIELD_MISSING(Kind.ERROR),
  COMPONENT_MISSING(Kind.ERROR),
  FIELD_MISMATCH(Kind.ERROR),
  ENUM_MISSING(Kind.ERROR),
  MEMBER_MISSING(Kind.ERROR),
  CONSTANT_MISSING(Kind.ERROR),
  // the tool's own exception classes
  EXCEPTION_CONSTRUCTOR(Kind.ERROR),
  EXCEPTION_FIELD_TYPE(Kind.ERROR),
  EXCEPTION_MISSING(Kind.ERROR),
  EXCEPTION_BASE_UNKNOWN(Kind.ERROR),
  EXCEPTION_BASE_MISMATCH(Kind.ERROR),
  EXCEPTION_FIELD_MISSING(Kind.ERROR),
  // the processor itself
  PROCESSOR_FAILED(Kind.ERROR),
  WRITE_FAILED(Kind.ERROR);

  private final Kind kind;
  private final String id;

  DiagnosticId(Kind kind) {
    this.kind = kind;
    this.id = "rmote." + camelCase(name());
  }

  /** Whether it stops the compilation ({@code ERROR}) or not ({@code WARNING}). */
  public Kind kind() {
    return kind;
  }

  /** The stable id, such as {@code rmote.methodMissing}. */
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }

  private static String camelCase(String constant) {
    StringBuilder s = new StringBuilder();
    for (String part : constant.toLowerCase(Locale.ROOT).split("_")) {
      s.append(s.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return s.toString();
  }
}
