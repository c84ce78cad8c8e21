package io.rmote.benchmarks.micro;

import com.esotericsoftware.kryo.io.Output;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One value of each wire type the controller sends, written by its codec into a reused buffer
 * ({@code tuple}, {@code exception} and {@code opaque} only come from the remote).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EncodeBench {
  @Param({
    "none",
    "bool",
    "int",
    "int64",
    "bigint",
    "float",
    "str",
    "bytes",
    "list",
    "dict",
    "set",
    "dataclass",
    "record",
    "namedtuple",
    "enum",
    "datetime",
    "datetime_aware",
    "date",
    "time",
    "timedelta",
    "path",
    "completed",
    "template",
    "opaque"
  })
  public String type;

  private Values sample;
  private final Output out = new Output(4096, -1);

  @Setup
  public void setUp() {
    sample = Values.of(type);
  }

  @Benchmark
  public int encode() {
    out.setPosition(0);
    sample.codec.write(null, out, sample.value);
    return out.position();
  }
}
