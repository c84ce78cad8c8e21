package io.rmote.tools;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Remote;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * Two applications under one parent loader that holds rmote, each with its own copy of a tool
 * interface (as two web applications in one container): each finds its own proxy.
 */
class ProxyLoaderTest {

  /**
   * Loads this module's own classes itself, and everything else (rmote included) from the parent.
   */
  static final class Application extends URLClassLoader {
    Application(URL classes, ClassLoader parent) {
      super(new URL[] {classes}, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("io.rmote.tools.")) return super.loadClass(name, resolve);
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) c = findClass(name);
        if (resolve) resolveClass(c);
        return c;
      }
    }
  }

  @Test
  void eachApplicationFindsTheProxyOfItsOwnInterface() throws Exception {
    URL classes = FileSystem.class.getProtectionDomain().getCodeSource().getLocation();
    ClassLoader parent = ProxyLoaderTest.class.getClassLoader();
    try (Application one = new Application(classes, parent);
        Application two = new Application(classes, parent);
        Remote remote = Remote.local()) {
      // The main application asks first, as the first caller used to fix the lookup for all.
      assertNotNull(remote.tool(FileSystem.class));
      Class<?> fsOne = one.loadClass(FileSystem.class.getName());
      Class<?> fsTwo = two.loadClass(FileSystem.class.getName());
      assertNotSame(fsOne, fsTwo);
      Object proxyOne = remote.tool(fsOne);
      Object proxyTwo = remote.tool(fsTwo);
      assertTrue(fsOne.isInstance(proxyOne));
      assertTrue(fsTwo.isInstance(proxyTwo));
      assertSame(one, proxyOne.getClass().getClassLoader());
      assertSame(two, proxyTwo.getClass().getClassLoader());
    }
  }
}
