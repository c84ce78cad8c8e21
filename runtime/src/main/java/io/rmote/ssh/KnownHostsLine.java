package io.rmote.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.JSchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line of an OpenSSH known_hosts file (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): an optional
 * marker, host patterns or a hashed name, the key type and the key; plus the key arithmetic the
 * checks share (type inside a blob, SHA256 fingerprint, hashed-name match).
 */
final class KnownHostsLine {
  private static final Logger LOG = LoggerFactory.getLogger(KnownHostsLine.class);
  static final String CA = "@cert-authority";
  static final String REVOKED = "@revoked";

  final String marker;
  final String patterns;
  final String type;
  final byte[] key;
  final Path file;
  final int line;

  KnownHostsLine(String marker, String patterns, String type, byte[] key, Path file, int line) {
    this.marker = marker;
    this.patterns = patterns;
    this.type = type;
    this.key = key;
    this.file = file;
    this.line = line;
  }

  /** Whether the line names {@code host}: hashed, or a pattern list where a negation wins. */
  boolean names(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (patterns.startsWith("|1|")) return hashedMatch(patterns, h);
    boolean any = false;
    for (String p : patterns.split(",")) {
      if (p.isEmpty()) continue;
      boolean negated = p.startsWith("!");
      if (SshPatterns.glob(negated ? p.substring(1) : p, h, true)) {
        if (negated) return false;
        any = true;
      }
    }
    return any;
  }

  HostKey toHostKey(String hostField) {
    try {
      return new HostKey(marker, hostField, HostKey.GUESS, key, null);
    } catch (JSchException | RuntimeException e) {
      return null; // a key type JSch does not know (sk-*): it cannot be the server's key either
    }
  }

  /**
   * Every readable line of {@code files}, in order; malformed lines are skipped as ssh(1) skips
   * them.
   */
  static List<KnownHostsLine> load(List<Path> files) {
    List<KnownHostsLine> out = new ArrayList<>();
    for (Path f : files) {
      if (!Files.isReadable(f)) continue;
      List<String> lines;
      try {
        lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      } catch (IOException e) {
        LOG.warn("cannot read the known_hosts file {}: {}", f, e.toString());
        continue;
      }
      for (int n = 0; n < lines.size(); n++) {
        String[] w = lines.get(n).strip().split("\\s+");
        if (w.length == 0 || w[0].isEmpty() || w[0].startsWith("#")) continue;
        int i = 0;
        String marker = "";
        if (w[0].startsWith("@")) {
          marker = w[0].toLowerCase(Locale.ROOT);
          if (!marker.equals(CA) && !marker.equals(REVOKED)) continue;
          i = 1;
        }
        if (w.length < i + 3) continue;
        byte[] key;
        try {
          key = Base64.getDecoder().decode(w[i + 2]);
        } catch (IllegalArgumentException e) {
          continue;
        }
        out.add(new KnownHostsLine(marker, w[i], w[i + 1], key, f, n + 1));
      }
    }
    return out;
  }

  /**
   * The known_hosts name of a host: {@code name} on port 22, else {@code [name]:port}, as JSch asks
   * for it.
   */
  static String keyHost(String host, int port) {
    return port == 22 ? host : "[" + host + "]:" + port;
  }

  /** The key type named inside an SSH public key blob, such as {@code ssh-ed25519}. */
  static String keyType(byte[] blob) {
    if (blob.length < 4) return "?";
    int n =
        ((blob[0] & 0xff) << 24)
            | ((blob[1] & 0xff) << 16)
            | ((blob[2] & 0xff) << 8)
            | (blob[3] & 0xff);
    if (n < 0 || n > blob.length - 4) return "?";
    return new String(blob, 4, n, StandardCharsets.US_ASCII);
  }

  static String fingerprint(byte[] key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** OpenSSH's hashed names: {@code |1|base64(salt)|base64(HMAC-SHA1(salt, host))}. */
  static boolean hashedMatch(String field, String host) {
    String[] p = field.split("\\|");
    if (p.length != 4) return false;
    try {
      byte[] salt = Base64.getDecoder().decode(p[2]);
      byte[] hash = Base64.getDecoder().decode(p[3]);
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(salt, "HmacSHA1"));
      return MessageDigest.isEqual(hash, mac.doFinal(host.getBytes(StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }
}
