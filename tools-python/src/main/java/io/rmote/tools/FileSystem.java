package io.rmote.tools;

import io.rmote.annotations.RemoteTool;
import java.util.List;

/**
 * The built-in {@code FileSystem} tool ({@code tools/fs.py}), typed: {@code
 * remote.tool(FileSystem.class)}. Paths are paths on the remote host. Writes are idempotent: they
 * report whether the file changed. Every method has a twin that does not wait in the generated
 * {@code FileSystemAsync}: {@code remote.tool(FileSystemAsync.class).readStr(path)} returns a
 * {@code CompletableFuture<String>}.
 */
@RemoteTool(source = "tools/fs.py", requiresPython = "3.6")
public interface FileSystem {

  /** The file's text, decoded as UTF-8. */
  String readStr(String path);

  /** The file's text in {@code encoding} ({@code null}: UTF-8). */
  String readStr(String path, String encoding);

  /** The file's bytes. */
  byte[] readBytes(String path);

  /** Writes {@code content} (mode 0644, UTF-8) if the file differs; whether it changed. */
  boolean writeStr(String path, String content);

  /**
   * Writes {@code content} if the file differs; {@code null} mode or encoding keep Python's
   * defaults.
   */
  boolean writeStr(String path, String content, Integer mode, String encoding);

  /** Writes {@code content} (mode 0644) if the file differs; whether it changed. */
  boolean writeBytes(String path, byte[] content);

  boolean exists(String path);

  /** Removes a file; whether it was there. */
  boolean remove(String path);

  /** The paths in {@code directory} matching {@code pattern}, sorted. */
  List<String> glob(String directory, String pattern);

  /**
   * Makes sure {@code line} is (or, with {@code present} false, is not) in the file; whether it
   * changed.
   */
  boolean lineInFile(String path, String line, boolean present);

  /** Makes sure {@code line} is in the file; a Java convenience, not a remote method. */
  default boolean lineInFile(String path, String line) {
    return lineInFile(path, line, true);
  }
}
