package io.rmote.ssh;


import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host keys checked against an OpenSSH known_hosts file (hashed names, {@code [host]:port} and
 * patterns as JSch's parser reads them), with the policy of {@link Ssh.HostKeyPolicy}:
 * ACCEPT_NEW appends an unknown host's key to the file, under a lock, but never replaces a key
 * and never adds a key of another type for a host the file already knows.
 */
final class KnownHostsRepository implements HostKeyRepository {
  private static final Logger LOG = LoggerFactory.getLogger(KnownHostsRepository.class);
  private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final Ssh.HostKeyPolicy policy;
  private final HostKeyRepository known;

  private volatile String lastHost;
  private volatile byte[] lastKey;
  private volatile int lastResult = OK;
  private volatile boolean otherTypeKnown;
  private volatile boolean refused;

  KnownHostsRepository(Path file, Ssh.HostKeyPolicy policy) throws JSchException {
    this.file = file.toAbsolutePath();
    this.policy = policy;
    this.known = load(this.file);
  }

  private static HostKeyRepository load(Path file) throws JSchException {
    JSch j = new JSch();
    if (Files.isReadable(file)) j.setKnownHosts(file.toString());
    return j.getHostKeyRepository();
  }

  /** The known_hosts name of a host: {@code name} on port 22, else {@code [name]:port}, as JSch asks for it. */
  static String keyHost(String host, int port) {
    return port == 22 ? host : "[" + host + "]:" + port;
  }

  /** The key types known_hosts holds for {@code keyHost}, for ordering the server's host key algorithms. */
  Set<String> knownTypes(String keyHost) {
    Set<String> types = new LinkedHashSet<>();
    for (HostKey k : known.getHostKey(keyHost, null)) types.add(k.getType());
    return types;
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
    int r = known.check(host, key);
    lastHost = host;
    lastKey = key.clone();
    otherTypeKnown = false;
    if (r == NOT_INCLUDED && !knownTypes(host).isEmpty()) otherTypeKnown = true;
    lastResult = r;
    if (r == OK) return OK;
    // A changed key, or a key of another type for a host on record, fails under every policy.
    if (r == NOT_INCLUDED && !otherTypeKnown && policy == Ssh.HostKeyPolicy.INSECURE_ACCEPT_UNKNOWN) {
      LOG.warn("{}: unknown host key {} accepted WITHOUT CHECKING (HostKeyPolicy.INSECURE_ACCEPT_UNKNOWN)", host,
          fingerprint(key));
      return OK;
    }
    if (r == NOT_INCLUDED && policy == Ssh.HostKeyPolicy.ACCEPT_NEW && !otherTypeKnown) {
      try {
        r = record(host, key);
      } catch (IOException | JSchException e) {
        LOG.warn("{}: cannot record the host key in {}: {}", host, file, e.toString());
        r = NOT_INCLUDED;
      }
      lastResult = r;
    }
    return r;
  }

  @SuppressWarnings("try") // the file lock is held for the try block's scope, never read
  private int record(String host, byte[] key) throws IOException, JSchException {
    synchronized (LOCKS.computeIfAbsent(file, f -> new Object())) {
      Path dir = file.getParent();
      if (dir != null && !Files.isDirectory(dir)) Files.createDirectories(dir);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND); FileLock lock = ch.lock()) {
        // Another connection or process may have recorded a key for the host meanwhile.
        HostKeyRepository fresh = load(file);
        int now = fresh.check(host, key);
        if (now != NOT_INCLUDED) return now;
        if (fresh.getHostKey(host, null).length > 0) {
          otherTypeKnown = true;
          return NOT_INCLUDED;
        }
        HostKey hk = new HostKey(host, key);
        String line = hk.getHost() + " " + hk.getType() + " " + hk.getKey() + "\n";
        ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
        if (ch.size() > 0 && !endsWithNewline(file)) ch.write(ByteBuffer.wrap(new byte[] {'\n'}));
        while (b.hasRemaining()) ch.write(b);
        LOG.info("{}: recorded new host key {} {} in {}", host, hk.getType(), fingerprint(key), file);
        known.add(hk, null);
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
    String host = lastHost;
    byte[] key = lastKey;
    String type = "?";
    try {
      if (key != null) type = new HostKey(host, key).getType();
    } catch (JSchException e) {
      // keep "?"
    }
    String fp = key != null ? fingerprint(key) : "?";
    boolean changed = lastResult == CHANGED;
    String detail;
    if (changed || otherTypeKnown) {
      detail = "the host key of " + host + " has CHANGED: the server sent " + type + " " + fp + ", but " + file
          + " holds " + (changed ? "another key" : "a key of another type") + " for it. Someone may be"
          + " impersonating the host; the key is never replaced automatically: if the change is expected,"
          + " remove the old key (ssh-keygen -R '" + host + "' -f " + file + ")";
    } else {
      detail = "unknown host key for " + host + ": " + type + " " + fp + " is not in " + file
          + " (add it there, or connect with HostKeyPolicy.ACCEPT_NEW to record new hosts' keys)";
    }
    return new HostKeyException(detail, connection, host, type, fp, changed || otherTypeKnown, file, cause);
  }

  static String fingerprint(byte[] key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
    return file.toString();
  }

  @Override
  public HostKey[] getHostKey() {
    return known.getHostKey();
  }

  @Override
  public HostKey[] getHostKey(String host, String type) {
    return known.getHostKey(host, type);
  }
}
