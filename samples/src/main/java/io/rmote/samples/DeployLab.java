package io.rmote.samples;

import io.rmote.Remote;
import io.rmote.samples.Deploy.Plan;
import io.rmote.samples.Deploy.Step;
import io.rmote.ssh.HostKeyPolicy;
import io.rmote.ssh.Ssh;
import io.rmote.tools.FileSystem;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@link Deploy} for real, on a throwaway host: builds and signs the example plan's apt repository
 * on this machine ({@link DeployRepository}: dpkg-deb, dpkg-scanpackages, gpg), copies it to the
 * host's {@code /srv/rmote-deploy-repo}, runs the plan (every step changes), then runs it again (no
 * step changes). The host is meant to be thrown away afterwards: the lab host of {@code
 * .ci/hosts.sh}, whose {@code down} discards every change.
 *
 * <p>{@code DeployLab IDENTITY user@host}: the private key to log in with ({@code
 * /var/cache/rmote-hosts/keys/id_ed25519} for the lab hosts); the host's key is accepted on first
 * use into a known_hosts file of the run's own, as for a host that was just made.
 */
public final class DeployLab {

  /**
   * Builds the repository, puts it on the host and runs the example plan twice.
   *
   * @param identity the private key that logs in to {@code destination}
   * @param destination {@code user@host}; the user must be root, or may use sudo without a password
   * @param out where each run's steps are printed
   * @return the steps of the first run, then of the second
   * @throws IOException if the repository cannot be built here (dpkg-dev or gpg missing)
   */
  public static List<List<Step>> run(Path identity, String destination, PrintStream out)
      throws IOException {
    Path tmp = Files.createTempDirectory("rmote-deploy-lab");
    try {
      DeployRepository repository = DeployRepository.build(tmp);
      Plan plan = Plan.example(repository.key(), Plan.example().authorizedKeys());
      Ssh ssh =
          Ssh.to(destination)
              .identity(identity)
              .knownHosts(tmp.resolve("known_hosts"))
              .hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW)
              .noConfig()
              .agent(false)
              .build();
      try (Remote remote = Remote.builder().ssh(ssh).connect()) {
        repository.copyTo(remote.tool(FileSystem.class));
        List<Step> first = Deploy.run(remote, plan, false, out);
        List<Step> second = Deploy.run(remote, plan, false, out);
        return List.of(first, second);
      }
    } finally {
      delete(tmp);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** {@code DeployLab IDENTITY user@host}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: DeployLab IDENTITY user@host");
      System.exit(2);
    }
    run(Path.of(args[0]), args[1], System.out);
  }

  private DeployLab() {}
}
