package io.rmote.tools;

import io.rmote.ToolDescriptor;

/**
 * The built-in tools for the dynamic API, by the names their Python classes have. Their sources
 * ship in this jar under {@code tools/}.
 */
public final class BuiltinTools {
  /** {@code tools/fs.py}: read, write, glob, line and block editing, stat and file operations. */
  public static final ToolDescriptor FILE_SYSTEM =
      ToolDescriptor.fromResource(BuiltinTools.class, "tools/fs.py", "FileSystem");

  /** {@code tools/template.py}: renders templates on the remote, to text or to a file. */
  public static final ToolDescriptor TEMPLATE =
      ToolDescriptor.fromResource(BuiltinTools.class, "tools/template.py", "Template");

  private BuiltinTools() {}
}
