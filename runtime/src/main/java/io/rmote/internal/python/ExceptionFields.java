package io.rmote.internal.python;

import io.rmote.python.PythonException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The fields of a tool's own exception, read from the attributes the remote sent, for generated
 * proxies: each reader takes what the generic decoder made of a Python value ({@code int} as {@code
 * Long}, {@code list} as {@code List}, {@code str} as {@code String}) and gives the Java type the
 * exception's constructor declares. A missing attribute or {@code None} gives {@code null}, or zero
 * and {@code false} for a primitive; a value of another type gives {@code null} (or zero) too,
 * since an exception being built must not fail in its turn.
 */
public final class ExceptionFields {

  /** A {@code str} (any other value as its text), or {@code null}. */
  public static String string(PythonException.Details d, String name) {
    Object v = d.attributes().get(name);
    if (v == null) return null;
    if (v instanceof byte[]) return new String((byte[]) v, StandardCharsets.UTF_8);
    return v.toString();
  }

  /** A {@code bytes}, or a {@code str} as UTF-8, or {@code null}. */
  public static byte[] bytes(PythonException.Details d, String name) {
    Object v = d.attributes().get(name);
    if (v instanceof byte[]) return ((byte[]) v).clone();
    return v instanceof String ? ((String) v).getBytes(StandardCharsets.UTF_8) : null;
  }

  /** An {@code int}, or {@code null}. */
  public static Long boxedLong(PythonException.Details d, String name) {
    Object v = d.attributes().get(name);
    return v instanceof Number ? ((Number) v).longValue() : null;
  }

  /** An {@code int} that fits in 32 bits, or {@code null}. */
  public static Integer boxedInt(PythonException.Details d, String name) {
    Long v = boxedLong(d, name);
    return v == null ? null : v.intValue();
  }

  /** A {@code float} or {@code int}, or {@code null}. */
  public static Double boxedDouble(PythonException.Details d, String name) {
    Object v = d.attributes().get(name);
    return v instanceof Number ? ((Number) v).doubleValue() : null;
  }

  /** A {@code bool}, or {@code null}. */
  public static Boolean boxedBoolean(PythonException.Details d, String name) {
    Object v = d.attributes().get(name);
    return v instanceof Boolean ? (Boolean) v : null;
  }

  /** An {@code int}, or 0. */
  public static long longValue(PythonException.Details d, String name) {
    Long v = boxedLong(d, name);
    return v == null ? 0L : v;
  }

  /** An {@code int}, or 0. */
  public static int intValue(PythonException.Details d, String name) {
    Long v = boxedLong(d, name);
    return v == null ? 0 : v.intValue();
  }

  /** A {@code float}, or 0. */
  public static double doubleValue(PythonException.Details d, String name) {
    Double v = boxedDouble(d, name);
    return v == null ? 0.0 : v;
  }

  /** A {@code bool}, or {@code false}. */
  public static boolean booleanValue(PythonException.Details d, String name) {
    return Boolean.TRUE.equals(boxedBoolean(d, name));
  }

  /** A sequence of {@code str}, immutable; empty when missing. */
  public static List<String> strings(PythonException.Details d, String name) {
    List<String> out = new ArrayList<>();
    for (Object o : sequence(d, name)) out.add(o == null ? null : o.toString());
    return Collections.unmodifiableList(out);
  }

  /** A sequence of {@code int}, immutable; empty when missing. */
  public static List<Long> longs(PythonException.Details d, String name) {
    List<Long> out = new ArrayList<>();
    for (Object o : sequence(d, name)) if (o instanceof Number) out.add(((Number) o).longValue());
    return Collections.unmodifiableList(out);
  }

  /** A sequence of {@code int}, immutable; empty when missing. */
  public static List<Integer> ints(PythonException.Details d, String name) {
    List<Integer> out = new ArrayList<>();
    for (Object o : sequence(d, name)) if (o instanceof Number) out.add(((Number) o).intValue());
    return Collections.unmodifiableList(out);
  }

  private static List<?> sequence(PythonException.Details d, String name) {
    Object v = d.attributes().get(name);
    if (v instanceof List) return (List<?>) v;
    if (v instanceof java.util.Collection) return new ArrayList<>((java.util.Collection<?>) v);
    return List.of();
  }

  private ExceptionFields() {}
}
