package io.rmote;

/**
 * A result was larger than the connection's bound ({@link Remote.Builder#maxMessageSize}). Its
 * bytes were read and dropped; the connection stays usable.
 */
public final class PayloadTooLargeException extends RmoteException {
  private static final long serialVersionUID = 1L;

  /**
   * Made by the runtime when an answer is larger than allowed.
   *
   * @param limit the limit that was exceeded, in bytes
   */
  public PayloadTooLargeException(long limit) {
    super("the answer exceeds the limit of " + limit + " bytes (Remote.Builder.maxMessageSize)");
  }
}
