package io.rmote.internal;

import io.rmote.Remote;

import io.rmote.wire.ValueCodec;
import org.slf4j.LoggerFactory;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/** Everything the generated providers on the class path contribute, collected once. */
public final class GeneratedTools implements RemoteToolProvider.Registry {
  private static volatile GeneratedTools instance;

  public final Map<Class<?>, Function<Remote, ?>> proxies = new HashMap<>();
  public final Map<Class<?>, ValueCodec<?>> codecs = new HashMap<>();

  public static GeneratedTools get() {
    GeneratedTools g = instance;
    if (g == null) {
      synchronized (GeneratedTools.class) {
        g = instance;
        if (g == null) {
          g = new GeneratedTools();
          for (ClassLoader loader : loaders()) {
            Iterator<RemoteToolProvider> it = ServiceLoader.load(RemoteToolProvider.class, loader).iterator();
            while (true) {
              try {
                if (!it.hasNext()) break;
                it.next().contribute(g);
              } catch (ServiceConfigurationError | LinkageError e) {
                // A stale entry (an interface deleted since an incremental build wrote the index)
                // must not take the other tools down; its own tool() call will say it is missing.
                LoggerFactory.getLogger(GeneratedTools.class).warn("skipping a generated tool provider: {}", e.toString());
              }
            }
          }
          instance = g;
        }
      }
    }
    return g;
  }

  private static ClassLoader[] loaders() {
    ClassLoader own = GeneratedTools.class.getClassLoader();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context == null || context == own ? new ClassLoader[] {own} : new ClassLoader[] {own, context};
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
