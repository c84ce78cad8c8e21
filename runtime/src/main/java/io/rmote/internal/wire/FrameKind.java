package io.rmote.internal.wire;

/** Frame kinds and flags; see {@code docs/wire-format.md}. */
public final class FrameKind {
  public static final int SYNC = 1;
  public static final int CALL = 2;
  public static final int RESULT = 3;
  public static final int ERROR = 4;
  public static final int LOG = 5;
  public static final int CANCEL = 6;
  public static final int QUIT = 7;
  public static final int FATAL = 8;

  /** Flag bit: the message goes on in the next frame with the same kind and id. */
  public static final int MORE = 1;

  /** Bytes before a frame's body: length, kind, flags, id. */
  public static final int HEADER_SIZE = 10;

  /** The largest body one frame may carry. */
  public static final int MAX_FRAME_BODY = 16 << 20;

  /** The body size senders cut long messages into. */
  public static final int CHUNK = 4 << 20;

  public static String describe(int kind) {
    switch (kind) {
      case SYNC:
        return "SYNC";
      case CALL:
        return "CALL";
      case RESULT:
        return "RESULT";
      case ERROR:
        return "ERROR";
      case LOG:
        return "LOG";
      case CANCEL:
        return "CANCEL";
      case QUIT:
        return "QUIT";
      case FATAL:
        return "FATAL";
      default:
        return "kind " + kind;
    }
  }

  private FrameKind() {}
}
