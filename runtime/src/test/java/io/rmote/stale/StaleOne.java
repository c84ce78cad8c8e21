package io.rmote.stale;

/** A stand-in proxy class for {@code io.rmote.StaleProxyTest}, defined again in its own loader. */
public final class StaleOne {}
