package io.rmote.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Python name of a Java element, where the default mapping does not give it:
 *
 * <ul>
 *   <li>a method of a {@link RemoteTool} interface: the Python method (default: the Java name in
 *       snake_case, {@code diskFree} → {@code disk_free});
 *   <li>a parameter: the Python parameter (default: snake_case);
 *   <li>a record or enum: the Python dataclass, namedtuple or enum class (default: the simple
 *       name);
 *   <li>a record component: the Python field (default: snake_case, {@code mountPoint} → {@code
 *       mount_point});
 *   <li>an enum constant: the Python member (default: the constant's name as is).
 * </ul>
 *
 * <p>For the tool class itself use {@link RemoteTool#name()}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({
  ElementType.METHOD,
  ElementType.PARAMETER,
  ElementType.TYPE,
  ElementType.RECORD_COMPONENT,
  ElementType.FIELD
})
public @interface PythonName {
  /** The name as written in the Python source. */
  String value();
}
