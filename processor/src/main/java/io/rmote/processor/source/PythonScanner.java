package io.rmote.processor.source;

/** Reads a Python tool source into a {@link PyModule}. Stateless. */
public final class PythonScanner {
  private PythonScanner() {}

  /** Scans {@code text}, the content of the resource {@code path}. */
  public static PyModule scan(String path, String text) throws PythonSyntaxException {
    throw new UnsupportedOperationException("not yet written");
  }

  /** Parses an annotation expression as written in the source. */
  public static PyType parseType(String annotation) throws PythonSyntaxException {
    throw new UnsupportedOperationException("not yet written");
  }
}
