package io.rmote.benchmarks.micro;

import com.esotericsoftware.kryo.io.Output;
import io.rmote.benchmarks.TypedBench;
import io.rmote.benchmarks.TypedBenchProxy;
import io.rmote.benchmarks.TypedBench_PointCodec;
import io.rmote.internal.wire.CallArguments;
import io.rmote.internal.wire.CodecRegistry;
import io.rmote.internal.wire.FrameKind;
import io.rmote.internal.wire.FrameWriter;
import io.rmote.internal.wire.Wire;
import io.rmote.wire.Codecs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The encode path of a call through the generated proxy of {@link TypedBench}, without a remote:
 * the CALL frame a connection builds for {@code point(42, "p")} and for {@code echo(Point)}, with
 * the arguments written as the generated proxy writes them (each parameter's codec known at compile
 * time, the record through its generated {@link TypedBench_PointCodec}), against the same call's
 * arguments mapped by run-time class as {@code Remote.call} does. A {@code Remote} cannot exist
 * without a connection, so the arguments writer here has the shape the processor emits (see {@code
 * TypedBenchAsyncProxy} in the generated sources).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProxyBench {
  private final CodecRegistry codecs =
      CodecRegistry.of(Map.of(TypedBench.Point.class, TypedBench_PointCodec.INSTANCE));
  private final TypedBench.Point point = new TypedBench.Point(42, "p");
  private int id;

  /** {@code point(42, "p")}: two arguments, each written by its declared codec. */
  @Benchmark
  public int proxyPoint() {
    long x = 42;
    String label = "p";
    return frame(
        "point",
        out -> {
          out.positional(Codecs.LONG, x);
          out.positional(Codecs.STRING, label);
        });
  }

  /** The same call's arguments as the dynamic API maps them, by each value's run-time class. */
  @Benchmark
  public int dynamicPoint() {
    return frame("point", CallArguments.of(List.of(42L, "p"), Map.of()));
  }

  /** {@code echo(Point)}: a record argument through its generated codec. */
  @Benchmark
  public int proxyRecord() {
    TypedBench.Point p = point;
    return frame("echo", out -> out.positional(TypedBench_PointCodec.INSTANCE, p));
  }

  /**
   * The CALL frame as a connection builds it before the write: module, class, method, arguments.
   */
  private int frame(String method, CallArguments arguments) {
    Output o = codecs.threadOutput(FrameKind.HEADER_SIZE);
    Wire.writeInt(o, 1);
    Wire.writeStr(o, TypedBenchProxy.TOOL.className());
    Wire.writeStr(o, method);
    CallArguments.write(arguments, o);
    int end = o.position();
    FrameWriter.putHeader(o.getBuffer(), 0, FrameKind.CALL, 0, ++id, end - FrameKind.HEADER_SIZE);
    return end;
  }
}
