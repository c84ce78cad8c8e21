package io.rmote.processor.model;

import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * A Java type that can cross the wire, as the processor understands it: each kind knows which
 * codec maps it and which Python annotations it agrees with.
 */
public sealed interface JavaType {

  /** The type as written in the interface. */
  TypeMirror mirror();

  /** A type the runtime maps with one of its built-in codecs ({@code io.rmote.wire.Codecs}). */
  record Builtin(Kind kind, TypeMirror mirror) implements JavaType {
    public boolean primitive() {
      return mirror.getKind().isPrimitive();
    }
  }

  /** {@code List<E>}. */
  record ListOf(JavaType element, TypeMirror mirror) implements JavaType {}

  /** {@code Set<E>}. */
  record SetOf(JavaType element, TypeMirror mirror) implements JavaType {}

  /** {@code Map<K, V>}. */
  record MapOf(JavaType key, JavaType value, TypeMirror mirror) implements JavaType {}

  /** {@code Optional<T>}: Python's {@code None} is empty. */
  record OptionalOf(JavaType value, TypeMirror mirror) implements JavaType {}

  /** A record, mapped to a dataclass or namedtuple by a generated codec. */
  record RecordRef(TypeElement element, TypeMirror mirror) implements JavaType {}

  /** An enum, mapped to a Python enum by a generated codec. */
  record EnumRef(TypeElement element, TypeMirror mirror) implements JavaType {}

  /** The built-in codecs, by the name of their constant in {@code Codecs}. */
  enum Kind {
    VOID("VOID", Set.of("None")),
    STRING("STRING", Set.of("str", "Text", "AnyStr", "LiteralString", "Literal")),
    LONG("LONG", Set.of("int", "Literal")),
    INTEGER("INTEGER", Set.of("int", "Literal")),
    SHORT("SHORT", Set.of("int")),
    BYTE("BYTE", Set.of("int")),
    BIG_INTEGER("BIG_INTEGER", Set.of("int")),
    BOOLEAN("BOOLEAN", Set.of("bool", "Literal")),
    DOUBLE("DOUBLE", Set.of("float")),
    FLOAT("FLOAT", Set.of("float")),
    BYTES("BYTES", Set.of("bytes", "bytearray", "memoryview")),
    PATH("PATH", Set.of("Path", "PurePath", "PosixPath", "PurePosixPath", "str")),
    LOCAL_DATE_TIME("LOCAL_DATE_TIME", Set.of("datetime")),
    OFFSET_DATE_TIME("OFFSET_DATE_TIME", Set.of("datetime")),
    INSTANT("INSTANT", Set.of("datetime")),
    LOCAL_DATE("LOCAL_DATE", Set.of("date")),
    LOCAL_TIME("LOCAL_TIME", Set.of("time")),
    DURATION("DURATION", Set.of("timedelta")),
    COMPLETED_PROCESS("COMPLETED_PROCESS", Set.of("CompletedProcess")),
    TEMPLATE("TEMPLATE", Set.of("Template"));

    private final String constant;
    @SuppressWarnings("ImmutableEnumChecker") // always a Set.of, which is unmodifiable
    private final Set<String> python;

    Kind(String constant, Set<String> python) {
      this.constant = constant;
      this.python = python;
    }

    /** The field of {@code io.rmote.wire.Codecs} that maps this type. */
    public String constant() {
      return constant;
    }

    /** The Python annotations (last dotted part) this type agrees with. */
    public Set<String> python() {
      return python;
    }
  }
}
