package io.rmote.benchmarks.micro;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.rmote.internal.wire.CallArguments;
import io.rmote.internal.wire.CodecRegistry;
import io.rmote.internal.wire.FrameKind;
import io.rmote.internal.wire.FrameReader;
import io.rmote.internal.wire.FrameWriter;
import io.rmote.internal.wire.Wire;
import io.rmote.wire.Codecs;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One frame each way, as a connection handles it: a CALL of a method without arguments encoded and
 * written (the steps of a call up to the pipe, into a stream that drops the bytes), and a RESULT
 * read from bytes in memory and its {@code None} decoded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameBench {
  private final CodecRegistry codecs = CodecRegistry.of(Map.of());
  private final FrameWriter writer = new FrameWriter(OutputStream.nullOutputStream());
  private final Input in = new Input(1);
  private FrameReader reader;
  private byte[] result;
  private int id;

  @Setup
  public void setUp() {
    reader = new FrameReader(in, 1 << 20, FrameReader.kinds(FrameKind.RESULT));
    Output o = new Output(64);
    o.setPosition(FrameKind.HEADER_SIZE);
    o.writeByte(0); // None
    FrameWriter.putHeader(o.getBuffer(), 0, FrameKind.RESULT, 0, 7, 1);
    result = o.toBytes();
  }

  /** A CALL of {@code Bench.noop()}, encoded as a connection does and written. */
  @Benchmark
  public int encodeCall() throws IOException {
    Output o = codecs.threadOutput(FrameKind.HEADER_SIZE);
    Wire.writeInt(o, 1);
    Wire.writeStr(o, "Bench");
    Wire.writeStr(o, "noop");
    CallArguments.write(CallArguments.NONE, o);
    writer.send(FrameKind.CALL, ++id, o.getBuffer(), o.position(), null);
    return o.position();
  }

  /** A RESULT frame of {@code None}, read and decoded. */
  @Benchmark
  public Object decodeResult() throws IOException {
    in.setBuffer(result);
    FrameReader.Message m = reader.next();
    Input body = m.body();
    return Codecs.VOID.read(null, body, Void.class);
  }
}
