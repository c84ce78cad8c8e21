package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.stale.ElsewhereOne;
import io.rmote.stale.FreshOne;
import io.rmote.stale.StaleOne;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tool source changed after its proxy was generated, as Maven's incremental compile leaves it
 * (the new {@code .py} copied to {@code target/classes}, the old proxy and its checked copy kept):
 * the proxy's descriptor names the stale proxy and says to rebuild, instead of running the old
 * copy. The "proxies" are stand-in classes defined in a loader whose roots are temporary folders.
 */
class StaleProxyTest {
  private static final String SOURCE = "tools/rmote-stale-test.py";

  @Test
  void aSourceChangedInTheProxysOwnOutputFailsNamingTheProxy(@TempDir Path root) throws Exception {
    write(root, "io/rmote/stale/StaleOne.py", "class T:\n    pass\n");
    write(root, SOURCE, "class T:\n    x = 1\n");
    Class<?> proxy = define(StaleOne.class, root);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ToolDescriptor.ofProxy(proxy, SOURCE, "T"));
    assertTrue(e.getMessage().contains(StaleOne.class.getName() + " is stale"), e.getMessage());
    assertTrue(e.getMessage().contains("mvn clean compile"), e.getMessage());

    write(root, SOURCE, "class T:\n    pass\n"); // rebuilt: the copy and the source agree
    assertEquals("class T:\n    pass\n", ToolDescriptor.ofProxy(proxy, SOURCE, "T").source());
  }

  @Test
  void theSameSourceInTheSameOutputIsFine(@TempDir Path root) throws Exception {
    write(root, "io/rmote/stale/FreshOne.py", "class T:\n    pass\n");
    write(root, SOURCE, "class T:\n    pass\n");
    Class<?> proxy = define(FreshOne.class, root);
    assertEquals("class T:\n    pass\n", ToolDescriptor.ofProxy(proxy, SOURCE, "T").source());
  }

  @Test
  void aDifferentSourceInAnotherRootIsNotCompared(@TempDir Path root, @TempDir Path other)
      throws Exception {
    write(root, "io/rmote/stale/ElsewhereOne.py", "class T:\n    pass\n");
    write(other, SOURCE, "class T:\n    x = 2\n");
    Class<?> proxy = define(ElsewhereOne.class, root, other);
    assertEquals("class T:\n    pass\n", ToolDescriptor.ofProxy(proxy, SOURCE, "T").source());
  }

  private static void write(Path root, String path, String text) throws IOException {
    Path p = root.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  /** {@code c} defined again by a loader whose resources are {@code roots}. */
  private static Class<?> define(Class<?> c, Path... roots) throws Exception {
    URL[] urls = new URL[roots.length];
    for (int i = 0; i < roots.length; i++) urls[i] = roots[i].toUri().toURL();
    byte[] bytes;
    String file = c.getName().replace('.', '/') + ".class";
    try (InputStream in = c.getClassLoader().getResourceAsStream(file)) {
      bytes = in.readAllBytes();
    }
    URLClassLoader loader =
        new URLClassLoader(urls, StaleProxyTest.class.getClassLoader()) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(c.getName())) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
              Class<?> done = findLoadedClass(name);
              return done != null ? done : defineClass(name, bytes, 0, bytes.length);
            }
          }
        };
    return loader.loadClass(c.getName());
  }
}
