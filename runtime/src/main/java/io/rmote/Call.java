package io.rmote;

import io.rmote.internal.scheduling.Timeouts;
import io.rmote.wire.ValueCodec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One remote call, described completely: the tool, the method, positional and keyword arguments,
 * the Java type to map the result to, and an optional timeout. Immutable; each {@code with}-style
 * method returns a new call.
 *
 * <pre>{@code
 * Call<String> read = Call.of(fs, "read_str", Codecs.STRING).args("/etc/hostname").timeout(Duration.ofSeconds(5));
 * String text = remote.call(read);
 * }</pre>
 *
 * @param <T> the Java type of the result
 */
public final class Call<T> {
  private final ToolDescriptor tool;
  private final String method;
  private final ValueCodec<T> returns;
  private final List<Object> args;
  private final Map<String, Object> kwargs;
  private final Duration timeout;

  private Call(
      ToolDescriptor tool,
      String method,
      ValueCodec<T> returns,
      List<Object> args,
      Map<String, Object> kwargs,
      Duration timeout) {
    this.tool = Objects.requireNonNull(tool, "tool");
    this.method = Objects.requireNonNull(method, "method");
    this.returns = Objects.requireNonNull(returns, "returns");
    this.args = args;
    this.kwargs = kwargs;
    this.timeout = timeout;
  }

  /** A call of {@code tool.method()} whose result is mapped by {@code returns}. */
  public static <T> Call<T> of(ToolDescriptor tool, String method, ValueCodec<T> returns) {
    return new Call<>(tool, method, returns, List.of(), Map.of(), null);
  }

  /** The same call with these positional arguments (replacing any set before). */
  public Call<T> args(Object... values) {
    return new Call<>(
        tool,
        method,
        returns,
        Collections.unmodifiableList(Arrays.asList(values.clone())),
        kwargs,
        timeout);
  }

  /** The same call with one more keyword argument. */
  public Call<T> kwarg(String name, Object value) {
    Map<String, Object> k = new LinkedHashMap<>(kwargs);
    k.put(Objects.requireNonNull(name, "name"), value);
    return new Call<>(tool, method, returns, args, Collections.unmodifiableMap(k), timeout);
  }

  /**
   * The same call with a timeout; {@code null} means the connection's default. One over 100 years
   * (such as {@code ChronoUnit.FOREVER}'s) lasts 100 years.
   *
   * @throws IllegalArgumentException if {@code value} is zero or negative
   */
  public Call<T> timeout(Duration value) {
    Duration t = value == null ? null : Timeouts.positive(value, "timeout");
    return new Call<>(tool, method, returns, args, kwargs, t);
  }

  /** The tool the call is made on. */
  public ToolDescriptor tool() {
    return tool;
  }

  /** The Python method's name, such as {@code read_str}. */
  public String method() {
    return method;
  }

  /** The codec that reads the result. */
  public ValueCodec<T> returns() {
    return returns;
  }

  /** The positional arguments, in order; immutable. */
  public List<Object> args() {
    return args;
  }

  /** The keyword arguments by Python name; immutable. */
  public Map<String, Object> kwargs() {
    return kwargs;
  }

  /** The call's own timeout, or {@code null} for the connection's default. */
  public Duration timeout() {
    return timeout;
  }
}
