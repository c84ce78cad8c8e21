package io.rmote.samples;

import io.rmote.tools.FileSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The example plan's apt repository, built on this machine (dpkg-deb, dpkg-scanpackages from
 * dpkg-dev, gpg with a throwaway home), for {@link DeployLab} and {@code DeployTest}: a flat
 * repository holding {@code rmote-deploy-app} 1.0, whose {@code /usr/bin/rmote-deploy-app} checks
 * that it can read its configuration and then idles, signed by a key made for the run.
 *
 * @param files the repository's files by name, to copy to {@code /srv/rmote-deploy-repo}
 * @param key the signing key, armored
 */
@SuppressWarnings("ArrayRecordComponent") // made once per run, never changed
record DeployRepository(Map<String, byte[]> files, byte[] key) {

  /** Where the example plan's source points: {@code file:/srv/rmote-deploy-repo}. */
  static final String PATH = "/srv/rmote-deploy-repo";

  /** Writes the repository's files to {@link #PATH} on the host {@code fs} works on. */
  void copyTo(FileSystem fs) {
    fs.mkdir(PATH);
    files.forEach((name, bytes) -> fs.writeBytes(PATH + "/" + name, bytes));
  }

  static DeployRepository build(Path tmp) throws IOException {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Path root = tmp.resolve("pkg");
    Files.createDirectories(root.resolve("DEBIAN"));
    Files.createDirectories(root.resolve("usr/bin"));
    Files.writeString(
        root.resolve("DEBIAN/control"),
        "Package: rmote-deploy-app\nVersion: 1.0\nArchitecture: all\n"
            + "Maintainer: rmote samples <deploy@rmote.test>\n"
            + "Description: the service of the rmote deploy sample\n");
    Path bin = root.resolve("usr/bin/rmote-deploy-app");
    Files.writeString(
        bin,
        "#!/bin/sh\ntest -r \"$1\" || { echo \"cannot read $1\" >&2; exit 1; }\nexec sleep infinity\n");
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    run(
        tmp,
        "dpkg-deb",
        "-Zxz",
        "--root-owner-group",
        "--build",
        root.toString(),
        repo.resolve("rmote-deploy-app_1.0_all.deb").toString());
    run(repo, "sh", "-c", "dpkg-scanpackages . /dev/null > Packages");
    byte[] packages = Files.readAllBytes(repo.resolve("Packages"));
    String date =
        ZonedDateTime.now(ZoneOffset.UTC)
            .minusMinutes(5)
            .format(DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT));
    Files.writeString(
        repo.resolve("Release"),
        "Origin: rmote-deploy\nLabel: rmote-deploy\nDate: "
            + date
            + "\nSHA256:\n "
            + HexFormat.of().formatHex(sha256().digest(packages))
            + " "
            + packages.length
            + " Packages\n");
    Path home = Files.createDirectories(tmp.resolve("gnupg"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    String gpg = "gpg --homedir " + home + " --batch --yes --passphrase ''";
    byte[] key;
    try {
      run(
          repo,
          "sh",
          "-c",
          gpg + " --quick-gen-key 'rmote deploy <deploy@rmote.test>' ed25519 sign never");
      run(
          repo,
          "sh",
          "-c",
          gpg + " --local-user deploy@rmote.test --clearsign -o InRelease Release");
      key = run(repo, "sh", "-c", gpg + " --export --armor deploy@rmote.test");
    } finally {
      run(tmp, "gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent");
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (var list = Files.list(repo)) {
      for (Path p : list.sorted().toList())
        files.put(p.getFileName().toString(), Files.readAllBytes(p));
    }
    return new DeployRepository(files, key);
  }

  private static byte[] run(Path dir, String... argv) throws IOException {
    Process p = new ProcessBuilder(argv).directory(dir.toFile()).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) throw new IOException(String.join(" ", argv) + ": " + err);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(String.join(" ", argv) + ": interrupted", e);
    }
    return out;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
