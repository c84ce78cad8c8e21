package io.rmote;

/**
 * The stream from the remote broke the wire format (a bad frame length, an unknown kind, a body
 * that does not decode), or the remote reported that ours did. The connection cannot be trusted
 * after that, so it is failed like a lost one.
 */
public final class ProtocolException extends ConnectionLostException {
  private static final long serialVersionUID = 1L;

  /**
   * Made by the runtime when the peer breaks the wire protocol.
   *
   * @param detail what was malformed
   * @param cause the decoder's own exception, or {@code null}
   */
  public ProtocolException(String detail, Throwable cause) {
    super(detail, cause);
  }
}
