package io.rmote.processor.source;

/**
 * A use, in a Python source, of something that not every Python 3 from 3.6 on has: syntax added
 * after 3.6, or an import of a standard module (or of a name from one) that some version lacks.
 *
 * @param line the source line, from 1
 * @param kind syntax or import
 * @param what for syntax, the construct ({@code the walrus operator (:=)}); for an import, the
 *     module or name imported ({@code zoneinfo}, {@code typing.Literal})
 * @param added the minor version of Python 3 that added it, or 0 if 3.6 has it
 * @param removed the minor version of Python 3 that removed it, or 0 if none did
 */
public record VersionUse(int line, Kind kind, String what, int added, int removed) {

  /** What was used. */
  public enum Kind {
    SYNTAX,
    IMPORT
  }
}
