package io.rmote;

import io.rmote.wire.ValueCodec;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/** Everything the generated providers on the class path contribute, collected once. */
final class GeneratedTools implements RemoteToolProvider.Registry {
  private static volatile GeneratedTools instance;

  final Map<Class<?>, Function<Remote, ?>> proxies = new HashMap<>();
  final Map<Class<?>, ValueCodec<?>> codecs = new HashMap<>();

  static GeneratedTools get() {
    GeneratedTools g = instance;
    if (g == null) {
      synchronized (GeneratedTools.class) {
        g = instance;
        if (g == null) {
          g = new GeneratedTools();
          for (ClassLoader loader : loaders()) {
            for (RemoteToolProvider p : ServiceLoader.load(RemoteToolProvider.class, loader)) p.contribute(g);
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
