package io.rmote.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The remote's value decoder against the fuzzing corpus ({@link GoldenMutations}), on every local
 * interpreter ({@code src/test/python/fuzz_decoder.py} runs it): each input decodes or raises an
 * Exception that the runtime answers as the call's ERROR, none takes over 5 s, none raises
 * MemoryError or a BaseException, and the interpreter's peak RSS ({@code VmHWM}) stays under 64 MiB
 * although inputs announce gigabytes. The system property {@code rmote.fuzz.edits} sets the number
 * of random edits (default 3,000; the {@code fuzz} profile runs 200,000).
 */
class PythonDecoderFuzzTest {
  static final Path SCRIPT = Path.of("src/test/python/fuzz_decoder.py").toAbsolutePath();
  static final Path RUNTIME =
      Path.of("src/main/resources/io/rmote/remote/runtime.py").toAbsolutePath();

  static Stream<Python> pythons() {
    return Pythons.all().stream().filter(p -> p.root().equals(Path.of("/")));
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void mutatedVectorsAreRejectedCleanly(Python python, @TempDir Path dir) throws Exception {
    List<byte[]> corpus =
        GoldenMutations.all(20261130L, Integer.getInteger("rmote.fuzz.edits", 3_000));
    Path inputs = dir.resolve("inputs.bin");
    write(corpus, inputs);
    List<String> argv = new ArrayList<>(python.command());
    argv.addAll(List.of(SCRIPT.toString(), RUNTIME.toString(), inputs.toString()));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), out);
    assertEquals(0, p.exitValue(), out);
    System.out.println(python + ": " + out.strip());
    assertTrue(out.contains("\"inputs\": " + corpus.size()), out);
    assertTrue(out.contains("\"bad\": []"), out);
    Matcher rss = Pattern.compile("\"max_rss_kib\": (\\d+)").matcher(out);
    assertTrue(rss.find(), out);
    assertTrue(Long.parseLong(rss.group(1)) < 64 * 1024, out);
  }

  static void write(List<byte[]> corpus, Path file) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(buf);
    for (byte[] b : corpus) {
      data.writeInt(b.length);
      data.write(b);
    }
    Files.write(file, buf.toByteArray());
  }
}
