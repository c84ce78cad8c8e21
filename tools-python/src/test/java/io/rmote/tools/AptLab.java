package io.rmote.tools;

import io.rmote.Remote;
import io.rmote.testing.TestHosts;
import io.rmote.testing.TestHosts.Host;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A signed flat apt repository of small {@code rmote-apt-*} and {@code rmote-pkgs-*} packages,
 * built once per JVM on this machine (dpkg-deb, dpkg-scanpackages, gpg with a throwaway home), and
 * a connection to a test host that copies it to {@code /srv/rmote-apt-repo} there, with two package
 * files that are not in its index under {@code local/}. Closing the connection purges every {@code
 * rmote-apt-*} and {@code rmote-pkgs-*} package, puts back a policy-rc.d a test left, removes the
 * sources, keys and the repository, and refreshes the package lists: the host is as before.
 */
final class AptLab implements AutoCloseable {
  static final String REPO = "/srv/rmote-apt-repo";
  static final String URI = "file:" + REPO;
  static final String CONFFILE = "/etc/rmote-apt-conf.conf";

  /** Package files outside the repository's index (its own folder: no other lab removes it). */
  static final String LOCAL = "/srv/rmote-pkgs-local";

  static final String SERVICE = "rmote-pkgs-svc.service";
  static final String POLICY_RC_D = "/usr/sbin/policy-rc.d";

  /** A line in the policy-rc.d a test plants as the administrator's (removed by the clean-up). */
  static final String ADMIN_POLICY_MARK = "# rmote-pkgs test: a policy of the administrator";

  /** The built repository: its files, and the two keys (the one that signed it, and another). */
  @SuppressWarnings("ArrayRecordComponent") // test data, never changed
  record Built(
      Map<String, byte[]> files,
      byte[] armored,
      byte[] binary,
      byte[] otherArmored,
      Map<String, byte[]> localDebs) {}

  private static Built built;

  final Remote remote;
  final Apt apt;
  final AptRepository repos;
  final FileSystem fs;
  final Exec exec;
  private final boolean keyringsBefore; // bullseye's apt 2.2 has no /etc/apt/keyrings

  AptLab(Host host, Path tmp) {
    remote =
        Remote.builder().ssh(TestHosts.ssh(host, "root", tmp.resolve("known")).build()).connect();
    apt = remote.tool(Apt.class);
    repos = remote.tool(AptRepository.class);
    fs = remote.tool(FileSystem.class);
    exec = remote.tool(Exec.class);
    keyringsBefore = fs.exists("/etc/apt/keyrings");
    cleanUp();
    fs.mkdir(REPO);
    for (Map.Entry<String, byte[]> f : build(tmp).files().entrySet()) {
      fs.writeBytes(REPO + "/" + f.getKey(), f.getValue());
    }
    fs.mkdir(LOCAL);
    for (Map.Entry<String, byte[]> f : built.localDebs().entrySet()) {
      fs.writeBytes(LOCAL + "/" + f.getKey(), f.getValue());
    }
  }

  Built built() {
    return built;
  }

  /** Adds the repository as the source {@code rmote-apt-test}, signed, and updates. */
  void addSource() {
    repos.present(AptRepository.Source.of("rmote-apt-test", URI, "./").withKey(built.armored()));
    apt.update();
  }

  String sh(String script) {
    return exec.shell(script).stdoutText();
  }

  private void cleanUp() {
    exec.run(
        Exec.Command.ofShell(
                "p=$(dpkg-query -W -f='${Package}\\n' 'rmote-apt-*' 'rmote-pkgs-*' 2>/dev/null);"
                    + " [ -z \"$p\" ] || { apt-mark unhold $p; dpkg --purge $p; };"
                    + " systemctl stop "
                    + SERVICE
                    + " 2>/dev/null; systemctl reset-failed "
                    + SERVICE
                    + " 2>/dev/null;"
                    + " [ -e "
                    + POLICY_RC_D
                    + ".rmote-saved ] && mv -f "
                    + POLICY_RC_D
                    + ".rmote-saved "
                    + POLICY_RC_D
                    + "; grep -qs -e '"
                    + ADMIN_POLICY_MARK
                    + "' -e '# rmote Apt policy_rc_d' "
                    + POLICY_RC_D
                    + " && rm -f "
                    + POLICY_RC_D
                    + ";"
                    + " rm -rf "
                    + LOCAL
                    + " "
                    + REPO
                    + " /etc/apt/sources.list.d/rmote-apt-* /etc/apt/keyrings/rmote-apt-*"
                    + " /var/lib/apt/periodic/rmote-update-* "
                    + CONFFILE
                    + "*")
            .withCheck(false));
  }

  @Override
  public void close() {
    try {
      cleanUp();
      if (!keyringsBefore) exec.run(Exec.Command.of("rmdir", "/etc/apt/keyrings").withCheck(false));
      exec.run(Exec.Command.of("apt-get", "-q", "update").withCheck(false));
    } finally {
      remote.close();
    }
  }

  // ---- building the repository on this machine

  static synchronized Built build(Path tmp) {
    if (built != null) return built;
    try {
      Path dir = Files.createDirectories(tmp.resolve("apt-repo"));
      Path work = Files.createDirectories(tmp.resolve("apt-work"));
      Map<String, byte[]> files = new LinkedHashMap<>();
      List<String[]> debs = new ArrayList<>();
      for (String v : List.of("1.0")) debs.add(new String[] {"rmote-apt-a", v, "", ""});
      debs.add(new String[] {"rmote-apt-b", "1.0", "rmote-apt-c", ""});
      debs.add(new String[] {"rmote-apt-c", "1.0", "", ""});
      debs.add(new String[] {"rmote-apt-d", "1.0", "", ""});
      for (String v : List.of("1.0", "1.1")) {
        debs.add(new String[] {"rmote-apt-up", v, "", ""});
        debs.add(new String[] {"rmote-apt-held", v, "", ""});
        debs.add(new String[] {"rmote-apt-conf", v, "", "conffile " + v + "\n"});
      }
      debs.add(new String[] {"rmote-pkgs-rec", "1.0", "", ""});
      debs.add(new String[] {"rmote-pkgs-recd", "1.0", "", ""});
      for (String[] d : debs) deb(work, dir, d[0], d[1], d[2], d[3]);
      Path local = Files.createDirectories(tmp.resolve("apt-local"));
      Map<String, byte[]> localDebs = new LinkedHashMap<>();
      for (String v : List.of("1.0", "1.1")) {
        deb(work, local, "rmote-pkgs-local", v, "rmote-apt-c", "");
        String file = "rmote-pkgs-local_" + v + "_all.deb";
        localDebs.put(file, Files.readAllBytes(local.resolve(file)));
      }
      deb(work, local, "rmote-pkgs-svc", "1.0", "", "");
      localDebs.put(
          "rmote-pkgs-svc_1.0_all.deb",
          Files.readAllBytes(local.resolve("rmote-pkgs-svc_1.0_all.deb")));
      run(dir, "sh", "-c", "dpkg-scanpackages --multiversion . /dev/null > Packages");
      byte[] packages = Files.readAllBytes(dir.resolve("Packages"));
      String date =
          ZonedDateTime.now(ZoneOffset.UTC)
              .minusMinutes(5)
              .format(DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT));
      String release =
          "Origin: rmote-apt-test\nLabel: rmote-apt-test\nDate: "
              + date
              + "\nSHA256:\n "
              + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(packages))
              + " "
              + packages.length
              + " Packages\n";
      Files.writeString(dir.resolve("Release"), release);
      Path home = Files.createDirectories(tmp.resolve("gnupg"));
      Files.setPosixFilePermissions(
          home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      String[] gpg = {"gpg", "--homedir", home.toString(), "--batch", "--yes", "--passphrase", ""};
      try {
        run(
            dir,
            cat(
                gpg,
                "--quick-gen-key",
                "rmote apt test <apt@rmote.test>",
                "ed25519",
                "sign",
                "never"));
        run(
            dir,
            cat(
                gpg,
                "--quick-gen-key",
                "rmote apt other <other@rmote.test>",
                "ed25519",
                "sign",
                "never"));
        run(
            dir,
            cat(
                gpg,
                "--local-user",
                "apt@rmote.test",
                "--digest-algo",
                "SHA512",
                "--clearsign",
                "-o",
                "InRelease",
                "Release"));
        byte[] armored = run(dir, cat(gpg, "--export", "--armor", "apt@rmote.test"));
        byte[] binary = run(dir, cat(gpg, "--export", "apt@rmote.test"));
        byte[] other = run(dir, cat(gpg, "--export", "--armor", "other@rmote.test"));
        try (var list = Files.list(dir)) {
          for (Path p : list.sorted().toList())
            files.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        built = new Built(files, armored, binary, other, localDebs);
      } finally {
        new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
            .inheritIO()
            .start()
            .waitFor();
      }
      return built;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String[] cat(String[] a, String... b) {
    String[] r = new String[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static void deb(
      Path work, Path out, String name, String version, String depends, String conf)
      throws Exception {
    Path root = work.resolve(name + "_" + version);
    Files.createDirectories(root.resolve("DEBIAN"));
    String control =
        "Package: "
            + name
            + "\nVersion: "
            + version
            + "\nArchitecture: all\n"
            + "Maintainer: rmote tests <apt@rmote.test>\n"
            + (depends.isEmpty() ? "" : "Depends: " + depends + "\n")
            + (name.equals("rmote-pkgs-rec") ? "Recommends: rmote-pkgs-recd\n" : "")
            + "Description: rmote apt test package\n";
    Files.writeString(root.resolve("DEBIAN/control"), control);
    if (!conf.isEmpty()) {
      Path etc = Files.createDirectories(root.resolve("etc"));
      Files.writeString(etc.resolve("rmote-apt-conf.conf"), conf);
      Files.writeString(root.resolve("DEBIAN/conffiles"), CONFFILE + "\n");
    }
    if (name.equals("rmote-pkgs-svc")) service(root);
    run(
        work,
        "dpkg-deb",
        "-Zxz",
        "--root-owner-group",
        "--build",
        root.toString(),
        out.resolve(name + "_" + version + "_all.deb").toString());
  }

  /**
   * A oneshot unit that stays active once started, and the maintainer scripts dh_installsystemd
   * writes for it: enable, then {@code deb-systemd-invoke start}, which asks policy-rc.d first.
   */
  private static void service(Path root) throws IOException {
    Path units = Files.createDirectories(root.resolve("usr/lib/systemd/system"));
    Files.writeString(
        units.resolve(SERVICE),
        "[Unit]\nDescription=rmote pkgs test service\n[Service]\nType=oneshot\n"
            + "RemainAfterExit=yes\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n");
    script(
        root,
        "postinst",
        "systemctl daemon-reload || true\n"
            + "deb-systemd-helper enable "
            + SERVICE
            + " || true\n"
            + "deb-systemd-invoke start "
            + SERVICE
            + " || true\n");
    script(root, "prerm", "deb-systemd-invoke stop " + SERVICE + " || true\n");
    script(
        root,
        "postrm",
        "if [ \"$1\" = purge ]; then deb-systemd-helper purge "
            + SERVICE
            + " || true; fi\nsystemctl daemon-reload || true\n");
  }

  private static void script(Path root, String name, String body) throws IOException {
    Path p = root.resolve("DEBIAN/" + name);
    Files.writeString(p, "#!/bin/sh\nset -e\n" + body);
    Files.setPosixFilePermissions(
        p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static byte[] run(Path dir, String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(false).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", argv) + ": " + err);
    return out;
  }
}
