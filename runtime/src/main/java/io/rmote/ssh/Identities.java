package io.rmote.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SSHAgentConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Vector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys a hop authenticates with, as JSch takes them: the identity files (with their
 * certificates) first, then the ssh-agent's keys, as IdentitiesOnly allows.
 */
final class Identities {
  private static final Logger LOG = LoggerFactory.getLogger(SshLauncher.class);

  private Identities() {}

  /** What authentication offered, for the message when the server refuses it all: names only. */
  static final class Offered {
    final List<String> methods = new ArrayList<>();
    final List<String> missing = new ArrayList<>();

    String describe() {
      String s =
          methods.isEmpty()
              ? "nothing (no key file, agent or password)"
              : String.join(", ", methods);
      return missing.isEmpty()
          ? s
          : s + "; identity files named but not found: " + String.join(", ", missing);
    }
  }

  /** The hop's keys; what is offered is noted in {@code offered}. */
  static IdentityRepository repository(SshLauncher.Hop hop, Offered offered, String name) {
    List<Identity> keys = new ArrayList<>();
    for (SshIdentity id : hop.identities) {
      if (!Files.isReadable(id.file)) {
        if (!hop.options.identities.contains(id)) {
          // a default or config-file key that is not there: ssh(1) goes on too
          if (!SshFiles.defaultIdentities().contains(id.file))
            offered.missing.add(id.file.toString());
          continue;
        }
        throw new AuthenticationException("cannot read the identity file " + id.file, name, null);
      }
      JSch loader = new JSch();
      try {
        Path cert = certificateFor(id.file, hop.certificates);
        if (cert != null) {
          loader.addIdentity(
              id.file.toString(),
              cert.toString(),
              id.passphrase == null ? null : id.passphrase.clone());
        } else {
          loader.addIdentity(
              id.file.toString(), id.passphrase == null ? null : id.passphrase.clone());
        }
      } catch (JSchException e) {
        if (id.passphrase != null
            && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("passphrase")) {
          // JSch 2 refuses a wrong passphrase when the key is loaded
          throw new AuthenticationException(
              "cannot decrypt the identity file " + id.file + ": wrong passphrase", name, null);
        }
        throw new AuthenticationException(
            "cannot load the identity file " + id.file + ": " + e.getMessage(), name, e);
      }
      for (Identity k : loader.getIdentityRepository().getIdentities()) {
        if (k.isEncrypted()) {
          if (hop.options.identities.contains(id)) {
            throw new AuthenticationException(
                "cannot decrypt the identity file "
                    + id.file
                    + ": "
                    + (id.passphrase == null
                        ? "it is encrypted and no passphrase was given"
                        : "wrong passphrase"),
                name,
                null);
          }
          LOG.warn(
              "{}: skipping the encrypted identity file {} (no passphrase given)", name, id.file);
          continue;
        }
        keys.add(k);
        offered.methods.add("key " + id.file);
      }
    }
    IdentityRepository agent = null;
    Path sock = hop.agentSocket;
    if (sock != null && Files.exists(sock)) {
      try {
        agent = new AgentIdentityRepository(new SSHAgentConnector(sock));
        offered.methods.add(
            hop.identitiesOnly ? "ssh-agent keys matching the identity files" : "ssh-agent keys");
      } catch (Exception | LinkageError e) {
        LOG.debug("{}: no ssh-agent at {}: {}", name, sock, e.toString());
      }
    }
    return new Keys(keys, agent, hop.identitiesOnly);
  }

  /**
   * The CertificateFile that goes with a key: {@code KEY-cert.pub} beside it (as ssh(1) looks for
   * it), else a listed certificate named after the key, else the only one listed for the only key.
   */
  private static Path certificateFor(Path key, List<Path> certificates) {
    Path beside = key.resolveSibling(key.getFileName() + "-cert.pub");
    for (Path c : certificates)
      if (c.equals(beside) || c.getFileName().toString().startsWith(key.getFileName() + "-cert"))
        return c;
    if (Files.isReadable(beside)) return beside;
    return null;
  }

  /** Keys from files first, then the agent's; read-only. */
  private static final class Keys implements IdentityRepository {
    private final List<Identity> files;
    private final IdentityRepository agent;
    private final boolean onlyFiles;

    Keys(List<Identity> files, IdentityRepository agent, boolean onlyFiles) {
      this.files = files;
      this.agent = agent;
      this.onlyFiles = onlyFiles;
    }

    @Override
    public String getName() {
      return "rmote";
    }

    @Override
    public int getStatus() {
      return RUNNING;
    }

    @Override
    public Vector<Identity> getIdentities() {
      Vector<Identity> all = new Vector<>(files);
      if (agent != null) {
        try {
          for (Identity k : agent.getIdentities()) {
            // IdentitiesOnly: the agent may sign only for keys whose files are listed
            if (!onlyFiles
                || files.stream()
                    .anyMatch(f -> Arrays.equals(f.getPublicKeyBlob(), k.getPublicKeyBlob())))
              all.add(k);
          }
        } catch (RuntimeException e) {
          LOG.debug("ssh-agent: {}", e.toString());
        }
      }
      return all;
    }

    @Override
    public boolean add(byte[] identity) {
      return false;
    }

    @Override
    public boolean remove(byte[] blob) {
      return false;
    }

    @Override
    public void removeAll() {}
  }
}
