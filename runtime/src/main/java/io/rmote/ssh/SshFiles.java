package io.rmote.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where ssh(1) keeps its files by default, under {@code ~/.ssh}, and {@code ~} in a path as it
 * reads it.
 */
final class SshFiles {
  private SshFiles() {}

  static String expandHome(String path) {
    if (path.equals("~")) return System.getProperty("user.home");
    if (path.startsWith("~/")) return System.getProperty("user.home") + path.substring(1);
    return path;
  }

  static Path defaultConfig() {
    Path p = Path.of(System.getProperty("user.home"), ".ssh", "config");
    return Files.isReadable(p) ? p : null;
  }

  static Path defaultKnownHosts() {
    return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
  }

  static List<Path> defaultIdentities() {
    List<Path> l = new ArrayList<>();
    for (String n : Arrays.asList("id_ed25519", "id_ecdsa", "id_rsa")) {
      Path p = Path.of(System.getProperty("user.home"), ".ssh", n);
      if (Files.isReadable(p)) l.add(p);
    }
    return l;
  }
}
