package io.rmote.samples;

import io.rmote.Remote;
import io.rmote.RmoteException;
import io.rmote.python.CalledProcessError;
import io.rmote.python.FileNotFoundError;
import io.rmote.python.OSError;
import io.rmote.tools.Exec;
import io.rmote.tools.FileSystem;

/**
 * Error handling: an exception raised on the remote arrives as a Java exception of the same Python
 * type ({@code io.rmote.python.*}, under Python's own hierarchy: {@code FileNotFoundError} is an
 * {@code OSError}), naming the host, the tool and the method, with the remote traceback. The
 * connection stays usable.
 */
public final class ErrorHandling {

  /** Provokes the errors on a local {@code python3}. */
  public static void main(String[] args) {
    // [errors]
    try (Remote remote = Remote.local()) {
      FileSystem fs = remote.tool(FileSystem.class);
      try {
        fs.readStr("/nonexistent/path/file.txt");
      } catch (FileNotFoundError e) {
        System.out.println("caught " + e.pythonType() + ": " + e.pythonMessage());
        System.out.println("  on " + e.host() + ", in " + e.tool() + "." + e.method());
      }
      try {
        fs.readStr("/root/.rmote-sample-missing");
      } catch (OSError e) { // PermissionError or FileNotFoundError: both are OSErrors
        System.out.println("caught an OSError: " + e.pythonType());
      }
      try {
        remote.tool(Exec.class).command("ls", "/nonexistent");
      } catch (CalledProcessError e) {
        System.out.println("ls exited with " + e.returncode());
      } catch (RmoteException e) { // every failure of rmote is one
        System.out.println("failed: " + e.getMessage());
      }
      System.out.println("still connected: " + fs.exists("/"));
    }
    // [/errors]
  }

  private ErrorHandling() {}
}
