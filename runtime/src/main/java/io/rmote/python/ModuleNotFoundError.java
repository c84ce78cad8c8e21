package io.rmote.python;

/** Python's {@code builtins.ModuleNotFoundError}. */
public class ModuleNotFoundError extends ImportError {
  private static final long serialVersionUID = 1L;

  public ModuleNotFoundError(Details details) {
    super(details);
  }
}
