package io.rmote.python;

import io.rmote.RmoteException;
import java.util.List;
import java.util.Map;

/**
 * An exception raised by Python code on the remote. The Java classes of this package mirror
 * Python's built-in hierarchy ({@link OSError} over {@link FileNotFoundError}, {@link LookupError}
 * over {@link KeyError}, …), so {@code catch (OSError e)} works as {@code except OSError} does. A
 * Python class unknown to Java arrives as its nearest known ancestor: a tool's {@code class
 * QuotaError(ValueError)} is caught as {@link ValueError}, and {@link #pythonType()} still says
 * {@code QuotaError}. A tool's interface can name a Java class for such an exception (a subclass of
 * the ancestor's class, with typed fields) in its methods' {@code throws} clauses, and the
 * generated proxy then throws that class; see {@code io.rmote.ToolDescriptor#withException}. This
 * class itself stands for {@code BaseException} and {@code Exception}.
 */
public class PythonException extends RmoteException {
  private static final long serialVersionUID = 1L;

  private final transient Details details;

  // addSuppressed is final in Throwable and only records the traceback; JDK 21+ javac cannot see
  // that.
  /**
   * Made by the runtime when a call fails with this Python exception; applications catch it rather
   * than construct it.
   *
   * @param details the Python class and bases, {@code args}, message, traceback and attributes
   */
  @SuppressWarnings("this-escape")
  public PythonException(Details details) {
    super(details.headline(), details.cause());
    this.details = details;
    if (!details.traceback().isEmpty()) {
      addSuppressed(new RemoteTraceback(details.traceback()));
    }
  }

  /**
   * Everything the remote sent about an exception.
   *
   * @param mro the class and its bases as {@code module.qualname}, most derived first
   * @param args the exception's {@code args}
   * @param message {@code str(e)}
   * @param traceback the formatted remote traceback, or empty
   * @param attributes extra attributes: {@code errno}, {@code filename}, {@code returncode}, …
   * @param cause the exception's {@code __cause__} or {@code __context__}, or {@code null}
   */
  public record Details(
      List<String> mro,
      List<Object> args,
      String message,
      String traceback,
      Map<String, Object> attributes,
      PythonException cause) {

    /**
     * The class's name as a Python traceback's last line shows it, except that the module a tool's
     * source runs as ({@code rmote_tool_<n>}, a name the runtime makes up) is left out too: {@code
     * FileNotFoundError}, {@code UpdateFailed} (a class of a tool's source), {@code
     * subprocess.CalledProcessError}. {@link PythonException#pythonType()} keeps the full name.
     */
    public String shortType() {
      String t = mro.isEmpty() ? "BaseException" : mro.get(0);
      if (t.startsWith("builtins.")) return t.substring("builtins.".length());
      int dot = t.indexOf('.');
      if (t.startsWith("rmote_tool_") && dot > 0) return t.substring(dot + 1);
      return t;
    }

    String headline() {
      return message.isEmpty() ? shortType() : shortType() + ": " + message;
    }
  }

  /** The Python class as {@code module.qualname}; {@code builtins.} for built-ins. */
  public String pythonType() {
    return details.mro().isEmpty() ? "builtins.BaseException" : details.mro().get(0);
  }

  /** The Python class and its bases, most derived first. */
  public List<String> mro() {
    return details.mro();
  }

  /** The exception's {@code args}. */
  public List<Object> args() {
    return details.args();
  }

  /** {@code str(e)} on the remote. */
  public String pythonMessage() {
    return details.message();
  }

  /** The remote traceback as Python formats it, or an empty string. */
  public String remoteTraceback() {
    return details.traceback();
  }

  /** Extra attributes the remote sent: {@code errno}, {@code filename}, {@code returncode}, … */
  public Map<String, Object> attributes() {
    return details.attributes();
  }

  /** Whether the Python class is, or derives from, the given {@code module.qualname}. */
  public boolean isInstance(String pythonType) {
    return details.mro().contains(pythonType);
  }

  /**
   * One of {@link #attributes()}, for the subclasses' typed getters.
   *
   * @param name the Python attribute's name, such as {@code errno}
   * @return its value as the wire decoded it, or {@code null} when the remote sent none
   */
  protected final Object attribute(String name) {
    return details.attributes().get(name);
  }

  /** Holds the remote traceback so that a printed Java stack trace shows it. */
  static final class RemoteTraceback extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RemoteTraceback(String traceback) {
      super("remote traceback:\n" + traceback, null, false, false);
    }
  }
}
