package io.rmote;

/**
 * The remote interpreter did not come up: the command or interpreter is missing, the Python is too
 * old, start-up timed out, or the remote wrote something other than the runtime's ready line and
 * exited. Carries what the remote wrote on stdout and stderr before failing.
 */
public final class BootstrapException extends ConnectionFailedException {
  private static final long serialVersionUID = 1L;

  private final String remoteStdout;
  private final String remoteStderr;

  /**
   * Made by the runtime when the interpreter does not come up.
   *
   * @param detail what went wrong, without the remote's output
   * @param remoteStdout what the remote printed on stdout before failing, or {@code null}
   * @param remoteStderr what it printed on stderr, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public BootstrapException(
      String detail, String remoteStdout, String remoteStderr, Throwable cause) {
    super(compose(detail, remoteStdout, remoteStderr), cause);
    this.remoteStdout = remoteStdout;
    this.remoteStderr = remoteStderr;
  }

  private static String compose(String detail, String out, String err) {
    StringBuilder s = new StringBuilder(detail);
    if (out != null && !out.isBlank()) s.append("; remote stdout: ").append(out.strip());
    if (err != null && !err.isBlank()) s.append("; remote stderr: ").append(err.strip());
    return s.toString();
  }

  /** What the remote wrote on stdout before the failure (banners, rc-file output), possibly cut. */
  public String remoteStdout() {
    return remoteStdout;
  }

  /** What the remote wrote on stderr before the failure, possibly cut. */
  public String remoteStderr() {
    return remoteStderr;
  }
}
