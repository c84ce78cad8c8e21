package io.rmote;

/**
 * A Python object the wire format has no shape for, received as its type and {@code repr()}. Asking
 * to map one to any other Java type fails with a {@link MappingException}.
 *
 * @param type the object's class as {@code module.qualname}
 * @param repr the object's {@code repr()}
 */
public record PyOpaque(String type, String repr) {}
