package io.rmote.internal.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Input;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The handshake's lines as a remote could write them. These bytes stand for a hostile or broken
 * remote, which a real interpreter running our runtime does not write.
 */
class ReadyLineReaderTest {
  private static Input lines(Bootstrap b, String... lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String line : lines) {
      out.writeBytes(b.marker());
      out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
    }
    return new Input(out.toByteArray());
  }

  @Test
  void bytecodeThatWasNotAskedForFailsTheStart() {
    Bootstrap b = Bootstrap.create(new Bytecode.Target("unasked"));
    ReadyLineReader r =
        new ReadyLineReader(
            lines(b, " code 4\nABCD", " ready 1 3.11.2 a70d0d0a\n"),
            b,
            new ByteArrayOutputStream());
    ReadyLineReader.Refused e = assertThrows(ReadyLineReader.Refused.class, r::read);
    assertEquals(ReadyLineReader.Refused.Reason.UNEXPECTED, e.reason());
    assertTrue(e.getMessage().contains("code 4"), e.getMessage());
  }

  @Test
  void aRequestForTheSourceIsAnsweredWithTheLzmaPayload() throws Exception {
    Bootstrap b = Bootstrap.create();
    ByteArrayOutputStream stdin = new ByteArrayOutputStream();
    ReadyLineReader r =
        new ReadyLineReader(lines(b, " source\n", " ready 1 3.12.1 cb0d0d0a\n"), b, stdin);
    assertEquals("3.12.1", r.read());
    assertEquals(Bootstrap.payloadSize(), stdin.size());
  }

  @Test
  void aMagicNumberThatIsNotOneIsNotKept() throws Exception {
    Bytecode.Target target = new Bytecode.Target("odd magic");
    Bootstrap b = Bootstrap.create(target);
    new ReadyLineReader(
            lines(b, " ready 1 3.11.2 a70d0d0a'+__import__('os')\n"),
            b,
            new ByteArrayOutputStream())
        .read();
    assertTrue(Bootstrap.create(target).firstStage().contains(",0,''\n"));
  }
}
