package io.rmote;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Base of every failure rmote reports: it names the host and, when a call was involved, the tool
 * and the method, so a message read in a log of a thousand hosts still says where it happened.
 * Unchecked, like the failures of the calls it stands for.
 */
public class RmoteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String detail;
  private String host;
  private String tool;
  private String method;

  /**
   * A failure with no cause; the runtime fills in the host, tool and method.
   *
   * @param detail the message, without host, tool and method
   */
  public RmoteException(String detail) {
    this(detail, null);
  }

  /**
   * A failure caused by another; the runtime fills in the host, tool and method.
   *
   * @param detail the message, without host, tool and method
   * @param cause the underlying failure, or {@code null}
   */
  public RmoteException(String detail, Throwable cause) {
    super(detail, cause);
    this.detail = detail;
  }

  /**
   * For subclasses that know where the failure happened.
   *
   * @param detail the message, without host, tool and method
   * @param cause the underlying failure, or {@code null}
   * @param host the connection's name, or {@code null} for the runtime to fill in
   * @param tool the Python tool class, or {@code null}
   * @param method the Python method, or {@code null}
   */
  protected RmoteException(
      String detail, Throwable cause, String host, String tool, String method) {
    super(detail, cause);
    this.detail = detail;
    this.host = host;
    this.tool = tool;
    this.method = method;
  }

  /** Fills in where the failure happened, once, before the exception reaches the caller. */
  final RmoteException locate(String host, String tool, String method) {
    if (this.host == null) this.host = host;
    if (this.tool == null) this.tool = tool;
    if (this.method == null) this.method = method;
    return this;
  }

  /** The connection's name: a host name, or the command that started the interpreter. */
  public final String host() {
    return host;
  }

  /**
   * The Python tool class the failing call was made on, or {@code null} if no call was involved.
   */
  public final String tool() {
    return tool;
  }

  /** The Python method the failing call was made on, or {@code null} if no call was involved. */
  public final String method() {
    return method;
  }

  /**
   * The log records that the remote emitted in the failing call, oldest first: the last 50, and at
   * most 64 KiB of text, after a record saying how many earlier ones were not kept. Records of
   * other calls, and records emitted outside any call (or in a thread or task that the call's code
   * started itself), are never here. Empty when there are none, or no call was involved. These are
   * the exception's suppressed throwables of that type, so {@code printStackTrace} shows them.
   */
  public final List<RemoteLogRecord> remoteLog() {
    List<RemoteLogRecord> records = new ArrayList<>();
    for (Throwable t : getSuppressed()) {
      if (t instanceof RemoteLogRecord) records.add((RemoteLogRecord) t);
    }
    return Collections.unmodifiableList(records);
  }

  /** The message without the host, tool and method. */
  public final String detail() {
    return detail;
  }

  @Override
  public String getMessage() {
    StringBuilder s = new StringBuilder(detail == null ? "" : detail);
    if (host != null || tool != null) {
      s.append(" [");
      if (host != null) s.append("host ").append(host);
      if (tool != null) {
        if (host != null) s.append(", ");
        s.append("call ").append(tool).append('.').append(method);
      }
      s.append(']');
    }
    return s.toString();
  }
}
