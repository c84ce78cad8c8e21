package io.rmote.internal.wire;

/**
 * Bytes that do not follow the wire format: a truncated value, an unknown tag, a count larger than
 * the bytes left. The stream can no longer be trusted, so the connection fails.
 */
public final class WireFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WireFormatException(String message) {
    super(message);
  }
}
