package io.rmote.internal;

import io.rmote.Remote;
import io.rmote.wire.ValueCodec;
import java.util.function.Function;

/**
 * What the annotation processor generates for each compilation that has {@code @RemoteTool}
 * interfaces: it hands over the proxy factories and the codecs of the records and enums, so {@link
 * Remote#tool(Class)} finds a proxy, and the dynamic API a codec, with no reflection. Found through
 * {@link java.util.ServiceLoader} ({@code META-INF/services}) by {@link GeneratedTools}: with an
 * interface's own class loader for its proxy, once per interface.
 */
public interface RemoteToolProvider {

  /** Adds this compilation's proxies and codecs. */
  void contribute(Registry registry);

  /** Where providers put what they have. */
  interface Registry {
    /** The proxy of a {@code @RemoteTool} interface, made from a connection. */
    <T> void proxy(Class<T> toolInterface, Function<Remote, ? extends T> factory);

    /** The codec of a record or enum that crosses the wire. */
    <T> void codec(Class<T> type, ValueCodec<T> codec);
  }
}
