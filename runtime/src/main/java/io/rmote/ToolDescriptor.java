package io.rmote;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

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
 */
public final class ToolDescriptor {
  private static final Map<String, ToolSource> RESOURCES = new ConcurrentHashMap<>();

  private final String className;
  private final ToolSource source;

  private ToolDescriptor(String className, ToolSource source) {
    this.className = Objects.requireNonNull(className, "className");
    this.source = source;
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
                return new ToolSource(
                    sourceName, text, SupportModules.of(sourceName, text, proxy.getClassLoader()));
              } catch (IOException e) {
                throw new UncheckedIOException(
                    "cannot read " + copy + " beside " + proxy.getName(), e);
              }
            });
    return new ToolDescriptor(className, source);
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
   * One source file; a connection syncs each once.
   *
   * @param support the support modules it imports, each after those it imports in turn (empty for a
   *     support module itself: its imports are in its tool's list)
   */
  record ToolSource(String name, String text, List<ToolSource> support) {
    ToolSource {
      Objects.requireNonNull(name, "sourceName");
      Objects.requireNonNull(text, "source");
      support = List.copyOf(support);
    }
  }
}
