package io.rmote.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * Builds test interfaces and compiles them with the processor; Python fixtures are test resources.
 */
final class Sources {

  /** {@code package test;} with the usual imports, then {@code lines}, as {@code test.NAME}. */
  static JavaFileObject java(String name, String... lines) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "package test;",
                "",
                "import io.rmote.annotations.PythonName;",
                "import io.rmote.annotations.RemoteTool;",
                "import java.util.*;",
                "import java.util.concurrent.CompletableFuture;",
                ""));
    all.addAll(List.of(lines));
    return JavaFileObjects.forSourceLines("test." + name, all);
  }

  /** A {@code SystemTool} interface over {@code tools/system.py} with these members. */
  static JavaFileObject systemTool(String... members) {
    List<String> all = new ArrayList<>();
    all.add("@RemoteTool(source = \"tools/system.py\")");
    all.add("public interface SystemTool {");
    all.addAll(List.of(members));
    all.add("}");
    return java("SystemTool", all.toArray(String[]::new));
  }

  static Compilation compile(JavaFileObject... files) {
    return javac().withProcessors(new RemoteToolProcessor()).compile(files);
  }

  private Sources() {}
}
