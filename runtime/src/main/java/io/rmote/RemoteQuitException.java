package io.rmote;

/**
 * The remote ended itself on request (the {@code Quit} tool, or a tool that called the runtime's
 * {@code exit_after_reply}): every call it had not answered, and every later call, fails with this
 * at once. The message says that the remote quit and with what status; {@link #host()} names it.
 * Not a failure of the connection: nothing was lost that the remote meant to send.
 */
public class RemoteQuitException extends ConnectionLostException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /**
   * Made by the runtime when the remote ended itself on request.
   *
   * @param exitCode the exit status the remote quit with
   */
  public RemoteQuitException(int exitCode) {
    super(
        "the remote quit on request (exit status " + exitCode + "); the connection is closed",
        null);
    this.exitCode = exitCode;
  }

  /** The status the remote exited with. */
  public int exitCode() {
    return exitCode;
  }
}
