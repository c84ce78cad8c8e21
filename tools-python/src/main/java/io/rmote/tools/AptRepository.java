package io.rmote.tools;

import io.rmote.annotations.PythonName;
import io.rmote.annotations.RemoteTool;
import java.util.List;
import java.util.Objects;

/**
 * The built-in {@code AptRepository} tool ({@code tools/apt_repository.py}), typed: {@code
 * remote.tool(AptRepository.class)} writes apt sources in the DEB822 format of {@code
 * sources.list(5)} ({@code /etc/apt/sources.list.d/<name>.sources}) and their signing keys ({@code
 * /etc/apt/keyrings}), as root. The generated {@code AptRepositoryAsync} has the same methods
 * returning {@code CompletableFuture}.
 *
 * <p>Every method writes atomically with {@code rmote.support.files} (a temporary file beside the
 * target, fsync, rename; mode 0644), reports {@link Result#changed()} only when a file's bytes,
 * mode or existence changed (so a second identical call reports no change), gives the unified diff
 * of what it wrote, has a {@code dryRun} form that computes the same {@link Result} and writes
 * nothing, and holds the remote's lock {@code "apt"} (shared with {@link Apt}, so no source changes
 * under a running apt-get).
 *
 * <p>A key's format is read from its bytes: an armored key ({@code -----BEGIN PGP PUBLIC KEY
 * BLOCK-----}) goes to a {@code .asc} file, a binary one (an OpenPGP public-key packet) to a {@code
 * .gpg} file. apt chooses how to read a key by its extension and ignores a key whose extension does
 * not match ("The key(s) in the keyring … are ignored as the file has an unsupported filetype":
 * Snapchat/KeyDB #172); a GnuPG keybox ({@code gpg --keyring x.gpg} writes one) is refused too.
 * {@code /etc/apt/keyrings} is created (0755) where it is missing: apt brings it from 2.4
 * (bookworm) on, bullseye has none.
 *
 * <p>Before writing a source, every source apt reads is scanned ({@code /etc/apt/sources.list},
 * {@code *.list} in the one-line format with its {@code [signed-by=…]} option, {@code *.sources}
 * stanzas not {@code Enabled: no}): when another source has one of its URIs (trailing {@code /}
 * ignored) with one of its suites and a different, non-empty {@code Signed-By}, the write is
 * refused with {@link io.rmote.python.ValueError} (the tool's {@code SourceConflict}: {@code
 * pythonType()} ends in {@code .SourceConflict}; attributes {@code other}, {@code uri}, {@code
 * suite}, {@code signed_by}, {@code other_signed_by}) naming the other file and line. apt itself
 * would then refuse to read any source: "E: Conflicting values set for option Signed-By regarding
 * source …" (Ansible #86243, a renamed source left beside the old one; REMnux/salt-states #329).
 * The same target with the same or no {@code Signed-By} elsewhere is only a warning in {@link
 * Result#warnings()}, as apt's own ("Target Packages … is configured multiple times").
 *
 * <p>How it differs from the Python library's {@code AptRepository}, whose method and parameter
 * names, defaults, file names and {@code .sources} text it keeps (a file the library wrote is
 * unchanged by ours): the library writes key bytes under whatever name it is given, so an armored
 * key in a {@code .gpg} file is silently ignored by apt; ours chooses or checks the extension. The
 * library always writes {@code Components}, which a flat repository (a suite ending in {@code /})
 * must not have; ours leaves it out there and requires it elsewhere. The library's {@code absent}
 * leaves the key behind; ours removes the key {@code present} wrote. The library does not look at
 * other sources, gives no diff and does not say whether the package lists are stale. Extras: the
 * {@code key}, {@code architectures} and {@code dry_run} keywords, {@link #present(Source)}, and
 * {@link Result#diff()}, {@link Result#needsUpdate()}, {@link Result#files()}, {@link
 * Result#warnings()}.
 *
 * @see Apt#update(double)
 */
@RemoteTool(source = "tools/apt_repository.py", requiresPython = "3.6")
public interface AptRepository {

  /**
   * What a call did, or in a dry run would do. The first two components are the Python library's
   * {@code Result}.
   *
   * @param name the name as given
   * @param changed whether a file was (would be) written or removed
   * @param diff the unified diff of every file written or removed, {@code ""} when none; a binary
   *     key shows as {@code Binary files … differ}
   * @param needsUpdate whether the package lists no longer match the sources: the source was
   *     written or removed, or no index of one of its URIs and suites is in {@code
   *     /var/lib/apt/lists} yet (its lists were never fetched). Run {@link Apt#update()} once after
   *     the calls that say so. Always false for {@link #key(String, byte[])}
   * @param files the paths written or removed, in that order
   * @param warnings what apt would warn about ({@code "… is also a source in …: apt warns that its
   *     targets are configured multiple times"}), or a file's metadata that was corrected
   */
  record Result(
      String name,
      boolean changed,
      String diff,
      boolean needsUpdate,
      List<String> files,
      List<String> warnings) {

    public Result {
      files = List.copyOf(files);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * One DEB822 source: Python {@code Source}, the fields of {@code present}.
   *
   * @param name the file name stem: {@code /etc/apt/sources.list.d/<name>.sources}; letters,
   *     digits, {@code _}, {@code -} and {@code .} only (apt skips other file names)
   * @param uris the {@code URIs:} ({@code https://deb.example.org/debian}, {@code file:/srv/repo})
   * @param suites the {@code Suites:}: a distribution ({@code bookworm}) or, for a flat repository,
   *     an exact path ending in {@code /} ({@code ./})
   * @param components the {@code Components:} ({@code main}); empty for a flat repository, and only
   *     then
   * @param types the {@code Types:}, {@code deb} and/or {@code deb-src}
   * @param signedBy the {@code Signed-By:}: a key file's path or fingerprints; {@code ""} for none
   *     (apt then trusts its global keyrings); set from {@link #key()} when that is given
   * @param key the signing key's bytes, armored or binary, or {@code null}: written to {@code
   *     /etc/apt/keyrings/<name>.asc} or {@code .gpg}, which becomes the {@code Signed-By}
   * @param architectures the {@code Architectures:}, empty for apt's default (all configured)
   */
  @SuppressWarnings("ArrayRecordComponent") // the key is copied in and out, as Exec.Command's stdin
  record Source(
      String name,
      List<String> uris,
      List<String> suites,
      List<String> components,
      List<String> types,
      String signedBy,
      byte[] key,
      List<String> architectures) {

    public Source {
      Objects.requireNonNull(name, "name");
      uris = List.copyOf(uris);
      suites = List.copyOf(suites);
      components = List.copyOf(components);
      types = List.copyOf(types);
      signedBy = signedBy == null ? "" : signedBy;
      key = key == null ? null : key.clone();
      architectures = List.copyOf(architectures);
    }

    /**
     * A {@code deb} source of one URI and one suite, unsigned: add {@link #withKey(byte[])} or
     * {@link #withSignedBy(String)}.
     */
    public static Source of(String name, String uri, String suite, String... components) {
      return new Source(
          name,
          List.of(uri),
          List.of(suite),
          List.of(components),
          List.of("deb"),
          "",
          null,
          List.of());
    }

    /** A copy whose key is {@code key} (armored or binary); {@link #signedBy()} is then set. */
    public Source withKey(byte[] key) {
      return new Source(name, uris, suites, components, types, "", key, architectures);
    }

    /** A copy with {@code Signed-By: signedBy} (a path or fingerprints) and no key. */
    public Source withSignedBy(String signedBy) {
      return new Source(name, uris, suites, components, types, signedBy, null, architectures);
    }

    /** A copy with these {@code Types:}. */
    public Source withTypes(String... types) {
      return new Source(
          name, uris, suites, components, List.of(types), signedBy, key, architectures);
    }

    /** A copy with these {@code Architectures:}. */
    public Source withArchitectures(String... architectures) {
      return new Source(
          name, uris, suites, components, types, signedBy, key, List.of(architectures));
    }

    @Override
    public byte[] key() {
      return key == null ? null : key.clone();
    }
  }

  /**
   * Writes a signing key to {@code /etc/apt/keyrings/<name>} (0644), unless it holds these bytes:
   * Python {@code AptRepository.key(name, data)}. A name without {@code .asc} or {@code .gpg} gets
   * the extension the bytes call for ({@code docker} → {@code docker.asc} for an armored key).
   *
   * @throws io.rmote.python.ValueError if the name's extension does not match the key's format, or
   *     the bytes are not an OpenPGP public key
   */
  Result key(String name, byte[] data);

  /** {@link #key(String, byte[])}, or with {@code dryRun} what it would do. */
  Result key(String name, byte[] data, boolean dryRun);

  /**
   * Writes {@code /etc/apt/sources.list.d/<name>.sources} for a {@code deb} source, unsigned:
   * Python {@code AptRepository.present(name, uris=…, suites=…, components=…)}.
   *
   * @throws io.rmote.python.ValueError if another source has one of these URIs and suites with a
   *     different {@code Signed-By}, a suite needs components it was not given (or a flat one was
   *     given some), or the name has characters apt skips
   */
  Result present(String name, List<String> uris, List<String> suites, List<String> components)
      throws SourceConflictException;

  /**
   * {@link #present(String, List, List, List)} with {@code Signed-By: signedBy}: Python {@code
   * present(name, uris=…, suites=…, components=…, signed_by=…)}.
   */
  Result present(
      String name, List<String> uris, List<String> suites, List<String> components, String signedBy)
      throws SourceConflictException;

  /**
   * Writes the source, and its key when it has one: Python {@code
   * AptRepository.present_source(source)}, an addition of ours.
   *
   * @throws io.rmote.python.ValueError as {@link #present(String, List, List, List)}, and if the
   *     key is not an OpenPGP public key or both a key and another {@code Signed-By} are given
   */
  @PythonName("present_source")
  Result present(Source source) throws SourceConflictException;

  /** {@link #present(Source)}, or with {@code dryRun} what it would do. */
  @PythonName("present_source")
  Result present(Source source, boolean dryRun) throws SourceConflictException;

  /**
   * Removes {@code /etc/apt/sources.list.d/<name>.sources} and the key {@code present} wrote for it
   * ({@code /etc/apt/keyrings/<name>.asc} or {@code .gpg}) unless another source names that key:
   * Python {@code AptRepository.absent(name)}. {@link Result#needsUpdate()} is true when the source
   * was removed: apt keeps its indexes until the next update.
   */
  Result absent(String name);

  /** {@link #absent(String)}, or with {@code dryRun} what it would do. */
  Result absent(String name, boolean dryRun);
}
