package io.rmote;

import java.util.Objects;
import java.util.function.Function;

/**
 * One host's outcome in a {@link Fleet} round: its value, or the exception that took its place.
 * Immutable.
 */
public final class Result<T> {
  private final T value;
  private final RuntimeException error;

  private Result(T value, RuntimeException error) {
    this.value = value;
    this.error = error;
  }

  /** A host's value. */
  public static <T> Result<T> ok(T value) {
    return new Result<>(value, null);
  }

  /** A host's failure. */
  public static <T> Result<T> failed(RuntimeException error) {
    return new Result<>(null, Objects.requireNonNull(error, "error"));
  }

  /** Whether the host gave a value. */
  public boolean isOk() {
    return error == null;
  }

  /** Whether the host failed. */
  public boolean isFailed() {
    return error != null;
  }

  /** The value; if the host failed, throws its exception. */
  public T get() {
    if (error != null) throw error;
    return value;
  }

  /** The value, or {@code fallback} if the host failed. */
  public T orElse(T fallback) {
    return error == null ? value : fallback;
  }

  /**
   * The exception, or {@code null} if the host succeeded. Usually a {@link RmoteException} naming
   * the host.
   */
  public RuntimeException error() {
    return error;
  }

  /** The value mapped by {@code f}; a failure stays as it is. */
  public <U> Result<U> map(Function<? super T, ? extends U> f) {
    return error == null ? ok(f.apply(value)) : failed(error);
  }

  @Override
  public String toString() {
    return error == null ? "ok(" + value + ")" : "failed(" + error + ")";
  }
}
