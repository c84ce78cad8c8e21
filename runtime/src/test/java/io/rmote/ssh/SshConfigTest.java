package io.rmote.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Remote;
import io.rmote.ToolDescriptor;
import io.rmote.testing.SshServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config reader against OpenSSH's own: a corpus of config files resolved by {@code ssh -G HOST
 * -F FILE} and by {@link SshConfig}, compared keyword by keyword; and the inputs against a
 * real sshd.
 */
class SshConfigTest {
  static final ToolDescriptor INFO =
      ToolDescriptor.fromResource(SshConfigTest.class, "tools/hostinfo.py", "HostInfo");

  /** The keywords compared with ssh -G: those that decide where, as whom and with which key. */
  static final List<String> COMPARED =
      List.of(
          "hostname",
          "user",
          "port",
          "identityfile",
          "certificatefile",
          "proxyjump",
          "hostkeyalias",
          "userknownhostsfile",
          "globalknownhostsfile",
          "identitiesonly",
          "addressfamily",
          "connecttimeout",
          "connectionattempts",
          "serveraliveinterval",
          "serveralivecountmax",
          "identityagent",
          "proxycommand");

  @TempDir Path tmp;

  /** The corpus: each case is a config file and the hosts to resolve in it. */
  static Map<String, List<String>> corpus(Path dir) throws IOException {
    Map<String, List<String>> c = new LinkedHashMap<>();
    c.put(
        "Match host *.corp.example\n  User corpuser\n  ProxyJump bastion\nHost web1\n  HostName 127.0.0.1\n"
            + "Host *\n  User fallback\n",
        List.of("web1", "db.corp.example", "corp.example"));
    c.put(
        "Host web1\n  IdentityFile \"/dir/my key\"\n  IdentityFile '/other dir/k2'\n  UserKnownHostsFile /a/kh1 \"/b/k h2\"\n"
            + "  HostKeyAlias=alias-%h\nHost *\n  IdentityFile ~/.ssh/id_%r_%h_%p_%n_%u_%%\n",
        List.of("web1", "x"));
    c.put(
        "Host a* !ab*\n  Port 2201\nHost a?c\n  Port 2202\n  User three\nHost *\n  Port 2203\n",
        List.of("abc", "axc", "ab", "b"));
    c.put(
        "Host x\n  User first\nHost x\n  User second\n  Port 1\nHost *\n  Port 2\n",
        List.of("x", "y"));
    c.put(
        "Host foo\n  HostName foo.%h.example\n  ConnectTimeout 7\n  ConnectionAttempts 3\n"
            + "Match originalhost foo\n  User orig\nMatch host foo.foo.example\n  Port 2300\n",
        List.of("foo", "bar"));
    c.put(
        "Match user root\n  Port 2400\nMatch localuser "
            + System.getProperty("user.name")
            + "\n  Port 2401\n"
            + "Host u\n  User root\n",
        List.of("u", "v"));
    c.put(
        "Match !host bastion,jump*\n  ProxyJump bastion\nHost bastion\n  HostName 10.0.0.1\n  ProxyJump none\n",
        List.of("bastion", "jump1", "web"));
    Path inc = Files.createDirectories(dir.resolve("conf.d"));
    Files.writeString(inc.resolve("10-a.conf"), "Host inc1\n  Port 2500\n  User from-include\n");
    Files.writeString(inc.resolve("20-b.conf"), "Port 2501\nHost inc2\n  Port 2502\n");
    Files.writeString(dir.resolve("sub.conf"), "User sub-user\n");
    c.put(
        "Host inc1 inc2\n  IdentitiesOnly yes\nInclude "
            + inc
            + "/*.conf\nHost inc3\n  Include "
            + dir.resolve("sub.conf")
            + "\nHost *\n  AddressFamily inet6\n",
        List.of("inc1", "inc2", "inc3", "other"));
    c.put(
        "Match all\n  ServerAliveInterval 15\n  ServerAliveCountMax=4\nHost *\n  ServerAliveInterval 99\n",
        List.of("any"));
    c.put(
        "Host q\n  User \"quoted user\"\n  IdentityFile /p/with\\ space\n  CertificateFile %d/c-%r\n"
            + "  GlobalKnownHostsFile /g1 /g2\n  IdentityAgent none\n",
        List.of("q"));
    c.put(
        "Host t1\n  ConnectTimeout 1m30s\n  ServerAliveInterval 2H\nHost t2\n  ConnectTimeout none\n"
            + "  ServerAliveInterval none\nHost *\n  ConnectTimeout 0\n  ServerAliveInterval 1w1d1h1m1s\n",
        List.of("t1", "t2", "t3"));
    c.put("Host CaSe\n  Port 2600\nMatch host CASE\n  User upper\n", List.of("CaSe", "case"));
    c.put("IgnoreUnknown Foo*\nFooBar yes\nHost z\n  Port 2700\n", List.of("z"));
    c.put(
        "Match final host 127.0.0.1\n  User finaluser\nHost fin\n  HostName 127.0.0.1\n",
        List.of("fin"));
    c.put(
        "Host pc\n  ProxyCommand ssh -W %h:%p \"bastion host\"\n  ProxyJump other\nHost pj\n  ProxyJump j1\n"
            + "  ProxyCommand nc %h %p\n",
        List.of("pc", "pj"));
    return c;
  }

  @Test
  void corpusResolvesAsSshMinusG() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh")), "no OpenSSH client");
    int compared = 0;
    int n = 0;
    for (Map.Entry<String, List<String>> e : corpus(tmp).entrySet()) {
      Path f = tmp.resolve("config" + n++);
      Files.writeString(f, e.getKey());
      for (String host : e.getValue()) {
        Map<String, String> oracle = sshG(host, f);
        Map<String, List<String>> ours = new SshConfig(f, false).resolve(host, Map.of());
        for (String k : COMPARED) {
          String expected = oracle.get(k);
          String actual = render(k, ours, host);
          if (actual == null) continue; // not set in the file: ssh -G prints its default
          if (k.equals("proxyjump") && actual.equals("none"))
            actual = null; // ssh -G prints no proxyjump then
          assertEquals(expected, actual, k + " of " + host + " in\n" + e.getKey());
          compared++;
        }
        // where we connect and as whom: always the same as ssh -G, default or not
        assertEquals(
            oracle.get("hostname"),
            render("hostname", ours, host),
            "hostname of " + host + " in\n" + e.getKey());
        assertEquals(
            oracle.get("user"),
            ours.containsKey("user") ? ours.get("user").get(0) : System.getProperty("user.name"),
            "user of " + host + " in\n" + e.getKey());
        assertEquals(
            oracle.get("port"),
            ours.containsKey("port") ? ours.get("port").get(0) : "22",
            "port of " + host + " in\n" + e.getKey());
      }
    }
    assertTrue(compared > 40, compared + " values compared");
  }

  private static String render(String k, Map<String, List<String>> ours, String host) {
    if (k.equals("hostname")) {
      return ours.containsKey("hostname")
          ? SshTokens.hostName(ours.get("hostname").get(0), host)
          : host.toLowerCase(java.util.Locale.ROOT);
    }
    List<String> v = ours.get(k);
    if (v == null) return null;
    if (k.equals("identityfile") || k.equals("certificatefile")) return String.join("\n", v);
    if (k.equals("identityagent") && v.get(0).equalsIgnoreCase("none")) return "none";
    return String.join(" ", v);
  }

  /** ssh -G's answer: keyword to value, several lines of a keyword joined by newlines. */
  static Map<String, String> sshG(String host, Path file) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("ssh", "-G", host, "-F", file.toString())
            .redirectErrorStream(false)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), err);
    Map<String, String> m = new TreeMap<>();
    for (String line : out.split("\n")) {
      int sp = line.indexOf(' ');
      if (sp < 0) continue;
      m.merge(line.substring(0, sp), line.substring(sp + 1), (a, b) -> a + "\n" + b);
    }
    return m;
  }

  @Test
  void matchBlockAppliesOnlyToTheHostsItMatches() throws Exception {
    try (SshServer server = SshServer.start()) {
      Path config = tmp.resolve("config");
      Files.writeString(
          config,
          "Match host *.corp.example\n  User corpuser\n  ProxyJump bastion\n"
              + "Host web1\n  HostName 127.0.0.1\n  Port "
              + server.port
              + "\n  User root\n  IdentityFile "
              + server.clientKey
              + "\n");
      try (Remote r =
          Remote.builder()
              .ssh(Ssh.to("web1").config(config).knownHosts(server.knownHosts).agent(false).build())
              .connect()) {
        assertEquals("root", r.call(INFO, "whoami", String.class));
      }
    }
  }

  @Test
  void quotedIdentityFileWithASpace() throws Exception {
    try (SshServer server = SshServer.start()) {
      Path dir = Files.createDirectories(tmp.resolve("my dir"));
      Path key = dir.resolve("my key");
      Files.copy(server.clientKey, key);
      Path config = tmp.resolve("config");
      Files.writeString(
          config,
          "Host web1\n  HostName 127.0.0.1\n  Port "
              + server.port
              + "\n  User root\n"
              + "  IdentityFile \""
              + key
              + "\"\n");
      try (Remote r =
          Remote.builder()
              .ssh(Ssh.to("web1").config(config).knownHosts(server.knownHosts).agent(false).build())
              .connect()) {
        assertEquals("root", r.call(INFO, "whoami", String.class));
      }
      // a named key that is not there is said so, not "none of nothing"
      Files.writeString(
          config,
          "Host web1\n  HostName 127.0.0.1\n  Port "
              + server.port
              + "\n  User root\n"
              + "  IdentityFile \""
              + dir.resolve("absent key")
              + "\"\n");
      AuthenticationException e =
          assertThrows(
              AuthenticationException.class,
              () ->
                  Remote.builder()
                      .ssh(
                          Ssh.to("web1")
                              .config(config)
                              .knownHosts(server.knownHosts)
                              .agent(false)
                              .build())
                      .connect());
      assertTrue(e.getMessage().contains("absent key"), e.getMessage());
    }
  }

  @Test
  void matchExecIsRefusedUnlessAllowed() throws Exception {
    Path config = tmp.resolve("config");
    Files.writeString(config, "Match exec \"true\"\n  User x\n");
    SshException e =
        assertThrows(SshException.class, () -> new SshConfig(config, false).resolve("h", Map.of()));
    assertTrue(e.getMessage().contains("Match exec"), e.getMessage());
    assertEquals(List.of("x"), new SshConfig(config, true).resolve("h", Map.of()).get("user"));
  }

  @Test
  void codeWinsOverTheFileAndMatchUserSeesIt() throws Exception {
    Path config = tmp.resolve("config");
    Files.writeString(config, "Match user deploy\n  Port 2222\nHost h\n  User other\n  Port 22\n");
    Ssh ssh = Ssh.to("deploy@h").config(config).build();
    SshLauncher.Hop hop = SshLauncher.resolve(ssh, new SshConfig(config, false), true);
    assertEquals("deploy", hop.user);
    assertEquals(2222, hop.port);
  }

  @Test
  void algorithmListsTakePlusMinusAndCaret() {
    assertEquals("a,b,ssh-rsa", SshLauncher.algorithms("+ssh-rsa", "a,b"));
    assertEquals("a,d", SshLauncher.algorithms("-b*,c", "a,bx,by,c,d"));
    assertEquals("d,c,a,b", SshLauncher.algorithms("^d,c", "a,b,c,d"));
    assertEquals("x,y", SshLauncher.algorithms("x,y", "a,b"));
  }

  @Test
  void misspeltOptionFailsAtOnce() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Ssh.to("h").option("HostKeyAlis", "x"));
    assertTrue(e.getMessage().contains("Bad configuration option: HostKeyAlis"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> Ssh.to("h").options("-o", "StrictHostKeyCheking=no"));
    // known names pass: ssh_config keywords and JSch keys
    Ssh.to("h")
        .option("HostKeyAlias", "x")
        .option("BatchMode", "yes")
        .option("enable_strict_kex", "yes")
        .build();
    IllegalArgumentException pc =
        assertThrows(
            IllegalArgumentException.class, () -> Ssh.to("h").option("PKCS11Provider", "x.so"));
    assertTrue(pc.getMessage().contains("not supported"), pc.getMessage());
  }

  @Test
  void aBadLineInTheFileNamesTheFileAndLine() throws Exception {
    Path config = tmp.resolve("config");
    Files.writeString(config, "Host h\n  HostNmae x\n");
    SshException e =
        assertThrows(SshException.class, () -> new SshConfig(config, false).resolve("h", Map.of()));
    assertTrue(
        e.getMessage().contains("line 2")
            && e.getMessage().contains("Bad configuration option: HostNmae"),
        e.getMessage());
  }

  @Test
  void theDocumentationListsEveryKeyword() throws Exception {
    Path docs = Path.of("../docs/ssh.md");
    Assumptions.assumeTrue(Files.isReadable(docs), "docs/ssh.md not beside the module");
    String text = Files.readString(docs);
    List<String> missing = new ArrayList<>();
    for (SshKeywords.Keyword k : SshKeywords.all())
      if (!text.contains("| `" + k.name + "` |")) missing.add(k.name);
    assertEquals(List.of(), missing);
  }

  @Test
  void everyKeywordOfSshMinusGIsInTheTable() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh")), "no OpenSSH client");
    List<String> missing = new ArrayList<>();
    for (String k : sshG("x", Path.of("/dev/null")).keySet())
      if (SshKeywords.find(k) == null) missing.add(k);
    assertEquals(List.of(), missing);
  }
}
