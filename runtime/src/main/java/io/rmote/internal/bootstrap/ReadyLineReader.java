package io.rmote.internal.bootstrap;

import com.esotericsoftware.kryo.io.Input;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The controller's half of the bootstrap handshake: scans the interpreter's stdout for the marker,
 * answers a request for the source or the zlib payload, takes the runtime's bytecode where this
 * start asked for it, and returns at the ready line, leaving the stream at the first frame.
 * Whatever came before the marker (a login banner, a shell's echo) is kept, up to 16 KiB, for the
 * error message if start-up fails.
 */
public final class ReadyLineReader {
  private static final int KEEP_NOISE_BYTES = 16 << 10;
  private static final int MAX_LINE = 256;

  /** The most bytecode taken: about 28 KB today. */
  private static final int MAX_BYTECODE = 1 << 20;

  private final Input in;
  private final Bootstrap bootstrap;
  private final OutputStream stdin;
  private final ByteArrayOutputStream noise = new ByteArrayOutputStream();

  /** Reads from {@code in}; writes to {@code stdin} a payload the remote asks for. */
  public ReadyLineReader(Input in, Bootstrap bootstrap, OutputStream stdin) {
    this.in = in;
    this.bootstrap = bootstrap;
    this.stdin = stdin;
  }

  /**
   * Reads up to and including the ready line.
   *
   * @return the remote interpreter's version, such as {@code 3.11.2}
   * @throws Refused if the stream ended, or the remote refused or wrote something unexpected
   * @throws io.rmote.internal.wire.WireFormatException if a line after the marker is too long
   */
  public String read() throws Refused {
    byte[] bytecode = null; // after a "code N" line, which comes only when asked
    byte[] marker = bootstrap.marker();
    byte[] window = new byte[marker.length];
    int seen = 0;
    while (true) {
      if (in.end()) throw new Refused(Refused.Reason.ENDED, null, noiseText());
      byte b = in.readByte();
      System.arraycopy(window, 1, window, 0, window.length - 1);
      window[window.length - 1] = b;
      seen++;
      if (noise.size() < KEEP_NOISE_BYTES) noise.write(b);
      if (seen < marker.length || !Arrays.equals(window, marker)) continue;
      String line = readLine();
      byte[] kept = noise.toByteArray();
      noise.reset();
      noise.write(kept, 0, Math.max(0, kept.length - marker.length));
      seen = 0;
      String[] words = line.trim().split(" ");
      switch (words[0]) {
        case "zlib":
        case "source":
          try {
            bootstrap.sendRequested(words[0], stdin);
          } catch (IOException e) {
            // the stream ends next, and that is reported
          }
          continue;
        case "code":
          bytecode = readBytecode(words, line);
          continue;
        case "old":
          throw new Refused(
              Refused.Reason.REFUSED,
              "the remote Python "
                  + (words.length > 1 ? words[1] : "")
                  + " is too old: rmote needs 3.6 or newer",
              noiseText());
        case "ready":
          if (words.length < 3 || !words[1].equals(String.valueOf(Bootstrap.PROTOCOL_VERSION))) {
            throw new Refused(
                Refused.Reason.REFUSED,
                "the remote runtime speaks protocol "
                    + (words.length > 1 ? words[1] : "?")
                    + ", this controller "
                    + Bootstrap.PROTOCOL_VERSION,
                noiseText());
          }
          bootstrap.started(words.length > 3 ? words[3] : "-", bytecode);
          return words[2];
        default:
          throw new Refused(
              Refused.Reason.UNEXPECTED,
              "an unknown bootstrap line '" + line.trim() + "'",
              noiseText());
      }
    }
  }

  /**
   * The bytes after a {@code code N} line, which the runtime writes only when asked: N bytes of
   * zlib-compressed marshalled code objects.
   */
  private byte[] readBytecode(String[] words, String line) throws Refused {
    int n;
    try {
      n = words.length == 2 && bootstrap.asksForBytecode() ? Integer.parseInt(words[1]) : -1;
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n <= 0 || n > MAX_BYTECODE)
      throw new Refused(
          Refused.Reason.UNEXPECTED,
          "an unknown bootstrap line '" + line.trim() + "'",
          noiseText());
    return in.readBytes(n);
  }

  /** Bytes skipped before the ready line (after the last marker seen). */
  public int skippedBytes() {
    return noise.size();
  }

  private String readLine() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < MAX_LINE; i++) {
      byte b = in.readByte();
      if (b == '\n') return s.toString();
      s.append((char) (b & 0xFF));
    }
    throw new io.rmote.internal.wire.WireFormatException("bootstrap line too long: " + s);
  }

  /**
   * What the remote wrote on stdout before the marker so far (at most 16 KiB); safe from any
   * thread, for the error of a start that timed out while this reader still reads.
   */
  public String noiseText() {
    return new String(noise.toByteArray(), StandardCharsets.UTF_8);
  }

  /** The handshake did not reach a ready line. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the handshake ended. */
    public enum Reason {
      /** The stream ended before a ready line. */
      ENDED,
      /** The remote wrote a line the controller does not know. */
      UNEXPECTED,
      /** The remote said it cannot run the runtime (too old, another protocol). */
      REFUSED
    }

    private final Reason reason;
    private final String noise;

    Refused(Reason reason, String detail, String noise) {
      super(detail, null, false, false);
      this.reason = reason;
      this.noise = noise;
    }

    public Reason reason() {
      return reason;
    }

    /** What the remote wrote before the marker. */
    public String noise() {
      return noise;
    }
  }
}
