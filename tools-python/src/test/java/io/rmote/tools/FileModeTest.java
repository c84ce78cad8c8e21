package io.rmote.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FileModeTest {

  @Test
  void octalTextIsAlwaysOctal() {
    // Ansible #9196 / #23521: `mode: 644` was read as decimal 644 (0o1204). Here text is octal
    // and there is no int constructor to get it wrong.
    assertEquals(0644, FileMode.parse("644").bits());
    assertEquals(0644, FileMode.parse("0644").bits());
    assertEquals(0644, FileMode.parse("0o644").bits());
    assertEquals("0644", FileMode.parse("644").octal());
    assertEquals(FileMode.parse("0644"), new FileMode("644"));
    assertEquals(04755, FileMode.parse("4755").bits());
    assertEquals(0644, FileMode.ofBits(0644).bits());
  }

  @Test
  void symbolicBothWays() {
    assertEquals(0644, FileMode.parse("rw-r--r--").bits());
    assertEquals(04755, FileMode.parse("rwsr-xr-x").bits());
    assertEquals(01777, FileMode.parse("rwxrwxrwt").bits());
    assertEquals(02640, FileMode.parse("rw-r-S---").bits());
    for (String s : new String[] {"rw-r--r--", "rwsr-xr-x", "rwxrwxrwt", "rw-r-S---", "---------"})
      assertEquals(s, FileMode.parse(s).symbolic());
  }

  @Test
  void rejectsWhatIsNotAMode() {
    for (String s : new String[] {"", "8", "999", "17777", "rw-r--r-", "rwxrwxrwz", "0x1a4"})
      assertThrows(IllegalArgumentException.class, () -> FileMode.parse(s), s);
    assertThrows(IllegalArgumentException.class, () -> FileMode.ofBits(010000));
    assertThrows(IllegalArgumentException.class, () -> FileMode.ofBits(-1));
  }
}
