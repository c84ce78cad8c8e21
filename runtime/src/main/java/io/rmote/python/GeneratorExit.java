package io.rmote.python;

/** Python's {@code builtins.GeneratorExit}. */
public class GeneratorExit extends PythonException {
  private static final long serialVersionUID = 1L;

  public GeneratorExit(Details details) {
    super(details);
  }
}
