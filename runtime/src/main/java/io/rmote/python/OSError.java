package io.rmote.python;

/** Python's {@code OSError} (and its aliases {@code IOError}, {@code EnvironmentError}). */
public class OSError extends PythonException {
  private static final long serialVersionUID = 1L;

  /**
   * Made by the runtime when a call fails with this Python exception; applications catch it rather
   * than construct it.
   *
   * @param details the Python class and bases, {@code args}, message, traceback and attributes
   */
  public OSError(Details details) {
    super(details);
  }

  /** The {@code errno} number, or {@code null} if the remote gave none. */
  public Integer errno() {
    Object v = attribute("errno");
    return v instanceof Number ? ((Number) v).intValue() : null;
  }

  /** The error text for {@link #errno()}, such as {@code No such file or directory}. */
  public String strerror() {
    Object v = attribute("strerror");
    return v == null ? null : v.toString();
  }

  /** The file name involved, or {@code null}. */
  public String filename() {
    Object v = attribute("filename");
    return v == null ? null : v.toString();
  }
}
