package io.rmote.internal.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.esotericsoftware.kryo.io.Input;
import io.rmote.wire.Codecs;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The controller's value decoder against the fuzzing corpus ({@link GoldenMutations}), as a hostile
 * remote would send it: each input decodes or throws a RuntimeException (which fails only that
 * call, PendingCall), a StackOverflowError only for the 100,000-deep values (also failing only the
 * call), never another Error; and decoding one input never allocates more than 64 times its size
 * plus 64 KiB, although inputs announce gigabytes. The decoder builds only rmote's own value types:
 * PyRecord, PyEnum and PyOpaque stand for remote classes, and no Java class is ever looked up by a
 * name the remote sends. {@code rmote.fuzz.edits} sets the number of random edits (default 3,000;
 * the {@code fuzz} profile runs 200,000).
 */
class JavaDecoderFuzzTest {
  @Test
  void mutatedVectorsAreRejectedCleanlyAndInBoundedMemory() {
    List<byte[]> corpus =
        GoldenMutations.all(20261130L, Integer.getInteger("rmote.fuzz.edits", 3_000));
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long me = Thread.currentThread().getId();
    for (byte[] input : corpus) decodeQuietly(input); // class loading and the JIT, not counted
    int rejected = 0;
    for (byte[] input : corpus) {
      long before = threads.getThreadAllocatedBytes(me);
      Object v = null;
      try {
        v = Codecs.ANY.read(null, new Input(input), null);
      } catch (RuntimeException e) {
        rejected++;
      } catch (StackOverflowError e) {
        if (input.length < 100_000) fail("stack overflow on a shallow input", e);
      } catch (Error e) {
        throw new AssertionError("an Error escaped the decoder: " + e, e);
      }
      long allocated = threads.getThreadAllocatedBytes(me) - before;
      Object built = v;
      assertTrue(built == null || isOwnType(built), () -> "built a " + built.getClass());
      assertTrue(
          allocated <= 64L * input.length + (64 << 10) || input.length >= 100_000,
          () -> "decoding " + input.length + " bytes allocated " + allocated);
    }
    System.out.println(corpus.size() + " inputs, " + rejected + " rejected");
  }

  private static void decodeQuietly(byte[] input) {
    try {
      Codecs.ANY.read(null, new Input(input), null);
    } catch (RuntimeException | StackOverflowError e) {
      // judged in the measured pass
    }
  }

  /** Whether {@code v} is a type the wire format maps to (docs/wire-format.md, "Values"). */
  private static boolean isOwnType(Object v) {
    String name = v.getClass().getName();
    return name.startsWith("java.")
        || name.startsWith("io.rmote.")
        || v instanceof java.nio.file.Path
        || v instanceof byte[];
  }
}
