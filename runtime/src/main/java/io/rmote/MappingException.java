package io.rmote;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A value could not be mapped between Python and Java: the remote returned a {@code str} where the
 * caller asked for an {@code int}, an opaque object where it asked for a record, or the caller
 * passed a Java type that has no wire mapping. The message names the place inside the value, such
 * as {@code result[3].owner}. The connection stays usable.
 */
public final class MappingException extends RmoteException {
  private static final long serialVersionUID = 1L;

  private final Deque<String> path = new ArrayDeque<>();
  private final String problem;

  /**
   * A value that cannot be mapped.
   *
   * @param problem what does not fit, naming the value and the type
   */
  public MappingException(String problem) {
    super(problem);
    this.problem = problem;
  }

  /** A problem that {@code cause} (a codec's own exception, say) raised. */
  public MappingException(String problem, Throwable cause) {
    super(problem, cause);
    this.problem = problem;
  }

  /** Records that the failure happened inside element {@code index} of a sequence. */
  public MappingException atIndex(int index) {
    path.addFirst("[" + index + "]");
    return this;
  }

  /** Records that the failure happened inside field or key {@code name}. */
  public MappingException atField(String name) {
    path.addFirst("." + name);
    return this;
  }

  /** Where in the value the failure happened, such as {@code result[3].owner}. */
  public String path() {
    return "result" + String.join("", path);
  }

  /** The problem without its place. */
  public String problem() {
    return problem;
  }

  @Override
  public String getMessage() {
    String where = path.isEmpty() ? "" : "at " + path() + ": ";
    String located = super.getMessage();
    return where + located;
  }
}
