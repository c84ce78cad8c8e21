package io.rmote.python;

/** Python's {@code builtins.ImportError}. */
public class ImportError extends PythonException {
  private static final long serialVersionUID = 1L;

  public ImportError(Details details) {
    super(details);
  }
}
