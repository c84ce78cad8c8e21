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

  /** The generated codecs that rmote's loader and the calling thread's context loader see. */
  public static Map<Class<?>, ValueCodec<?>> codecs() {
    ClassLoader own = GeneratedTools.class.getClassLoader();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
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
