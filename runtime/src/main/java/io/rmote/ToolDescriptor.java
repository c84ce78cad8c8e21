package io.rmote;

import io.rmote.internal.python.PythonExceptions;
import io.rmote.python.PythonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A Python tool class and the source it is defined in. The source is sent to a connection once,
 * before the first call that needs it, and runs there as a module of its own, so same-named classes
 * of different files never collide. Generated proxies hold one of these per interface; the dynamic
 * API takes one per call.
 *
 * <p>A source may import support modules ({@code from rmote.support.files import write_file}): each
 * is the class-path resource {@code rmote/support/files.py}, found when the descriptor is made
 * through the same class loader as the source (this library's for {@link #fromSource}), and sent
 * once per connection before the first tool that needs it. A source that mentions {@code Template}
 * or {@code render_template} needs the template engine, {@code rmote/support/template.py}. A
 * factory throws {@code IllegalArgumentException} when such a resource is missing.
 *
 * <p>Every factory takes where the source comes from first and the Python class name last.
 *
 * <p>An exception class the source defines arrives, by default, as the Java class of its nearest
 * built-in ancestor ({@code class UserBusy(subprocess.CalledProcessError)} as {@code
 * CalledProcessError}). {@link #withException} names a Java class for it; a generated proxy's
 * descriptor names one for every tool exception its interface's methods declare in {@code throws}.
 */
public final class ToolDescriptor {
  private static final Map<String, ToolSource> RESOURCES = new ConcurrentHashMap<>();

  private final String className;
  private final ToolSource source;

  /** Java factories of the source's own exception classes, by Python qualified name. */
  private final Map<String, Function<PythonException.Details, ? extends PythonException>>
      exceptions;

  private ToolDescriptor(String className, ToolSource source) {
    this(className, source, Map.of());
  }

  private ToolDescriptor(
      String className,
      ToolSource source,
      Map<String, Function<PythonException.Details, ? extends PythonException>> exceptions) {
    this.className = Objects.requireNonNull(className, "className");
    this.source = source;
    this.exceptions = exceptions;
  }

  /**
   * This tool, with the exception class {@code pythonClass} of its source arriving as what {@code
   * create} makes: an exception raised by one of the tool's calls whose class is {@code
   * pythonClass}, or derives from it with no nearer class known to Java, is passed to {@code
   * create} with everything the remote sent (its attributes hold the instance's public fields).
   * {@code create} should return a subclass of the Java class of the Python class's built-in
   * ancestor, so that a {@code catch} of that class still catches it; the annotation processor
   * checks this for generated proxies.
   *
   * @param pythonClass the class's qualified name in the source, such as {@code UserBusy} or {@code
   *     Apt.LockTimeout} for a nested one
   * @param create makes the Java exception; called on the thread that decodes the answer
   * @return a new descriptor; this one is unchanged
   */
  public ToolDescriptor withException(
      String pythonClass, Function<PythonException.Details, ? extends PythonException> create) {
    Objects.requireNonNull(pythonClass, "pythonClass");
    Objects.requireNonNull(create, "create");
    Map<String, Function<PythonException.Details, ? extends PythonException>> m =
        new LinkedHashMap<>(exceptions);
    m.put(pythonClass, create);
    return new ToolDescriptor(className, source, Map.copyOf(m));
  }

  /**
   * The exception for what the remote sent about one of this tool's calls: the class of the first
   * entry of its MRO that is one of this source's named exceptions or a mirrored built-in. Its
   * cause chain ({@code raise Outer() from inner}) is mapped the same way, so a tool exception
   * under another keeps its Java class too.
   */
  PythonException exception(PythonException.Details details) {
    if (exceptions.isEmpty()) return PythonExceptions.create(details);
    PythonException cause = details.cause();
    if (cause != null) {
      details =
          new PythonException.Details(
              details.mro(),
              details.args(),
              details.message(),
              details.traceback(),
              details.attributes(),
              exception(detailsOf(cause)));
    }
    for (String type : details.mro()) {
      Function<PythonException.Details, ? extends PythonException> f = exceptions.get(own(type));
      if (f != null) return f.apply(details);
      if (PythonExceptions.javaClass(type) != null) break;
    }
    return PythonExceptions.create(details);
  }

  /** What the remote sent about a cause, read back from the exception the decoder made of it. */
  private static PythonException.Details detailsOf(PythonException e) {
    return new PythonException.Details(
        e.mro(),
        e.args(),
        e.pythonMessage(),
        e.remoteTraceback(),
        e.attributes(),
        e.getCause() instanceof PythonException c ? c : null);
  }

  /**
   * The qualified name of a class the tool's own module defines, or {@code ""}: the runtime runs
   * each tool source as a module named {@code rmote_tool_<n>}, so its classes arrive as {@code
   * rmote_tool_<n>.<qualname>}.
   */
  private static String own(String type) {
    int dot = type.indexOf('.');
    return dot > 0 && type.startsWith("rmote_tool_") ? type.substring(dot + 1) : "";
  }

  /**
   * A tool from source text.
   *
   * @param sourceName the file name shown in remote tracebacks, such as {@code
   *     tools/system_tool.py}
   * @param source the Python source defining the class
   * @param className the Python class, such as {@code SystemTool}
   */
  public static ToolDescriptor fromSource(String sourceName, String source, String className) {
    Objects.requireNonNull(source, "source");
    return new ToolDescriptor(
        className,
        new ToolSource(
            sourceName,
            source,
            SupportModules.of(sourceName, source, ToolDescriptor.class.getClassLoader())));
  }

  /**
   * A tool whose source is a class-path resource, such as {@code tools/system_tool.py}, found
   * through {@code anchor}'s class loader. Loaded once per JVM.
   */
  public static ToolDescriptor fromResource(
      Class<?> anchor, String resourcePath, String className) {
    String path = resourcePath.startsWith("/") ? resourcePath.substring(1) : resourcePath;
    ToolSource source =
        RESOURCES.computeIfAbsent(
            anchor.getClassLoader().hashCode() + ":" + path,
            k -> load(anchor.getClassLoader(), path));
    return new ToolDescriptor(className, source);
  }

  /** Like {@link #fromResource(Class, String, String)}, through this library's class loader. */
  public static ToolDescriptor fromResource(String resourcePath, String className) {
    return fromResource(ToolDescriptor.class, resourcePath, className);
  }

  /**
   * The tool of a generated proxy: the source that the annotation processor checked, which it
   * stores beside the proxy class as {@code <ProxyName>.py}. Whatever else the class path holds
   * under {@code sourceName}, what runs on the remote is exactly what was checked. Loaded once per
   * proxy class.
   *
   * @param proxy the generated proxy class
   * @param sourceName the source's path as the interface names it, shown in remote tracebacks
   * @param className the Python class
   */
  public static ToolDescriptor ofProxy(Class<?> proxy, String sourceName, String className) {
    String copy = proxy.getSimpleName() + ".py";
    ToolSource source =
        RESOURCES.computeIfAbsent(
            "proxy:" + proxy.getName(),
            k -> {
              try (InputStream in = proxy.getResourceAsStream(copy)) {
                if (in == null) {
                  throw new IllegalStateException(
                      "the checked copy of "
                          + sourceName
                          + " ('"
                          + copy
                          + "' beside "
                          + proxy.getName()
                          + ") is missing: was the jar built without its resources?");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                checkNotStale(proxy, copy, sourceName, text);
                return new ToolSource(
                    sourceName, text, SupportModules.of(sourceName, text, proxy.getClassLoader()));
              } catch (IOException e) {
                throw new UncheckedIOException(
                    "cannot read " + copy + " beside " + proxy.getName(), e);
              }
            });
    return new ToolDescriptor(className, source);
  }

  /**
   * Fails when the source in the proxy's own class-path root differs from the copy checked beside
   * the proxy: that root is one build's output (Maven's {@code target/classes}, one jar), so the
   * {@code .py} changed after the proxy was generated. Maven's incremental compile does not know
   * the {@code .py} is an input of the processor, and copies the new source but keeps the old proxy
   * and its copy. A source of the same path in another root (a different jar) is no sign of
   * anything and is not compared.
   */
  private static void checkNotStale(Class<?> proxy, String copy, String sourceName, String text)
      throws IOException {
    ClassLoader loader = proxy.getClassLoader();
    java.net.URL copyUrl = proxy.getResource(copy);
    java.net.URL sourceUrl = loader == null ? null : loader.getResource(sourceName);
    if (copyUrl == null || sourceUrl == null) return;
    String pkg = proxy.getPackageName().replace('.', '/');
    String copyRoot = root(copyUrl.toString(), (pkg.isEmpty() ? "" : pkg + "/") + copy);
    String sourceRoot = root(sourceUrl.toString(), sourceName);
    if (copyRoot == null || !copyRoot.equals(sourceRoot)) return;
    String current;
    try (InputStream in = sourceUrl.openStream()) {
      current = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!current.equals(text)) {
      throw new IllegalStateException(
          proxy.getName()
              + " is stale: "
              + sourceName
              + " in "
              + sourceRoot
              + " changed after the proxy was generated from it, and the proxy would run the old"
              + " copy ("
              + copy
              + "). Rebuild the module from clean (mvn clean compile): an incremental build"
              + " does not see that the .py is an input of the annotation processor");
    }
  }

  private static String root(String url, String path) {
    return url.endsWith("/" + path) ? url.substring(0, url.length() - path.length()) : null;
  }

  private static ToolSource load(ClassLoader loader, String path) {
    ClassLoader l = loader != null ? loader : ClassLoader.getSystemClassLoader();
    try (InputStream in = l.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no tool source '" + path + "' on the class path");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new ToolSource(path, text, SupportModules.of(path, text, l));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tool source " + path, e);
    }
  }

  /** The Python class name. */
  public String className() {
    return className;
  }

  /** The source's file name, as remote tracebacks show it. */
  public String sourceName() {
    return source.name();
  }

  /** The Python source text. */
  public String source() {
    return source.text();
  }

  ToolSource toolSource() {
    return source;
  }

  @Override
  public String toString() {
    return className + " (" + source.name() + ")";
  }

  /**
   * One source file; a connection syncs each once, keyed by its value (two descriptors read from
   * the same file share one module).
   *
   * <p>A class, not a record: a record's {@code hashCode} and {@code equals} are bootstrapped
   * through {@code ObjectMethods} at their first call, which is a fresh JVM's first call on a
   * connection (22 ms after the ready line, one cold run), and a record would hash the support list
   * again at every call's lookup; this one hashes once.
   */
  static final class ToolSource {
    private final String name;
    private final String text;
    private final List<ToolSource> support;
    private final int hash;

    /**
     * @param support the support modules it imports, each after those it imports in turn (empty for
     *     a support module itself: its imports are in its tool's list)
     */
    ToolSource(String name, String text, List<ToolSource> support) {
      this.name = Objects.requireNonNull(name, "sourceName");
      this.text = Objects.requireNonNull(text, "source");
      this.support = List.copyOf(support);
      this.hash = (name.hashCode() * 31 + text.hashCode()) * 31 + this.support.hashCode();
    }

    String name() {
      return name;
    }

    String text() {
      return text;
    }

    List<ToolSource> support() {
      return support;
    }

    @Override
    public boolean equals(Object o) {
      if (o == this) return true;
      if (!(o instanceof ToolSource)) return false;
      ToolSource t = (ToolSource) o;
      return hash == t.hash
          && name.equals(t.name)
          && text.equals(t.text)
          && support.equals(t.support);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
