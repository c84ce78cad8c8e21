package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.internal.scheduling.Timeouts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ssh_config's times as OpenSSH's {@code convtime()} reads them ({@code ConnectTimeout 1m}, {@code
 * ServerAliveInterval 1h30s}), given in code or in a config file: where they were refused as "must
 * be a number", or failed with a bare {@code NumberFormatException} from a config file. The config
 * file's values are compared with {@code ssh -G} itself in {@link SshConfigTest}'s corpus.
 */
class SshTimeValuesTest {
  @TempDir Path tmp;

  @Test
  void timesTakeOpenSshUnits() {
    assertEquals(90, SshOptionRules.seconds("ConnectTimeout", "90"));
    assertEquals(60, SshOptionRules.seconds("ConnectTimeout", "1m"));
    assertEquals(90, SshOptionRules.seconds("ConnectTimeout", "1m30s"));
    assertEquals(3630, SshOptionRules.seconds("ConnectTimeout", "1h30"));
    assertEquals(2 * 604_800 + 86_400, SshOptionRules.seconds("ConnectTimeout", "2W1d"));
    assertEquals(1, SshOptionRules.seconds("ConnectTimeout", "00000000000001"));
    assertEquals(0, SshOptionRules.seconds("ConnectTimeout", "0"));
  }

  @Test
  void badTimesAreRefusedAsOpenSshRefusesThem() {
    for (String bad :
        List.of("-5", "1x", "m", "", "1.5m", "99999999999", "3000000000s", "NONE", "1mm")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> Ssh.to("h").option("ConnectTimeout", bad),
              "'" + bad + "'");
      assertTrue(e.getMessage().startsWith("ConnectTimeout"), e.getMessage());
      assertTrue(e.getMessage().contains("invalid time value"), e.getMessage());
    }
  }

  @Test
  void optionsInCodeTakeTimesWithUnits() {
    Ssh ssh = Ssh.to("h").options("-o", "ConnectTimeout 1m", "-oServerAliveInterval=2m30s").build();
    assertEquals(Duration.ofSeconds(60), ssh.connectTimeout);
    assertEquals(Duration.ofSeconds(150), ssh.keepAlive);
    Ssh zero = Ssh.to("h").option("ConnectTimeout", "0").option("ServerAliveInterval", "0").build();
    assertEquals(Timeouts.LONGEST, zero.connectTimeout);
    assertNull(zero.keepAlive);
  }

  /**
   * A review's find: a count past {@code int} given in code wrapped ({@code Port 4294967318} was
   * port 22, {@code ServerAliveCountMax 4294967299} was 3). It is refused as OpenSSH's {@code
   * strtonum} refuses it, in code and in a config file alike; ServerAliveCountMax 0 is taken in
   * both, as OpenSSH takes it.
   */
  @Test
  void countsPastIntAreRefusedNotWrapped() throws Exception {
    for (String[] c :
        new String[][] {
          {"Port", "4294967318"},
          {"ServerAliveCountMax", "4294967299"},
          {"ConnectionAttempts", "4294967297"},
          {"ServerAliveCountMax", "99999999999999999999"},
          {"ServerAliveCountMax", "+99999999999999999999"},
          {"Port", "65536"},
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Ssh.to("h").option(c[0], c[1]));
      assertTrue(
          e.getMessage().startsWith(c[0] + " " + c[1] + ": integer value too large"),
          e.getMessage());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Ssh.to("h").option("ServerAliveCountMax", "x"));
    assertEquals("ServerAliveCountMax x: integer value invalid", e.getMessage());
    // as strtol reads them: a sign, but no other script's digits, and far past long, too small
    for (String[] c :
        new String[][] {
          {"\uFF12\uFF12", "integer value invalid"},
          {"\u0662\u0662", "integer value invalid"},
          {"0x16", "integer value invalid"},
          {"-99999999999999999999", "integer value too small"},
        }) {
      IllegalArgumentException bad =
          assertThrows(IllegalArgumentException.class, () -> Ssh.to("h").option("Port", c[0]));
      assertTrue(bad.getMessage().startsWith("Port " + c[0] + ": " + c[1]), bad.getMessage());
    }
    assertEquals(22, Ssh.to("h").option("Port", "+22").build().port);
    assertEquals(0, Ssh.to("h").option("ServerAliveCountMax", "0").build().keepAliveCountMax);
    assertThrows(
        IllegalArgumentException.class, () -> Ssh.to("h").keepAlive(Duration.ofSeconds(5), -1));
    Path config = tmp.resolve("config");
    Files.writeString(config, "Host web\n  ServerAliveCountMax 4294967299\n");
    SshException f =
        assertThrows(
            SshException.class, () -> new SshConfig(config, false).resolve("web", Map.of()));
    assertTrue(
        f.getMessage()
            .startsWith(
                config + " line 2: ServerAliveCountMax 4294967299: integer value too large"),
        f.getMessage());
  }

  /**
   * A review's find: {@code none} given in code is unset, as {@code ssh -o ConnectTimeout=none} is:
   * the config file's value holds (it had overridden the file with no timeout at all).
   */
  @Test
  void noneInCodeLeavesTheConfigFilesValue() throws Exception {
    Path config = tmp.resolve("config");
    Files.writeString(config, "Host web\n  ConnectTimeout 7\n  ServerAliveInterval 9\n");
    Ssh ssh =
        Ssh.to("web")
            .config(config)
            .option("ConnectTimeout", "none")
            .option("ServerAliveInterval", "none")
            .build();
    assertFalse(ssh.setInCode.contains("connecttimeout"));
    SshLauncher.Hop hop = HopResolver.resolve(ssh, new SshConfig(config, false), false);
    assertEquals(Duration.ofSeconds(7), hop.connectTimeout);
    assertEquals(Duration.ofSeconds(9), hop.keepAlive);
  }

  /**
   * A review's find: ServerAliveCountMax given in code made the config file's ServerAliveInterval
   * give way to the built-in 30 s, and the other way round; ssh -o sets one and leaves the other to
   * the file.
   */
  @Test
  void aKeepAliveSettingInCodeLeavesTheFilesOtherOne() throws Exception {
    Path config = tmp.resolve("config");
    Files.writeString(config, "Host web\n  ServerAliveInterval 9\n  ServerAliveCountMax 5\n");
    SshConfig file = new SshConfig(config, false);
    SshLauncher.Hop count =
        HopResolver.resolve(
            Ssh.to("web").config(config).option("ServerAliveCountMax", "0").build(), file, false);
    assertEquals(Duration.ofSeconds(9), count.keepAlive);
    assertEquals(0, count.keepAliveCountMax);
    SshLauncher.Hop interval =
        HopResolver.resolve(
            Ssh.to("web").config(config).option("ServerAliveInterval", "20").build(), file, false);
    assertEquals(Duration.ofSeconds(20), interval.keepAlive);
    assertEquals(5, interval.keepAliveCountMax);
    SshLauncher.Hop both =
        HopResolver.resolve(
            Ssh.to("web").config(config).keepAlive(Duration.ofSeconds(4), 2).build(), file, false);
    assertEquals(Duration.ofSeconds(4), both.keepAlive);
    assertEquals(2, both.keepAliveCountMax);
  }

  @Test
  void aConfigFileTimeIsKeptInSecondsAsSshMinusGPrintsIt() throws Exception {
    Path config = tmp.resolve("config");
    Files.writeString(
        config,
        "Host web\n  ConnectTimeout 1m\n  ServerAliveInterval none\n  ConnectionAttempts 2\n"
            + "Host *\n  ServerAliveInterval 1h30s\n");
    Map<String, List<String>> v = new SshConfig(config, false).resolve("web", Map.of());
    assertEquals(List.of("60"), v.get("connecttimeout"));
    assertEquals(List.of("3630"), v.get("serveraliveinterval"), "none leaves it unset");
    SshLauncher.Hop hop =
        HopResolver.resolve(
            Ssh.to("web").config(config).build(), new SshConfig(config, false), false);
    assertEquals(Duration.ofSeconds(60), hop.connectTimeout);
    assertEquals(Duration.ofSeconds(3630), hop.keepAlive);
    assertEquals(2, hop.connectionAttempts);
  }

  @Test
  void aBadValueInAConfigFileNamesTheFileAndLineEvenInABlockForAnotherHost() throws Exception {
    Path config = tmp.resolve("config");
    for (String[] c :
        new String[][] {
          {"ConnectTimeout 1x", "ConnectTimeout 1x: invalid time value"},
          {"ServerAliveInterval -5", "ServerAliveInterval -5: invalid time value"},
          {"ConnectionAttempts abc", "ConnectionAttempts abc: integer value invalid"},
          {"ServerAliveCountMax 3x", "ServerAliveCountMax 3x: integer value invalid"},
          {"ServerAliveCountMax -1", "ServerAliveCountMax -1: integer value too small"},
          {"ConnectionAttempts 0", "ConnectionAttempts 0: integer value too small"},
          {"ConnectTimeout NONE", "ConnectTimeout NONE: invalid time value"},
        }) {
      Files.writeString(config, "Host other\n  " + c[0] + "\nHost web\n  Port 2222\n");
      SshException e =
          assertThrows(
              SshException.class, () -> new SshConfig(config, false).resolve("web", Map.of()));
      assertEquals(config + " line 2: " + c[1], e.getMessage().split(" \\(")[0], c[0]);
    }
  }
}
