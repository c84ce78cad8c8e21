package io.rmote.processor.model;

import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * A Java type that can cross the wire, as the processor understands it: each kind knows which codec
 * maps it and which Python annotations it agrees with.
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

  /**
   * The built-in codecs, one row per Java type: the constant of {@code io.rmote.wire.Codecs} of the
   * same name maps it. Each row is the one place that says how the type is spelled in Java and
   * which Python annotations it agrees with; {@link TypeTable} derives every lookup from it. Where
   * several rows share a Python name, the first one is what a message suggests for it.
   */
  enum Kind {
    VOID("java.lang.Void", "void", null, Numeric.NONE, "None"),
    STRING(
        "java.lang.String",
        "String",
        null,
        Numeric.NONE,
        "str",
        "Text",
        "AnyStr",
        "LiteralString",
        "Literal"),
    LONG("java.lang.Long", "long", "Long", Numeric.INTEGRAL, "int", "Literal"),
    INTEGER("java.lang.Integer", "int", "Integer", Numeric.INTEGRAL, "int", "Literal"),
    SHORT("java.lang.Short", "short", "Short", Numeric.INTEGRAL, "int"),
    BYTE("java.lang.Byte", "byte", "Byte", Numeric.INTEGRAL, "int"),
    BIG_INTEGER("java.math.BigInteger", "BigInteger", null, Numeric.INTEGRAL, "int"),
    BOOLEAN("java.lang.Boolean", "boolean", "Boolean", Numeric.NONE, "bool", "Literal"),
    DOUBLE("java.lang.Double", "double", "Double", Numeric.FLOATING, "float"),
    FLOAT("java.lang.Float", "float", "Float", Numeric.FLOATING, "float"),
    BYTES(null, "byte[]", null, Numeric.NONE, "bytes", "bytearray", "memoryview"),
    PATH(
        "java.nio.file.Path",
        "Path",
        null,
        Numeric.NONE,
        "Path",
        "PurePath",
        "PosixPath",
        "PurePosixPath",
        "str"),
    LOCAL_DATE_TIME("java.time.LocalDateTime", "LocalDateTime", null, Numeric.NONE, "datetime"),
    OFFSET_DATE_TIME("java.time.OffsetDateTime", "OffsetDateTime", null, Numeric.NONE, "datetime"),
    INSTANT("java.time.Instant", "Instant", null, Numeric.NONE, "datetime"),
    LOCAL_DATE("java.time.LocalDate", "LocalDate", null, Numeric.NONE, "date"),
    LOCAL_TIME("java.time.LocalTime", "LocalTime", null, Numeric.NONE, "time"),
    DURATION("java.time.Duration", "Duration", null, Numeric.NONE, "timedelta"),
    COMPLETED_PROCESS(
        "io.rmote.CompletedProcess", "CompletedProcess", null, Numeric.NONE, "CompletedProcess"),
    TEMPLATE("io.rmote.Template", "Template", null, Numeric.NONE, "Template");

    private final String qualifiedName;
    private final String plain;
    private final String boxed;
    private final Numeric numeric;

    @SuppressWarnings("ImmutableEnumChecker") // always a Set.of, which is unmodifiable
    private final Set<String> python;

    Kind(String qualifiedName, String plain, String boxed, Numeric numeric, String... python) {
      this.qualifiedName = qualifiedName;
      this.plain = plain;
      this.boxed = boxed;
      this.numeric = numeric;
      this.python = Set.of(python);
    }

    /** The declared Java class, such as {@code java.lang.Long}; {@code null} for {@code byte[]}. */
    public String qualifiedName() {
      return qualifiedName;
    }

    /** How a message spells the type: {@code long}, or {@code Long} where it must be boxed. */
    public String spelling(boolean boxed) {
      return boxed && this.boxed != null ? this.boxed : plain;
    }

    /** Whether the type has a primitive form ({@code long} and {@code Long} share a row). */
    public boolean hasPrimitive() {
      return boxed != null;
    }

    public Numeric numeric() {
      return numeric;
    }

    /** The Python annotations (last dotted part) this type agrees with. */
    public Set<String> python() {
      return python;
    }
  }

  /** Where a builtin sits in Python's numeric tower, which lets an int pass for a float. */
  enum Numeric {
    NONE,
    INTEGRAL,
    FLOATING
  }

  /**
   * The generic Java types that carry other types, with the Python annotations each agrees with.
   * {@code Optional} agrees with its element's annotation; its row names only {@code Optional} for
   * the suggestions.
   */
  enum Container {
    LIST(
        "java.util.List",
        "List",
        "list",
        "List",
        "Sequence",
        "MutableSequence",
        "Iterable",
        "Collection",
        "tuple",
        "Tuple",
        "Iterator",
        "Generator",
        "Deque",
        "deque"),
    SET(
        "java.util.Set",
        "Set",
        "set",
        "Set",
        "frozenset",
        "FrozenSet",
        "AbstractSet",
        "MutableSet"),
    MAP(
        "java.util.Map",
        "Map",
        "dict",
        "Dict",
        "Mapping",
        "MutableMapping",
        "OrderedDict",
        "DefaultDict",
        "defaultdict",
        "Counter"),
    OPTIONAL("java.util.Optional", "Optional", "Optional");

    private final String qualifiedName;
    private final String spelling;

    @SuppressWarnings("ImmutableEnumChecker") // always a Set.of, which is unmodifiable
    private final Set<String> python;

    Container(String qualifiedName, String spelling, String... python) {
      this.qualifiedName = qualifiedName;
      this.spelling = spelling;
      this.python = Set.of(python);
    }

    public String qualifiedName() {
      return qualifiedName;
    }

    public String spelling() {
      return spelling;
    }

    /** The Python annotations (last dotted part) this container agrees with. */
    public Set<String> python() {
      return python;
    }
  }
}
