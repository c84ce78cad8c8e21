package io.rmote.tools;

import io.rmote.annotations.PythonName;
import io.rmote.python.PythonException;
import io.rmote.python.ValueError;

/**
 * Another apt source already has one of this source's URIs and suites with a different {@code
 * Signed-By}, which apt refuses ("Conflicting values set for option Signed-By") and which then
 * breaks every apt command: the Python class {@code SourceConflict} of {@code
 * tools/apt_repository.py}, a {@code ValueError}, so {@code catch (ValueError e)} catches it too.
 * Thrown by {@link AptRepository#present} (dry run included) before anything is written.
 */
@PythonName("SourceConflict")
public final class SourceConflictException extends ValueError {
  private static final long serialVersionUID = 1L;

  private final String other;
  private final String uri;
  private final String suite;
  private final String signedBy;
  private final String otherSignedBy;

  /** Made by the generated proxy of {@link AptRepository} from what the remote sent. */
  public SourceConflictException(
      PythonException.Details details,
      String other,
      String uri,
      String suite,
      String signedBy,
      String otherSignedBy) {
    super(details);
    this.other = other;
    this.uri = uri;
    this.suite = suite;
    this.signedBy = signedBy;
    this.otherSignedBy = otherSignedBy;
  }

  /** The other source file, such as {@code /etc/apt/sources.list.d/old.list}. */
  public String other() {
    return other;
  }

  /** The URI both name. */
  public String uri() {
    return uri;
  }

  /** The suite both name. */
  public String suite() {
    return suite;
  }

  /** The Signed-By this source would have, or {@code null} (or empty) for none. */
  public String signedBy() {
    return signedBy;
  }

  /** The Signed-By the other source has, or {@code null} (or empty) for none. */
  public String otherSignedBy() {
    return otherSignedBy;
  }
}
