package io.rmote.internal.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The fuzzing corpus of both value decoders: every golden vector (src/test/resources/golden),
 * truncated at every offset, each byte replaced by 00, FF and 80, a u32 of FFFFFFFF and 7FFFFFFF
 * written at every offset (a length or count announcing gigabytes), values nested 100,000 deep, and
 * seeded random edits. The same list on every run.
 */
final class GoldenMutations {
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  static List<byte[]> goldenVectors() {
    try (Stream<Path> files = Files.list(GOLDEN)) {
      List<byte[]> out = new ArrayList<>();
      for (Path f : files.sorted().toList()) out.add(Files.readAllBytes(f));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The corpus; {@code randomEdits} inputs of random edits come on top of the systematic ones. */
  static List<byte[]> all(long seed, int randomEdits) {
    List<byte[]> golden = goldenVectors();
    List<byte[]> out = new ArrayList<>();
    for (byte[] g : golden) {
      for (int n = 0; n < g.length; n++) out.add(Arrays.copyOf(g, n));
      for (int i = 0; i < g.length; i++) {
        for (int b : new int[] {0x00, 0xFF, 0x80}) {
          byte[] m = g.clone();
          m[i] = (byte) b;
          out.add(m);
        }
      }
      for (int i = 0; i + 4 <= g.length; i++) {
        for (int v : new int[] {0xFFFFFFFF, 0x7FFFFFFF}) {
          byte[] m = g.clone();
          m[i] = (byte) (v >>> 24);
          m[i + 1] = (byte) (v >>> 16);
          m[i + 2] = (byte) (v >>> 8);
          m[i + 3] = (byte) v;
          out.add(m);
        }
      }
    }
    out.add(nested(Tag.LIST, 100_000));
    out.add(nested(Tag.TUPLE, 100_000));
    Random random = new Random(seed);
    for (int k = 0; k < randomEdits; k++) {
      byte[] m = golden.get(random.nextInt(golden.size())).clone();
      for (int edits = 1 + random.nextInt(4); edits > 0 && m.length > 0; edits--) {
        int at = random.nextInt(m.length);
        switch (random.nextInt(3)) {
          case 0 -> m[at] = (byte) random.nextInt(256);
          case 1 ->
              m =
                  concat(
                      Arrays.copyOf(m, at),
                      new byte[] {(byte) random.nextInt(256)},
                      Arrays.copyOfRange(m, at, m.length));
          default -> m = concat(Arrays.copyOf(m, at), Arrays.copyOfRange(m, at + 1, m.length));
        }
      }
      out.add(m);
    }
    return out;
  }

  /** A list holding a list holding ... {@code depth} levels, then None. */
  static byte[] nested(int tag, int depth) {
    byte[] b = new byte[depth * 5 + 1];
    for (int i = 0; i < depth; i++) {
      b[i * 5] = (byte) tag;
      b[i * 5 + 4] = 1;
    }
    b[depth * 5] = Tag.NONE;
    return b;
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private GoldenMutations() {}
}
