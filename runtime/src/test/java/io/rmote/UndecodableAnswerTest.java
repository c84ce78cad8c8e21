package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.rmote.wire.Codecs;
import io.rmote.wire.ValueCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An answer that cannot be decoded (a codec that throws, an Error while decoding, a value nested
 * deeper than the decoder goes) fails its own call, exactly once, with an exception that names the
 * call; the frame it came in was read whole, so the stream is in step and every other call goes on.
 */
class UndecodableAnswerTest {
  static final ToolDescriptor PROBE = RemoteCallTest.PROBE;
  static Remote remote;

  @BeforeAll
  static void connect() {
    remote = Remote.local();
  }

  @AfterAll
  static void close() {
    remote.close();
  }

  @Test
  void aCodecThatThrowsFailsItsCallAndNothingElse() throws Exception {
    assertFailsAlone(() -> new IllegalStateException("codec bug"), "codec bug");
  }

  @Test
  void anErrorThrownWhileDecodingFailsItsCallAndNothingElse() throws Exception {
    assertFailsAlone(() -> new AssertionError("decoder assertion"), "decoder assertion");
  }

  @Test
  void aResultNestedTwentyThousandDeepIsRefusedClearly() {
    // Python's own recursion limit stops its encoder first: the remote says so, as an error.
    RmoteException e =
        assertThrows(
            RmoteException.class, () -> remote.call(PROBE, "nested", Object.class, 20_000));
    assertTrue(e.getMessage().contains("Probe.nested"), e.getMessage());
    assertEquals("ok", remote.call(PROBE, "echo", String.class, "ok"));
  }

  @Test
  void anArgumentNestedTwentyThousandDeepIsRefusedClearly() {
    Object deep = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) deep = List.of(deep);
    Object arg = deep;
    MappingException e =
        assertThrows(MappingException.class, () -> remote.call(PROBE, "echo", Object.class, arg));
    assertTrue(e.getMessage().contains("nested"), e.getMessage());
    assertTrue(e.getMessage().contains("Probe.echo"), e.getMessage());
    assertEquals("ok", remote.call(PROBE, "echo", String.class, "ok"));
  }

  @Test
  void anArgumentDeeperThanPythonsRecursionLimitFailsThatCallOnly() {
    Object deep = new ArrayList<>();
    for (int i = 0; i < 990; i++) deep = List.of(deep);
    Object arg = deep;
    RmoteException e =
        assertThrows(RmoteException.class, () -> remote.call(PROBE, "echo", Object.class, arg));
    assertEquals("RecursionError", e.getClass().getSimpleName(), e.toString());
    assertEquals("ok", remote.call(PROBE, "echo", String.class, "ok"));
  }

  @Test
  void anArgumentAsDeepAsTheLimitStillGoesThrough() {
    Object deep = new ArrayList<>();
    for (int i = 0; i < 200; i++) deep = List.of(deep);
    assertEquals(deep, remote.call(PROBE, "echo", Object.class, deep));
  }

  private static void assertFailsAlone(Supplier<Throwable> thrown, String text) throws Exception {
    ValueCodec<String> broken =
        new ValueCodec<>() {
          @Override
          public String decode(Kryo kryo, Input in, int tag) {
            Throwable t = thrown.get();
            if (t instanceof Error) throw (Error) t;
            throw (RuntimeException) t;
          }

          @Override
          public void write(Kryo kryo, Output out, String value) {
            Codecs.STRING.write(kryo, out, value);
          }

          @Override
          public String javaType() {
            return "String";
          }
        };
    CompletableFuture<Double> slow = remote.callAsync(PROBE, "sleep", Double.class, 0.5);
    CompletableFuture<String> bad = remote.callAsync(PROBE, "echo", broken, "x");
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> bad.get(30, TimeUnit.SECONDS));
    MappingException m = assertInstanceOf(MappingException.class, e.getCause());
    assertTrue(m.getMessage().contains(text), m.getMessage());
    assertTrue(m.getMessage().contains("Probe.echo"), m.getMessage());
    assertEquals(0.5, slow.get(30, TimeUnit.SECONDS));
    assertTrue(remote.isOpen());
    assertEquals("ok", remote.call(PROBE, "echo", String.class, "ok"));
  }
}
