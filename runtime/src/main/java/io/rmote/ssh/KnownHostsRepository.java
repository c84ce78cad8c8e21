package io.rmote.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host keys checked against OpenSSH known_hosts files as ssh(1) reads them: several files (the
 * user's, then the global ones), host patterns with {@code *}, {@code ?} and {@code !}, hashed
 * names, {@code [host]:port}, {@code @cert-authority} and {@code @revoked} lines. The policy is
 * {@link HostKeyPolicy}'s: ACCEPT_NEW appends an unknown host's key to the first user file, under a
 * lock, but never replaces a key and never adds a key of another type for a host the files already
 * know. A revoked key is refused under every policy, whatever host its line names.
 *
 * <p>Host certificates are checked by JSch, which asks {@link #getHostKey()} for the CA and revoked
 * lines: the CA lines returned are those whose patterns match this connection's name.
 */
final class KnownHostsRepository implements HostKeyRepository {
  private static final Logger LOG = LoggerFactory.getLogger(KnownHostsRepository.class);
  private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

  private final List<Path> userFiles;
  private final List<Path> files;
  private final String lookupName;
  private final HostKeyPolicy policy;
  private volatile List<KnownHostsLine> entries;

  private volatile String lastHost;
  private volatile byte[] lastKey;
  private volatile int lastResult = OK;
  private volatile boolean otherTypeKnown;
  private volatile KnownHostsLine revokedBy;
  private volatile boolean refused;

  /**
   * @param userFiles the user's files (UserKnownHostsFile); new keys go to the first
   * @param globalFiles read only (GlobalKnownHostsFile)
   * @param lookupName the name this connection is known by: HostKeyAlias, or {@code [host]:port}
   */
  KnownHostsRepository(
      List<Path> userFiles, List<Path> globalFiles, String lookupName, HostKeyPolicy policy) {
    this.userFiles = userFiles.stream().map(Path::toAbsolutePath).toList();
    List<Path> all = new ArrayList<>(this.userFiles);
    for (Path g : globalFiles) all.add(g.toAbsolutePath());
    this.files = List.copyOf(all);
    this.lookupName = lookupName;
    this.policy = policy;
    this.entries = KnownHostsLine.load(files);
  }

  /**
   * The key types the files hold for {@code keyHost} (plain lines), for ordering the server's host
   * key algorithms.
   */
  Set<String> knownTypes(String keyHost) {
    Set<String> types = new LinkedHashSet<>();
    for (KnownHostsLine e : entries) if (e.marker.isEmpty() && e.names(keyHost)) types.add(e.type);
    return types;
  }

  /** Whether a CA line names {@code keyHost}, so that host certificates are worth asking for. */
  boolean hasAuthority(String keyHost) {
    for (KnownHostsLine e : entries)
      if (e.marker.equals(KnownHostsLine.CA) && e.names(keyHost)) return true;
    return false;
  }

  /** Whether the last key checked was refused (and the connection failed for that). */
  boolean refused() {
    return refused;
  }

  @Override
  public int check(String host, byte[] key) {
    int r = verdict(host, key);
    refused = r != OK;
    return r;
  }

  private int verdict(String host, byte[] key) {
    lastHost = host;
    lastKey = key.clone();
    otherTypeKnown = false;
    revokedBy = null;
    int r = lookup(entries, host, key);
    lastResult = r;
    if (revokedBy != null) return CHANGED; // refused whatever the policy
    if (r == OK) return OK;
    // A changed key, or a key of another type for a host on record, fails under every policy.
    if (r == NOT_INCLUDED && !otherTypeKnown && policy == HostKeyPolicy.INSECURE_ACCEPT_UNKNOWN) {
      LOG.warn(
          "{}: unknown host key {} accepted WITHOUT CHECKING (HostKeyPolicy.INSECURE_ACCEPT_UNKNOWN)",
          host,
          KnownHostsLine.fingerprint(key));
      return OK;
    }
    if (r == NOT_INCLUDED && policy == HostKeyPolicy.ACCEPT_NEW && !otherTypeKnown) {
      try {
        r = record(host, key);
      } catch (IOException e) {
        LOG.warn(
            "{}: cannot record the host key in {}: {}",
            host,
            userFiles.isEmpty() ? "(no file)" : userFiles.get(0),
            e.toString());
        r = NOT_INCLUDED;
      }
      lastResult = r;
    }
    return r;
  }

  /**
   * OK, CHANGED or NOT_INCLUDED for {@code key} of {@code host}; sets {@link #revokedBy} and {@link
   * #otherTypeKnown}.
   */
  private int lookup(List<KnownHostsLine> all, String host, byte[] key) {
    String type = KnownHostsLine.keyType(key);
    for (KnownHostsLine e : all) {
      if (e.marker.equals(KnownHostsLine.REVOKED) && Arrays.equals(e.key, key)) {
        revokedBy = e;
        return CHANGED;
      }
    }
    boolean sameTypeOther = false;
    boolean anyOther = false;
    for (KnownHostsLine e : all) {
      if (!e.marker.isEmpty() || !e.names(host)) continue;
      if (Arrays.equals(e.key, key)) return OK;
      if (e.type.equals(type)) sameTypeOther = true;
      else anyOther = true;
    }
    if (sameTypeOther) return CHANGED;
    if (anyOther) otherTypeKnown = true;
    return NOT_INCLUDED;
  }

  @SuppressWarnings("try") // the file lock is held for the try block's scope, never read
  private int record(String host, byte[] key) throws IOException {
    if (userFiles.isEmpty()) throw new IOException("no UserKnownHostsFile to record it in");
    Path file = userFiles.get(0);
    synchronized (LOCKS.computeIfAbsent(file, f -> new Object())) {
      Path dir = file.getParent();
      if (dir != null && !Files.isDirectory(dir)) Files.createDirectories(dir);
      try (FileChannel ch =
              FileChannel.open(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.APPEND);
          FileLock lock = ch.lock()) {
        // Another connection or process may have recorded a key for the host meanwhile.
        List<KnownHostsLine> fresh = KnownHostsLine.load(files);
        int now = lookup(fresh, host, key);
        entries = fresh;
        if (revokedBy != null) return CHANGED;
        if (now != NOT_INCLUDED) return now;
        if (otherTypeKnown) return NOT_INCLUDED;
        String type = KnownHostsLine.keyType(key);
        String line = host + " " + type + " " + Base64.getEncoder().encodeToString(key) + "\n";
        ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
        if (ch.size() > 0 && !endsWithNewline(file)) ch.write(ByteBuffer.wrap(new byte[] {'\n'}));
        while (b.hasRemaining()) ch.write(b);
        LOG.info(
            "{}: recorded new host key {} {} in {}",
            host,
            type,
            KnownHostsLine.fingerprint(key),
            file);
        List<KnownHostsLine> more = new ArrayList<>(fresh);
        more.add(new KnownHostsLine("", host, type, key, file, -1));
        entries = more;
        return OK;
      }
    }
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    return all.length == 0 || all[all.length - 1] == '\n';
  }

  /** The exception for the last refused key. */
  HostKeyException refusal(String connection, Throwable cause) {
    String host = lastHost != null ? lastHost : lookupName;
    byte[] key = lastKey;
    String type = key != null ? KnownHostsLine.keyType(key) : "?";
    String fp = key != null ? KnownHostsLine.fingerprint(key) : "?";
    Path file = userFiles.isEmpty() ? (files.isEmpty() ? null : files.get(0)) : userFiles.get(0);
    KnownHostsLine revoked = revokedBy;
    String where = files.size() == 1 ? String.valueOf(files.get(0)) : files.toString();
    if (revoked != null || cause instanceof com.jcraft.jsch.JSchRevokedHostKeyException) {
      String detail =
          "KnownHostsLine.REVOKED HOST KEY DETECTED for "
              + host
              + ": the server sent "
              + type
              + " "
              + fp
              + (revoked != null
                  ? ", which " + revoked.file + " line " + revoked.line + " marks @revoked"
                  : ": " + cause.getMessage())
              + ". Someone may be impersonating the host with a stolen key; a revoked key is refused under every policy";
      return new HostKeyException(
          detail,
          connection,
          host,
          type,
          fp,
          true,
          revoked != null ? revoked.file : file,
          cause,
          true);
    }
    boolean changed = lastResult == CHANGED;
    String detail;
    if (changed || otherTypeKnown) {
      detail =
          "the host key of "
              + host
              + " has CHANGED: the server sent "
              + type
              + " "
              + fp
              + ", but "
              + where
              + " holds "
              + (changed ? "another key" : "a key of another type")
              + " for it. Someone may be"
              + " impersonating the host; the key is never replaced automatically: if the change is expected,"
              + " remove the old key (ssh-keygen -R '"
              + host
              + "' -f "
              + file
              + ")";
    } else {
      detail =
          "unknown host key for "
              + host
              + ": "
              + type
              + " "
              + fp
              + " is not in "
              + where
              + (hasAuthority(host)
                  ? " (a @cert-authority line names the host, but the server showed no certificate it signed)"
                  : "")
              + " (add it there, or connect with HostKeyPolicy.ACCEPT_NEW to record new hosts' keys)";
    }
    return new HostKeyException(
        detail, connection, host, type, fp, changed || otherTypeKnown, file, cause);
  }

  @Override
  public void add(HostKey hostkey, UserInfo ui) {
    // JSch adds keys only under StrictHostKeyChecking no/ask, which rmote never sets.
  }

  @Override
  public void remove(String host, String type) {
    throw new UnsupportedOperationException("rmote never removes host keys");
  }

  @Override
  public void remove(String host, String type, byte[] key) {
    throw new UnsupportedOperationException("rmote never removes host keys");
  }

  @Override
  public String getKnownHostsRepositoryID() {
    return files.toString();
  }

  /**
   * For JSch's host certificate check: the revoked lines (all of them) and the CA lines that name
   * this connection, the latter with {@code *} as their host since the match is already made here.
   */
  @Override
  public HostKey[] getHostKey() {
    List<HostKey> out = new ArrayList<>();
    for (KnownHostsLine e : entries) {
      HostKey k = null;
      if (e.marker.equals(KnownHostsLine.REVOKED)) k = e.toHostKey("*");
      else if (e.marker.equals(KnownHostsLine.CA) && e.names(lookupName)) k = e.toHostKey("*");
      else if (e.marker.isEmpty()) k = e.toHostKey(e.patterns);
      if (k != null) out.add(k);
    }
    return out.toArray(new HostKey[0]);
  }

  @Override
  public HostKey[] getHostKey(String host, String type) {
    List<HostKey> out = new ArrayList<>();
    for (KnownHostsLine e : entries) {
      if (!e.marker.isEmpty() || !e.names(host) || (type != null && !e.type.equals(type))) continue;
      HostKey k = e.toHostKey(host);
      if (k != null) out.add(k);
    }
    return out.toArray(new HostKey[0]);
  }
}
