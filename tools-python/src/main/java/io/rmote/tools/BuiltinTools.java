package io.rmote.tools;

import io.rmote.ToolDescriptor;

/**
 * The built-in tools for the dynamic API, by the names their Python classes have. Their sources
 * ship in this jar under {@code tools/}.
 */
public final class BuiltinTools {
  /** {@code tools/fs.py}: read, write, glob and idempotent line-in-file. */
  public static final ToolDescriptor FILE_SYSTEM =
      ToolDescriptor.fromResource(BuiltinTools.class, "tools/fs.py", "FileSystem");

  private BuiltinTools() {}
}
