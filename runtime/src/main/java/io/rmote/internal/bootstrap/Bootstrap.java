package io.rmote.internal.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAOutputStream;

/**
 * The first stage and the payload that bring up the remote runtime; see {@code docs/protocol.md}.
 *
 * <p>The interpreter gets the first stage as {@code -c} argument. It reads the runtime from stdin,
 * LZMA-compressed and base64-encoded, or asks for the zlib form when its Python was built without
 * {@code _lzma}; a local interpreter may instead get the runtime's bytecode ({@link Bytecode}), and
 * asks for the source when it cannot take it. The runtime then writes a ready line that starts with
 * a marker derived from a random token: the marker is the token in hex while the command line
 * carries it in decimal, so an echo of the command line or a shell's chatter cannot be mistaken for
 * it.
 */
public final class Bootstrap {
  /** The protocol version this controller speaks; the ready line carries the remote's. */
  public static final int PROTOCOL_VERSION = 1;

  private static final String RESOURCE_DIR = "/io/rmote/remote/";
  private final long token;
  private final Bytecode.Target target;
  private final Bytecode.Plan plan;

  private Bootstrap(long token, Bytecode.Target target) {
    this.token = token;
    this.target = target;
    this.plan = Bytecode.plan(target);
  }

  /**
   * A bootstrap with a fresh random token. The token is no secret (it is on the command line, which
   * anyone on the host may read); it only has to differ from anything else the remote may print, so
   * it comes from {@link ThreadLocalRandom}, not {@code SecureRandom}: a fresh JVM's first {@code
   * SecureRandom} loads the security providers, 27 to 40 ms before the interpreter can be spawned.
   */
  public static Bootstrap create() {
    return create(null);
  }

  /**
   * A bootstrap for {@code target}, which starts from the runtime's bytecode where {@link Bytecode}
   * has it for that interpreter; {@code null}: always from the source.
   */
  public static Bootstrap create(Bytecode.Target target) {
    return new Bootstrap(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, target);
  }

  /**
   * The arguments to give the interpreter: {@code -E -s -S -c <first stage>}. Nothing of the
   * account or directory it starts in may run before or inside the runtime: {@code -E} ignores
   * {@code PYTHONPATH}, {@code PYTHONSTARTUP} and every other {@code PYTHON*} variable, {@code -s}
   * leaves out the user's site-packages, and the first stage drops the working directory from
   * {@code sys.path} before its first import. Together that is {@code -I} (isolated mode), spelt so
   * that Python 2 still runs the first stage and hears that it is too old instead of "Unknown
   * option". {@code -S} defers the {@code site} module, which is start-up time only: the runtime
   * runs {@code site.main()} at the first import the standard library cannot satisfy (docs/
   * protocol.md, "Start").
   */
  public List<String> pythonArgs() {
    return List.of("-E", "-s", "-S", "-c", firstStage());
  }

  /**
   * The first stage's text, with this connection's token and the payload sizes in its first line.
   */
  @SuppressWarnings("UnnecessaryStringBuilder") // see below
  public String firstStage() {
    // A StringBuilder, not +: this runs before the spawn, and in a fresh JVM the concatenation's
    // invokedynamic spun a method handle per part, a tenth of the time before the interpreter
    // could start.
    return new StringBuilder(Payload.STAGE1.length() + 96)
        .append("T,L,Z,K,B=")
        .append(token)
        .append(',')
        .append(Payload.LZMA.length)
        .append(',')
        .append(Payload.ZLIB.length)
        .append(',')
        .append(plan.code != null ? plan.code.length : plan.ask() ? -1 : 0)
        .append(",'")
        .append(plan.code != null ? plan.magic : "")
        .append("'\n")
        .append(Payload.STAGE1)
        .toString();
  }

  /** Whether this start asks the runtime for its bytecode. */
  boolean asksForBytecode() {
    return plan.ask();
  }

  /** After the ready line: what it said about the interpreter's bytecode. */
  void started(String magic, byte[] bytecode) {
    Bytecode.started(target, plan, magic, bytecode);
  }

  /** After a start that ended before its ready line: bytecode it was sent is not sent again. */
  public void failed() {
    Bytecode.failed(target, plan);
  }

  /** The marker that opens every line the bootstrap and the runtime write before frames start. */
  public byte[] marker() {
    return Long.toHexString(token).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Writes the payload the first stage reads first: the runtime's bytecode where this start has it,
   * else the LZMA source.
   */
  public void sendPayload(OutputStream stdin) throws IOException {
    stdin.write(plan.code != null ? plan.code : Payload.LZMA);
    stdin.flush();
  }

  /** The size of what {@link #sendPayload} writes, in bytes of base64 text. */
  public int firstPayloadSize() {
    return plan.code != null ? plan.code.length : Payload.LZMA.length;
  }

  /**
   * Writes the payload a first stage asked for: {@code source}, the LZMA source after bytecode it
   * could not run; {@code zlib}, the zlib form where it has no {@code _lzma}.
   */
  void sendRequested(String request, OutputStream stdin) throws IOException {
    stdin.write(request.equals("zlib") ? Payload.ZLIB : Payload.LZMA);
    stdin.flush();
  }

  /** The compressed runtime, as sent (base64 text). */
  public static int payloadSize() {
    return Payload.LZMA.length;
  }

  /** The zlib fallback as sent (base64 text). */
  public static int fallbackPayloadSize() {
    return Payload.ZLIB.length;
  }

  /**
   * The runtime's size before compression: {@code runtime.py} as the build stripped it of comments,
   * docstrings and blank lines ({@code runtime/src/build/strip_runtime.py}).
   */
  public static int runtimeSourceSize() {
    return Payload.SOURCE_SIZE;
  }

  /** The compressed runtime before base64. */
  public static int compressedSize() {
    return Payload.LZMA_RAW_SIZE;
  }

  /**
   * Loaded once per JVM, on first use. The build compresses the runtime (runtime/src/build/
   * strip_runtime.py writes {@code runtime.py.lzma}); a JVM compresses it itself only when that
   * file is missing or was made from another runtime.py: compressing it (xz-java, run interpreted)
   * took about a sixth of a fresh JVM's first connect.
   */
  private static final class Payload {
    static final String STAGE1 = resource("stage1.py");
    static final int SOURCE_SIZE;
    static final int LZMA_RAW_SIZE;
    static final byte[] LZMA;
    static final byte[] ZLIB;

    static {
      byte[] source = resourceBytes("runtime.py");
      SOURCE_SIZE = source.length;
      byte[][] built = prebuilt(source);
      byte[] lzma = built != null ? built[0] : lzma(source);
      LZMA_RAW_SIZE = lzma.length;
      LZMA = Base64.getEncoder().encode(lzma);
      ZLIB = Base64.getEncoder().encode(built != null ? built[1] : zlib(source));
    }

    /**
     * The LZMA and zlib forms the build made of {@code source}: {@code u32 crc32(source)}, {@code
     * u32 n}, n bytes of LZMA, the rest zlib; {@code null} if absent or made from other bytes.
     */
    private static byte[][] prebuilt(byte[] source) {
      byte[] b;
      try (InputStream in = Bootstrap.class.getResourceAsStream(RESOURCE_DIR + "runtime.py.lzma")) {
        if (in == null) return null;
        b = in.readAllBytes();
      } catch (IOException e) {
        return null;
      }
      if (b.length < 8) return null;
      ByteBuffer header = ByteBuffer.wrap(b, 0, 8);
      CRC32 crc = new CRC32();
      crc.update(source);
      int n = header.getInt(4);
      if (header.getInt(0) != (int) crc.getValue() || n <= 0 || n > b.length - 8) return null;
      return new byte[][] {Arrays.copyOfRange(b, 8, 8 + n), Arrays.copyOfRange(b, 8 + n, b.length)};
    }

    private static String resource(String name) {
      return new String(resourceBytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] resourceBytes(String name) {
      try (InputStream in = Bootstrap.class.getResourceAsStream(RESOURCE_DIR + name)) {
        if (in == null) throw new IllegalStateException("missing resource " + RESOURCE_DIR + name);
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static byte[] lzma(byte[] data) {
      try {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        LZMA2Options options = new LZMA2Options(LZMA2Options.PRESET_MAX);
        options.setDictSize(
            Math.max(LZMA2Options.DICT_SIZE_MIN, Integer.highestOneBit(data.length) * 2));
        // The .lzma ("alone") container: 13 bytes of header where .xz needs about 60, and
        // Python's _lzma.LZMADecompressor recognises it by itself.
        try (LZMAOutputStream out = new LZMAOutputStream(buf, options, data.length)) {
          out.write(data);
        }
        return buf.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static byte[] zlib(byte[] data) {
      try {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DeflaterOutputStream out =
            new DeflaterOutputStream(buf, new Deflater(Deflater.BEST_COMPRESSION))) {
          out.write(data);
        }
        return buf.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
