package io.rmote;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Python dataclass or namedtuple instance (a record, not any Python object) received without a
 * Java type to map it to: its type's {@code __qualname__} and its fields in declaration order. Also
 * sent as a dataclass argument, which the remote turns into an instance of the tool module's class
 * of that name.
 *
 * @param type the Python class's qualified name, such as {@code DiskInfo}
 * @param fields field values by name, in declaration order, unmodifiable
 * @param namedTuple whether the value was a namedtuple rather than a dataclass
 */
public record PyRecord(String type, Map<String, Object> fields, boolean namedTuple) {

  public PyRecord {
    Objects.requireNonNull(type, "type");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** A dataclass value, for sending as an argument. */
  public static PyRecord dataclass(String type, Map<String, ?> fields) {
    return new PyRecord(type, new LinkedHashMap<>(fields), false);
  }

  /** One field's value, or {@code null} if the object has no such field. */
  public Object get(String field) {
    return fields.get(field);
  }
}
