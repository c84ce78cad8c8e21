package io.rmote.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rmote.processor.Sources.compile;
import static io.rmote.processor.Sources.java;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import io.rmote.MappingException;
import io.rmote.Remote;
import io.rmote.ToolDescriptor;
import io.rmote.wire.Codecs;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Code generated in memory, loaded and run against a real python3. Its classes are on no class
 * path, so no {@code Remote}'s registry ever hears of its records: what works here works through
 * the generated codecs alone.
 */
class GeneratedCodeRunsTest {

  @Test
  void aRecordArgumentNeedsNoRegistryInBothTheProxyAndItsAsyncTwin() throws Exception {
    JavaFileObject f =
        java(
            "Points",
            "@RemoteTool(source = \"tools/points.py\")",
            "public interface Points {",
            "  Pair pair(Pair p);",
            "  record Pair(long left, long right) {}",
            "}");
    Compilation c = compile(f);
    assertThat(c).succeededWithoutWarnings();
    ClassLoader loader = new CompiledClasses(c);
    Class<?> pair = loader.loadClass("test.Points$Pair");
    Object p = pair.getConstructor(long.class, long.class).newInstance(3L, 4L);
    try (Remote remote = Remote.local()) {
      Class<?> proxy = loader.loadClass("test.PointsProxy");
      Object points = proxy.getConstructor(Remote.class).newInstance(remote);
      assertEquals(p, proxy.getMethod("pair", pair).invoke(points, p));

      Class<?> asyncProxy = loader.loadClass("test.PointsAsyncProxy");
      Object async = asyncProxy.getConstructor(Remote.class).newInstance(remote);
      assertEquals(
          p, ((CompletableFuture<?>) asyncProxy.getMethod("pair", pair).invoke(async, p)).join());

      // The dynamic API looks codecs up by class, and this Remote knows no codec for Pair.
      ToolDescriptor tool = (ToolDescriptor) proxy.getField("TOOL").get(null);
      assertThrows(MappingException.class, () -> remote.call(tool, "pair", Codecs.ANY, p));
    }
  }

  /** The class files and resources the compilation wrote, as a class loader. */
  static final class CompiledClasses extends ClassLoader {
    private final Map<String, byte[]> files = new HashMap<>();

    CompiledClasses(Compilation c) {
      super(GeneratedCodeRunsTest.class.getClassLoader());
      for (JavaFileObject file : c.generatedFiles()) {
        String path = file.toUri().getPath();
        int at = path.indexOf("/CLASS_OUTPUT/");
        if (at < 0) continue;
        try (InputStream in = file.openInputStream()) {
          files.put(path.substring(at + "/CLASS_OUTPUT/".length()), in.readAllBytes());
        } catch (FileNotFoundException e) {
          // a file the processor only looked for (the services index of an earlier build)
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] b = files.get(name.replace('.', '/') + ".class");
      if (b == null) throw new ClassNotFoundException(name);
      return defineClass(name, b, 0, b.length);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      byte[] b = files.get(name);
      return b != null ? new ByteArrayInputStream(b) : super.getResourceAsStream(name);
    }
  }
}
