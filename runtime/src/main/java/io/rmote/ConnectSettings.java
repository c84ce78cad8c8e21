package io.rmote;

import io.rmote.internal.GeneratedTools;
import io.rmote.internal.bootstrap.Bytecode;
import io.rmote.internal.scheduling.Scheduler;
import io.rmote.internal.scheduling.Timeouts;
import io.rmote.internal.wire.CodecRegistry;
import io.rmote.transport.Launcher;
import io.rmote.wire.ValueCodec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * What {@link Remote.Builder} collects about the connection itself (timeouts, limits, codecs,
 * threads, events), with the defaults its Javadoc gives; {@link LaunchSettings} holds where the
 * interpreter runs. {@link #open} turns both into a connection.
 */
final class ConnectSettings {
  Duration startTimeout = Duration.ofSeconds(30);
  Duration callTimeout;
  Duration closeTimeout = Duration.ofSeconds(2);
  long maxMessageSize = 1L << 30;
  final Map<Class<?>, ValueCodec<?>> codecs = new LinkedHashMap<>();
  ThreadFactory threadFactory;
  Duration awaitSpin = PendingCall.defaultSpin(Runtime.getRuntime().availableProcessors());
  EventListener.Factory events = host -> EventListener.NONE;
  CallSlots slots = CallSlots.NONE;

  void maxMessageSize(long bytes) {
    if (bytes < 1024)
      throw new IllegalArgumentException("maxMessageSize must be at least 1024 bytes");
    maxMessageSize = bytes;
  }

  void awaitSpin(Duration spin) {
    awaitSpin = Timeouts.zeroOrPositive(spin, "awaitSpin");
  }

  /**
   * Opens a connection through {@code launcher} to {@code target} ({@link
   * LaunchSettings#bytecode}); a scheduler made for it is shut down again if it fails.
   */
  Remote open(Launcher launcher, Bytecode.Target target) {
    // The generated codecs are looked for through the connecting thread's context loader, but
    // only when a type is neither built in nor registered here: finding them loads every
    // generated tool on the class path, about a quarter of a fresh JVM's first connect.
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    Scheduler scheduler =
        threadFactory == null ? Scheduler.shared() : Scheduler.create(threadFactory);
    EventListener user = Objects.requireNonNull(events.create(launcher.name()), "event listener");
    // No listener, no guard: a guarded event costs an allocation on every call's path.
    EventListener listener = user == EventListener.NONE ? user : new GuardedListener(user);
    Channel channel;
    try {
      channel =
          Channel.open(
              launcher,
              target,
              new Channel.Options(
                  CodecRegistry.of(codecs, () -> GeneratedTools.codecs(context)),
                  maxMessageSize,
                  startTimeout,
                  callTimeout,
                  closeTimeout,
                  scheduler,
                  listener,
                  slots));
    } catch (RuntimeException | Error e) {
      scheduler.shutdown();
      throw e;
    }
    return new Remote(channel, awaitSpin.toNanos());
  }
}
