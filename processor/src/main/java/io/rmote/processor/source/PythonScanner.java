package io.rmote.processor.source;

/**
 * Reads a Python tool source into a {@link PyModule} without a Python interpreter. Stateless.
 *
 * <p>It tokenizes the whole file as CPython does (strings of every form, comments, line
 * continuations, indentation), then reads class and function headers, decorators, and the simple
 * statements of class bodies. Function bodies and every other statement are skipped whole, so code
 * the scanner does not understand cannot confuse it; only text that Python itself could not read
 * (an unterminated string or bracket, an inconsistent dedent) is an error.
 */
public final class PythonScanner {
  private PythonScanner() {}

  /** Scans {@code text}, the content of the resource {@code path}. */
  public static PyModule scan(String path, String text) throws PythonSyntaxException {
    String normalized = Tokenizer.normalize(text);
    return new PyModule(path, new Parser(normalized, Tokenizer.module(normalized)).module());
  }

  /** Parses an annotation expression as written in the source. */
  public static PyType parseType(String annotation) throws PythonSyntaxException {
    return TypeParser.parse(annotation, 1);
  }

  /**
   * Parses an annotation expression that starts on {@code line} of its source, so that an error
   * names the source's line rather than the annotation's own.
   */
  public static PyType parseType(String annotation, int line) throws PythonSyntaxException {
    return TypeParser.parse(annotation, line);
  }
}
