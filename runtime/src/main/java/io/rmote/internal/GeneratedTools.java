package io.rmote.internal;

import io.rmote.Remote;
import io.rmote.wire.ValueCodec;
import java.lang.ref.SoftReference;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * What the generated providers contribute, found through the class loader that can see them. A
 * proxy is looked up through its interface's own loader, so two applications under one parent
 * loader that holds rmote each find their own proxies; the codecs of a connection through rmote's
 * loader and the connecting thread's context loader.
 */
public final class GeneratedTools {
  // ClassValue keeps the factory as long as the interface lives and no longer: no loader leaks.
  private static final ClassValue<Function<Remote, ?>> PROXIES =
      new ClassValue<>() {
        @Override
        protected Function<Remote, ?> computeValue(Class<?> toolInterface) {
          Function<Remote, ?> own = ownProvider(toolInterface);
          if (own != null) return own;
          return scan(toolInterface.getClassLoader()).proxies.get(toolInterface);
        }
      };

  // Softly held: the codecs refer to classes of the key's loader, which must stay collectable.
  private static final Map<ClassLoader, SoftReference<Map<Class<?>, ValueCodec<?>>>> CODECS =
      new WeakHashMap<>();

  /**
   * The factory of the generated proxy of {@code toolInterface}.
   *
   * @throws IllegalArgumentException if none was generated, saying what to check
   */
  public static Function<Remote, ?> proxy(Class<?> toolInterface) {
    Function<Remote, ?> factory = PROXIES.get(toolInterface);
    if (factory == null) {
      throw new IllegalArgumentException(
          "no generated proxy for "
              + toolInterface.getName()
              + ": is it annotated with @RemoteTool, and is rmote-processor on the compiler's"
              + " processor path?");
    }
    return factory;
  }

  /** The generated codecs that rmote's loader and {@code context} (may be null) see. */
  public static Map<Class<?>, ValueCodec<?>> codecs(ClassLoader context) {
    ClassLoader own = GeneratedTools.class.getClassLoader();
    ClassLoader key = context != null ? context : own;
    synchronized (CODECS) {
      SoftReference<Map<Class<?>, ValueCodec<?>>> ref = CODECS.get(key);
      Map<Class<?>, ValueCodec<?>> codecs = ref == null ? null : ref.get();
      if (codecs == null) {
        Collector c = scan(own);
        if (context != null && context != own) c.add(context);
        codecs = Collections.unmodifiableMap(c.codecs);
        CODECS.put(key, new SoftReference<>(codecs));
      }
      return codecs;
    }
  }

  /**
   * The proxy from the provider the processor writes beside the interface ({@code
   * pkg.Outer_InnerProxy.Provider} for {@code pkg.Outer.Inner}, the same one for its {@code Async}
   * twin), or {@code null}: loading that one provider, rather than every provider on the class
   * path, keeps the tools a program does not use out of its start-up.
   */
  private static Function<Remote, ?> ownProvider(Class<?> toolInterface) {
    String pkg = toolInterface.getPackageName();
    String simple = toolInterface.getName().substring(pkg.isEmpty() ? 0 : pkg.length() + 1);
    String base = simple.replace('$', '_');
    String prefix = pkg.isEmpty() ? "" : pkg + ".";
    Collector c = new Collector();
    for (String name : new String[] {base, base.replaceFirst("Async$", "")}) {
      try {
        Class<?> provider =
            Class.forName(prefix + name + "Proxy$Provider", true, toolInterface.getClassLoader());
        if (!RemoteToolProvider.class.isAssignableFrom(provider)) continue;
        ((RemoteToolProvider) provider.getDeclaredConstructor().newInstance()).contribute(c);
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        continue; // none there: the scan below finds it or says it is missing
      }
      Function<Remote, ?> f = c.proxies.get(toolInterface);
      if (f != null) return f;
    }
    return null;
  }

  private static Collector scan(ClassLoader loader) {
    Collector c = new Collector();
    c.add(loader != null ? loader : ClassLoader.getSystemClassLoader());
    return c;
  }

  private static final class Collector implements RemoteToolProvider.Registry {
    final Map<Class<?>, Function<Remote, ?>> proxies = new HashMap<>();
    final Map<Class<?>, ValueCodec<?>> codecs = new HashMap<>();

    void add(ClassLoader loader) {
      Iterator<RemoteToolProvider> it =
          ServiceLoader.load(RemoteToolProvider.class, loader).iterator();
      while (true) {
        try {
          if (!it.hasNext()) break;
          it.next().contribute(this);
        } catch (ServiceConfigurationError | LinkageError e) {
          // A stale entry (an interface deleted since an incremental build wrote the index)
          // must not take the other tools down; its own tool() call will say it is missing.
          LoggerFactory.getLogger(GeneratedTools.class)
              .warn("skipping a generated tool provider: {}", e.toString());
        }
      }
    }

    @Override
    public <T> void proxy(Class<T> toolInterface, Function<Remote, ? extends T> factory) {
      proxies.putIfAbsent(toolInterface, factory);
    }

    @Override
    public <T> void codec(Class<T> type, ValueCodec<T> codec) {
      codecs.putIfAbsent(type, codec);
    }
  }

  private GeneratedTools() {}
}
