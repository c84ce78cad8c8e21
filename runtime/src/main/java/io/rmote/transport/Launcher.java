package io.rmote.transport;

import java.io.IOException;
import java.util.List;

/** Starts a remote interpreter: how a {@link Transport} is made. */
public interface Launcher {

  /**
   * Starts the interpreter with {@code pythonArgs} (the interpreter's own arguments, such as {@code
   * -c <first stage>}) appended to whatever the launcher runs.
   *
   * @throws IOException if the command cannot be started at all
   */
  Transport launch(List<String> pythonArgs) throws IOException;

  /** A short name for messages and logs: a host name, or the command. */
  String name();
}
