package io.rmote.tools;

import io.rmote.annotations.RemoteTool;
import java.util.List;

/**
 * The built-in {@code FileSystem} tool ({@code tools/fs.py}), typed: {@code
 * remote.tool(FileSystem.class)}. Paths are paths on the remote host; names travel as UTF-8 text.
 * Every method has a twin that does not wait in the generated {@code FileSystemAsync}.
 *
 * <p>The Python library's methods keep their names, parameters and results ({@code read_bytes},
 * {@code read_str}, {@code glob}, {@code line_in_file} returning its unified diff); the rest are
 * additions. Every mutating method:
 *
 * <ul>
 *   <li>has a {@code dryRun} form that computes the same result from the file as it is and changes
 *       nothing;
 *   <li>reports {@code changed} only when the state after differs from the state before, so a
 *       second identical call reports no change;
 *   <li>writes atomically: a {@code mkstemp} file beside the target, {@code fsync}, {@code rename},
 *       keeping the replaced file's mode, owner and extended attributes unless told otherwise (a
 *       new file gets 0644, whatever the umask); when the rename fails with {@code EBUSY} (a
 *       bind-mounted file) the file is rewritten in place and {@link FileChange#inPlace()} says so;
 *   <li>as root, refuses (with {@code PermissionError}) to follow a symbolic link that a user other
 *       than root owns, anywhere in the path, so a planted link cannot redirect the write;
 *   <li>runs under the remote's lock of that path, so calls in flight on one connection that edit
 *       one file do not lose each other's changes.
 * </ul>
 *
 * <p>Text edits ({@link #lineInFile}, {@link #blockInFile}) keep every byte outside the edited
 * lines: CRLF line endings (new lines take the file's first ending), bytes that are not valid in
 * the encoding, and whether the file ends with a line break. Failures come back as the mapped
 * Python exceptions: {@code io.rmote.python.FileNotFoundError}, {@code PermissionError}, …
 *
 * <p>{@code FileSystem} shares its simple name with {@code java.nio.file.FileSystem}; in a file
 * that needs both, import ours and qualify the JDK's.
 */
@RemoteTool(source = "tools/fs.py", requiresPython = "3.6")
public interface FileSystem {

  /** How many lines a {@code regexp} of {@link #lineInFile} replaces: Python's IntEnum. */
  enum LineInFileMatch {
    /** The first matching line only (the default). */
    FIRST,
    /** Every matching line. */
    ALL
  }

  /** What a path is, as {@code lstat} (or {@code stat} when following) sees it. */
  enum FileType {
    /** Nothing is there. */
    ABSENT,
    /** A regular file. */
    FILE,
    /** A directory. */
    DIRECTORY,
    /** A symbolic link (seen only when not following links). */
    SYMLINK,
    /** A named pipe. */
    FIFO,
    /** A Unix socket. */
    SOCKET,
    /** A character device. */
    CHAR_DEVICE,
    /** A block device. */
    BLOCK_DEVICE
  }

  /**
   * A path's metadata. For an {@link FileType#ABSENT absent} path: {@code mode}, {@code owner},
   * {@code group}, {@code sha256} and {@code linkTarget} are null, {@code uid} and {@code gid} -1,
   * {@code size} and {@code mtime} 0.
   *
   * @param path the path as given
   * @param type its type
   * @param mode the permission bits
   * @param owner the owner's name, null if the uid has none
   * @param group the group's name, null if the gid has none
   * @param uid numeric owner
   * @param gid numeric group
   * @param size bytes
   * @param mtime modification time, seconds since the epoch
   * @param sha256 hex SHA-256 of a regular file's content when asked for, else null
   * @param linkTarget a symbolic link's target as stored (readlink), else null
   */
  record FileStat(
      String path,
      FileType type,
      FileMode mode,
      String owner,
      String group,
      long uid,
      long gid,
      long size,
      double mtime,
      String sha256,
      String linkTarget) {}

  /** The file's text, decoded as UTF-8 (the Python library decodes with the locale's). */
  String readStr(String path);

  /** The file's text in {@code encoding} ({@code null}: UTF-8), a Python codec name. */
  String readStr(String path, String encoding);

  /** The file's bytes. */
  byte[] readBytes(String path);

  /** Whether the path exists ({@code os.path.exists}: a dangling link does not). */
  boolean exists(String path);

  /**
   * The paths under the folder {@code path} matching {@code pattern} ({@code glob.glob}, {@code **}
   * recursing), sorted; the Python library's order is the file system's.
   */
  List<String> glob(String path, String pattern);

  /**
   * Makes sure {@code line} is in the file, appending it if no line equals it (both stripped); the
   * unified diff, {@code ""} when nothing changed. Throws {@code FileNotFoundError} if the file is
   * missing.
   */
  String lineInFile(String path, String line);

  /**
   * Replaces the first line matching {@code regexp} ({@code re.search}) by {@code line}; when none
   * matches, appends {@code line} unless a line equal to it is already there. The Python library
   * appends it again on every run in that case (the Ansible bug of #29776 and #34690); ours does
   * not. The unified diff, {@code ""} when nothing changed.
   */
  String lineInFile(String path, String line, String regexp);

  /** With {@code present} false, removes every line equal to {@code line}; the diff. */
  String lineInFile(String path, String line, boolean present);

  /**
   * The whole {@code line_in_file}: every argument but {@code path} and {@code line} may be null
   * for its default.
   *
   * @param regexp lines to replace ({@code re.search}); with {@code present} false, lines to remove
   * @param strip compare lines stripped of surrounding white space (default true)
   * @param create create a missing file (mode 0644) rather than throw (default false)
   * @param match {@link LineInFileMatch#FIRST} (default) or every matching line
   * @param present false: remove the lines instead (Ansible's {@code state: absent})
   * @param insertAfter where a new line goes: after the last line matching this regexp ({@code
   *     "EOF"}, the default, or no match: at the end)
   * @param insertBefore before the first line matching this regexp ({@code "BOF"}: at the start)
   * @param dryRun compute the diff without writing
   * @param backrefs {@code line} is a {@code re} template ({@code \1}, {@code \g<name>}) expanded
   *     with the match; a regexp that matches nothing then changes nothing (default false)
   * @return the unified diff, {@code ""} when nothing changed
   */
  String lineInFile(
      String path,
      String line,
      String regexp,
      Boolean strip,
      Boolean create,
      LineInFileMatch match,
      Boolean present,
      String insertAfter,
      String insertBefore,
      Boolean dryRun,
      Boolean backrefs);

  /**
   * Makes sure the file holds {@code block} between the lines {@code # BEGIN RMOTE MANAGED BLOCK}
   * and {@code # END RMOTE MANAGED BLOCK} (at the end the first time, replaced in place after); an
   * empty block removes them. Creates a missing file.
   */
  FileChange blockInFile(String path, String block);

  /**
   * {@link #blockInFile(String, String)} with every option; null for a default.
   *
   * @param marker the marker line, {@code {mark}} standing for BEGIN and END (default {@code "#
   *     {mark} RMOTE MANAGED BLOCK"}); one marker per block, or blocks overwrite each other
   * @param insertAfter as for {@link #lineInFile}, on first insertion only
   * @param insertBefore as for {@link #lineInFile}, on first insertion only
   * @param create create a missing file (default true)
   */
  FileChange blockInFile(
      String path,
      String block,
      String marker,
      String insertAfter,
      String insertBefore,
      Boolean create,
      Boolean dryRun);

  /** Writes {@code content} as UTF-8 (a new file 0644; an existing one keeps its metadata). */
  FileChange writeStr(String path, String content);

  /** Writes {@code content}; {@code null} mode keeps the file's (0644 new), null encoding UTF-8. */
  FileChange writeStr(String path, String content, FileMode mode, String encoding);

  /**
   * Writes {@code content} as UTF-8 with this mode, owner and group (names or numeric ids; null
   * keeps the existing one); changed if content or metadata differ.
   */
  FileChange writeStr(
      String path, String content, FileMode mode, String owner, String group, boolean dryRun);

  /** Writes {@code content} (a new file 0644; an existing one keeps its metadata). */
  FileChange writeBytes(String path, byte[] content);

  /** As {@link #writeStr(String, String, FileMode, String, String, boolean)}, for bytes. */
  FileChange writeBytes(
      String path, byte[] content, FileMode mode, String owner, String group, boolean dryRun);

  /** The path's metadata and SHA-256, not following a final symbolic link. */
  FileStat stat(String path);

  /** The metadata, following a final link if {@code follow}, hashing if {@code checksum}. */
  FileStat stat(String path, boolean follow, boolean checksum);

  /** {@code mkdir -p}: changed when it had to create the folder. */
  FileChange mkdir(String path);

  /**
   * {@code mkdir -p}, then this mode, owner and group on the last folder (null: leave as is); a
   * path that exists and is not a folder throws {@code FileExistsError}.
   */
  FileChange mkdir(String path, FileMode mode, String owner, String group, boolean dryRun);

  /** Removes a file, link or empty folder; changed when it was there. */
  FileChange remove(String path);

  /** Removes the path, a folder with its content if {@code recursive}; never follows a link. */
  FileChange remove(String path, boolean recursive, boolean dryRun);

  /** Sets the permission bits; changed when they differed. */
  FileChange chmod(String path, FileMode mode);

  /**
   * As {@link #chmod(String, FileMode)}; with {@code dryRun}, reports the change without making it.
   */
  FileChange chmod(String path, FileMode mode, boolean dryRun);

  /** Sets owner and group (names or numeric ids; null keeps that one); changed when different. */
  FileChange chown(String path, String owner, String group);

  /**
   * As {@link #chown(String, String, String)}; with {@code dryRun}, reports the change without
   * making it.
   */
  FileChange chown(String path, String owner, String group, boolean dryRun);

  /**
   * Makes {@code path} a symbolic link to {@code target}: unchanged if it already is; a link to
   * elsewhere is replaced atomically; any other file throws {@code FileExistsError}.
   */
  FileChange symlink(String target, String path);

  /** As {@link #symlink(String, String)}; {@code force} replaces a file (never a folder). */
  FileChange symlink(String target, String path, boolean force, boolean dryRun);
}
