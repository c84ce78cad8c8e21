package io.rmote.benchmarks.micro;

import com.esotericsoftware.kryo.io.Input;
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
 * One value of each wire type the remote sends, read by its codec from bytes in memory: the codec
 * the caller's declared type picks ({@code Object} for {@code none} and {@code exception}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecodeBench {
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
    "tuple",
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
    "exception",
    "template",
    "opaque"
  })
  public String type;

  private Values sample;
  private byte[] bytes;
  private final Input in = new Input(1);

  @Setup
  public void setUp() {
    sample = Values.of(type);
    bytes = sample.encoded(type);
  }

  @Benchmark
  public Object decode() {
    in.setBuffer(bytes);
    return sample.codec.read(null, in, Object.class);
  }
}
