package io.rmote.processor.source;

/** The scanner could not read the source; the message names the line. */
public final class PythonSyntaxException extends Exception {
  private final int line;

  public PythonSyntaxException(int line, String message) {
    super("line " + line + ": " + message);
    this.line = line;
  }

  /** The 1-based line where reading failed. */
  public int line() {
    return line;
  }
}
