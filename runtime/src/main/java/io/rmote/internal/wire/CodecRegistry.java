package io.rmote.internal.wire;

import com.esotericsoftware.kryo.io.Output;
import io.rmote.MappingException;
import io.rmote.wire.Codecs;
import io.rmote.wire.ValueCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A connection's map from Java classes to their codecs: the built-in ones of {@link Codecs}, then
 * the generated and user-registered ones. Immutable and built once per connection, so every thread
 * reads it without locks.
 *
 * <p>Codecs reach it through the {@link Output} they write to ({@link #newOutput}), which is how
 * {@link Codecs#writeAny} finds the codec of a record nested in an {@code Object} without a {@code
 * Kryo} instance: constructing one would load Kryo's {@code sun.misc.Unsafe} support, and make JDK
 * 24+ print a warning on the program's stderr.
 */
public final class CodecRegistry {
  private final Map<Class<?>, ValueCodec<?>> registered;
  private final Supplier<Map<Class<?>, ValueCodec<?>>> generatedSource;
  // Found on the first miss only: finding them loads every generated tool on the class path,
  // a cost a connection that never asks for one should not pay at connect.
  private volatile Map<Class<?>, ValueCodec<?>> generated;

  private CodecRegistry(
      Map<Class<?>, ValueCodec<?>> registered,
      Supplier<Map<Class<?>, ValueCodec<?>>> generatedSource) {
    this.registered = registered;
    this.generatedSource = generatedSource;
  }

  /** A registry of the built-ins plus {@code registered}; later entries of the map win. */
  public static CodecRegistry of(Map<Class<?>, ValueCodec<?>> registered) {
    return of(registered, Map::of);
  }

  /**
   * A registry of the built-ins, then {@code registered}, then the codecs {@code generated}
   * supplies, asked for once, when a type is in neither of the first two.
   */
  public static CodecRegistry of(
      Map<Class<?>, ValueCodec<?>> registered, Supplier<Map<Class<?>, ValueCodec<?>>> generated) {
    return new CodecRegistry(Map.copyOf(new LinkedHashMap<>(registered)), generated);
  }

  /**
   * The codec for {@code type}: a built-in one, else a registered one.
   *
   * @throws MappingException if there is none
   */
  @SuppressWarnings("unchecked")
  public <T> ValueCodec<T> forClass(Class<T> type) {
    ValueCodec<?> codec = Codecs.builtin(Objects.requireNonNull(type, "type"));
    if (codec == null) codec = registered(type);
    if (codec != null) return (ValueCodec<T>) codec;
    throw new MappingException(
        "no wire mapping for "
            + type.getName()
            + ": use a built-in type, or a record or enum of a @RemoteTool interface, or register a ValueCodec");
  }

  /** The registered (not built-in) codec for exactly {@code type}, or {@code null}. */
  public ValueCodec<?> registered(Class<?> type) {
    ValueCodec<?> codec = registered.get(type);
    if (codec != null) return codec;
    Map<Class<?>, ValueCodec<?>> g = generated;
    if (g == null) {
      g = generatedSource.get();
      generated = g;
    }
    return g.get(type);
  }

  /** An encoding buffer of {@code size} bytes, growing without bound, that knows this registry. */
  public Output newOutput(int size) {
    return new RegistryOutput(this, size);
  }

  /**
   * The calling thread's reusable encoding buffer, bound to this registry until the thread's next
   * call, at position {@code start}.
   */
  public Output threadOutput(int start) {
    RegistryOutput o = THREAD_OUTPUTS.get();
    o.registry = this;
    o.setPosition(start);
    return o;
  }

  /** Drops the calling thread's buffer if a large message grew it past 1 MiB. */
  public static void trimThreadOutput() {
    if (THREAD_OUTPUTS.get().getBuffer().length > REUSED_OUTPUT_MAX) THREAD_OUTPUTS.remove();
  }

  /** The registry {@code out} was made by, or {@code null} for a plain {@link Output}. */
  public static CodecRegistry of(Output out) {
    return out instanceof RegistryOutput ? ((RegistryOutput) out).registry : null;
  }

  private static final int REUSED_OUTPUT_MAX = 1 << 20;
  private static final ThreadLocal<RegistryOutput> THREAD_OUTPUTS =
      ThreadLocal.withInitial(() -> new RegistryOutput(null, 4096));

  private static final class RegistryOutput extends Output {
    CodecRegistry registry; // rebound by threadOutput, on the owning thread only

    RegistryOutput(CodecRegistry registry, int size) {
      super(size, -1);
      this.registry = registry;
    }
  }
}
