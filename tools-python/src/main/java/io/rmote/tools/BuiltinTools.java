package io.rmote.tools;

import io.rmote.ToolDescriptor;

/**
 * The built-in tools for the dynamic API, by the names their Python classes have. Their sources
 * ship in this jar under {@code tools/}. The tools whose sources define exception classes are their
 * generated proxies' descriptors, so a call through the dynamic API throws the same typed
 * exceptions ({@link UserBusyException}, {@link UnitNotFoundException}, …) as one through the
 * interface.
 */
public final class BuiltinTools {
  /** {@code tools/fs.py}: read, write, glob, line and block editing, stat and file operations. */
  public static final ToolDescriptor FILE_SYSTEM =
      ToolDescriptor.fromResource(BuiltinTools.class, "tools/fs.py", "FileSystem");

  /** {@code tools/exec.py}: run commands and shell expressions, output captured. */
  public static final ToolDescriptor EXEC =
      ToolDescriptor.fromResource(BuiltinTools.class, "tools/exec.py", "Exec");

  /** {@code tools/logger.py}: the remote's log levels, and records emitted there. */
  public static final ToolDescriptor LOGGER =
      ToolDescriptor.fromResource(BuiltinTools.class, "tools/logger.py", "Logger");

  /** {@code tools/quit.py}: ends the remote process, after an answer. */
  public static final ToolDescriptor QUIT =
      ToolDescriptor.fromResource(BuiltinTools.class, "tools/quit.py", "Quit");

  /** {@code tools/template.py}: renders templates on the remote, to text or to a file. */
  public static final ToolDescriptor TEMPLATE =
      ToolDescriptor.fromResource(BuiltinTools.class, "tools/template.py", "Template");

  /** {@code tools/service.py}: systemd units, their state read and brought to a goal. */
  public static final ToolDescriptor SERVICE = ServiceProxy.TOOL;

  /** {@code tools/user.py}: users, groups, authorized_keys and sudoers drop-ins. */
  public static final ToolDescriptor USER = UserProxy.TOOL;

  /** {@code tools/pacman.py}: Arch Linux packages, in one transaction, a refresh a full upgrade. */
  public static final ToolDescriptor PACMAN = PacmanProxy.TOOL;

  /** {@code tools/pacman_repository.py}: pacman.conf repository sections and trusted keys. */
  public static final ToolDescriptor PACMAN_REPOSITORY =
      ToolDescriptor.fromResource(
          BuiltinTools.class, "tools/pacman_repository.py", "PacmanRepository");

  /** {@code tools/apt.py}: Debian packages brought to a state with one apt-get run. */
  public static final ToolDescriptor APT = AptProxy.TOOL;

  /** {@code tools/apt_repository.py}: DEB822 apt sources and their signing keys. */
  public static final ToolDescriptor APT_REPOSITORY = AptRepositoryProxy.TOOL;

  private BuiltinTools() {}
}
