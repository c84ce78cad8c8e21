package io.rmote;

import java.util.Objects;

/**
 * A Python {@code enum.Enum} member received without a Java enum to map it to.
 *
 * @param type the enum class's qualified name, such as {@code SystemTool.State}
 * @param name the member's name, such as {@code RUNNING}
 * @param value the member's value
 */
public record PyEnum(String type, String name, Object value) {
  public PyEnum {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
  }
}
