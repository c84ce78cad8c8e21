package io.rmote.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java interface as the typed face of a Python tool class. At compile time, rmote's
 * annotation processor reads {@link #source()}, checks every abstract method of the interface
 * against the Python class, and generates {@code <Interface>Proxy} (a plain class with a public
 * constructor taking an {@code io.rmote.Remote}) plus a wire codec for every record and enum the
 * methods use. {@code remote.tool(MyTool.class)} then returns the proxy.
 *
 * <pre>{@code
 * @RemoteTool(source = "tools/system_tool.py")
 * public interface SystemTool {
 *   String hostname();
 *   DiskInfo diskFree(String path);           // def disk_free(path: str = "/") -> "DiskInfo"
 *   CompletableFuture<String> read(String path);
 *   record DiskInfo(String path, long free) {}
 * }
 * }</pre>
 *
 * <p>Mapping rules: a method {@code diskFree} calls {@code disk_free}, a parameter {@code maxDepth}
 * is passed as {@code max_depth} (keyword-only parameters work), a record component {@code
 * mountPoint} reads the field {@code mount_point}, a {@code null} argument for a parameter with a
 * Python default is left out so the default applies, Java varargs become {@code *args}, and default
 * methods stay on the Java side. {@link PythonName} overrides any name.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RemoteTool {

  /**
   * The Python source as a resource path, such as {@code tools/system_tool.py}: relative to the
   * resource roots ({@code src/main/resources} in Maven), and shipped in the jar, so what runs
   * remotely is the file that was checked.
   */
  String source();

  /** The Python class name; by default the interface's simple name. */
  String name() default "";

  /**
   * The oldest Python the tool must run on, as {@code "3.N"} with {@code N} from 6 (the oldest the
   * runtime supports), such as {@code "3.8"}: the name and meaning of packaging's {@code
   * Requires-Python}, written as the bare lower bound. The processor rejects, with the Python file
   * and line, syntax that version cannot parse (the walrus operator before 3.8, {@code match}
   * before 3.10, ...) and imports of standard modules it lacks ({@code dataclasses} before 3.7,
   * {@code zoneinfo} before 3.9, ...) unless guarded by {@code try}/{@code except ImportError}.
   *
   * <p>By default ({@code ""}) the compilation's {@code -Armote.requiresPython=3.N}, else {@code
   * "3.7"}, the oldest Python with {@code dataclasses}.
   */
  String requiresPython() default "";
}
