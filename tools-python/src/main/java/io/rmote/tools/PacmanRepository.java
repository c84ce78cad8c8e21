package io.rmote.tools;

import io.rmote.annotations.RemoteTool;
import java.util.List;

/**
 * The built-in {@code PacmanRepository} tool ({@code tools/pacman_repository.py}), typed: {@code
 * remote.tool(PacmanRepository.class)} manages repository sections of {@code pacman.conf(5)} and
 * the keys pacman trusts (run as root). The generated {@code PacmanRepositoryAsync} has the same
 * methods returning {@code CompletableFuture}.
 *
 * <p>A repository is a section {@code [name]} of pacman.conf with its {@code SigLevel}, its {@code
 * Server =} lines and an optional {@code Include =}. A section runs from its header to its last
 * line that is neither blank nor a comment: the comments after it (say {@code #[multilib]} and the
 * lines that introduce it) belong to what follows and are kept, where the Python library replaced
 * or deleted them. Repositories are searched in file order, so the position is a priority: {@link
 * Position#LAST} (the default, the library's place) after every other, so a third-party repository
 * does not override the distribution's packages; {@link Position#FIRST} before the first repository
 * section (after {@code [options]}, above the comment lines that introduce that section). A section
 * that exists is replaced where it is. The file is written atomically (a temporary file beside it,
 * fsync, rename, its mode and owner kept) under the remote's lock of its path, and every result
 * carries the unified diff. The new file is validated first with {@code pacman --config <new file>
 * -T}: a configuration pacman cannot read (an {@code Include} that does not exist, a bad line) is
 * never installed, and the {@link io.rmote.python.CalledProcessError} says why.
 *
 * <p>The signature level defaults to {@code Required DatabaseOptional}, pacman's own default:
 * packages must carry a signature by a trusted key. The Python library wrote {@code Optional
 * TrustAll}, which accepts unsigned packages; ours writes a weaker level only when asked and warns
 * ({@code Never}, {@code Optional} or {@code TrustAll} in it). {@code ""} writes no {@code
 * SigLevel} line, so {@code [options]}'s applies.
 *
 * <p>{@link #key} imports a key into pacman's keyring with {@code pacman-key --add} and signs it
 * locally with {@code pacman-key --lsign-key} (pacman-key(8)), which is what makes pacman trust the
 * packages it signed; the Python library only wrote the file (kept: {@code pacman.d/<name>} beside
 * the config). Idempotent by fingerprint: a key in the keyring with full validity is left alone.
 *
 * <p>Every method has a {@code dryRun} form that computes the same {@link Result}, diff included,
 * and changes nothing, and a {@code config} extra ({@code /etc/pacman.conf} by default; its {@code
 * DBPath} and {@code GPGDir} are read with {@code pacman -v}). Failures: {@link
 * io.rmote.python.CalledProcessError} from {@code pacman-key} or {@code gpg}, {@link
 * io.rmote.python.ValueError} for a name pacman would not accept or a key with no public key,
 * {@link io.rmote.python.FileNotFoundError} for a missing config. Debian's {@code
 * pacman-package-manager} needs Debian's {@code makepkg} for {@code pacman-key} to run.
 */
@RemoteTool(source = "tools/pacman_repository.py", requiresPython = "3.6")
public interface PacmanRepository {

  /** Where {@link #present} puts a section that does not exist yet. */
  enum Position {
    /** After every other section: the lowest priority (the default). */
    LAST,
    /** Before the first repository section: the highest priority. */
    FIRST
  }

  /**
   * What a call did, or in a dry run would do. The first two components are the library's {@code
   * Result}.
   *
   * @param name the repository, or for {@link #key} the key file's name
   * @param changed whether the file, the keyring or the key's trust changed
   * @param path the file written: pacman.conf, or the key file
   * @param diff the unified diff of that file, {@code ""} when it did not change
   * @param refreshNeeded for {@link #present}: the repository's sync database ({@code
   *     DBPath/sync/<name>.db}) is missing or the section changed, so a refresh is due ({@link
   *     Pacman#update()}, a full upgrade)
   * @param fingerprints for {@link #key}: the primary keys' fingerprints found in the data
   * @param warnings a weak signature level, a keyring that had to be initialised, …
   */
  record Result(
      String name,
      boolean changed,
      String path,
      String diff,
      boolean refreshNeeded,
      List<String> fingerprints,
      List<String> warnings) {

    public Result {
      fingerprints = List.copyOf(fingerprints);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Imports the key (armored or binary OpenPGP public keys) into pacman's keyring and signs it
   * locally: Python {@code key(name, data)}. {@code pacman-key --init} runs first if the keyring
   * has no master key yet (with a warning). Writes {@code data} to {@code pacman.d/<name>} beside
   * the config too, as the library did.
   *
   * @throws io.rmote.python.ValueError if {@code name} is not a file name or {@code data} has no
   *     public key
   */
  Result key(String name, byte[] data);

  /** {@link #key(String, byte[])}, or with {@code dryRun} what it would do; another config. */
  Result key(String name, byte[] data, Boolean dryRun, String config);

  /**
   * The section {@code [name]}, {@code SigLevel = Required DatabaseOptional} and one {@code Server
   * =} line per server, added {@link Position#LAST} or replaced where it is: Python {@code
   * present(name, servers=...)}.
   *
   * @throws io.rmote.python.ValueError for {@code options}, {@code local} or a name with blanks,
   *     brackets or a slash
   */
  Result present(String name, List<String> servers);

  /**
   * {@link #present(String, List)} with every keyword; {@code null}: the default.
   *
   * @param servers the {@code Server =} URLs; may be empty when {@code include} is given
   * @param sigLevel the {@code SigLevel} value; {@code ""} for no line
   * @param include a file for {@code Include =} (a mirror list), or {@code ""}
   * @param position where a new section goes
   * @param dryRun compute the result and write nothing
   * @param config the pacman.conf to edit
   */
  Result present(
      String name,
      List<String> servers,
      String sigLevel,
      String include,
      Position position,
      Boolean dryRun,
      String config);

  /**
   * Removes the section {@code [name]} and the blank line before it, if there is one: Python {@code
   * absent(name)}. No change when there is no such section.
   */
  Result absent(String name);

  /** {@link #absent(String)}, or with {@code dryRun} what it would do; another config. */
  Result absent(String name, Boolean dryRun, String config);

  /**
   * Deletes the key with this fingerprint from pacman's keyring ({@code pacman-key --delete}), its
   * local signature with it, so pacman no longer trusts what it signed: Python {@code
   * key_absent(fingerprint)}, an addition of ours (the library could not remove a key). No change
   * when the keyring does not have it (or does not exist). The key file {@link #key} wrote beside
   * the config stays (pacman never reads it).
   *
   * @param fingerprint the primary key's full fingerprint, 40 (or 64) hex digits, spaces allowed
   * @return {@link Result#name()} and {@link Result#fingerprints()} the fingerprint, upper case;
   *     {@link Result#path()} and {@link Result#diff()} empty
   * @throws io.rmote.python.ValueError if {@code fingerprint} is not a full fingerprint
   * @throws io.rmote.python.CalledProcessError if {@code pacman-key} fails
   */
  Result keyAbsent(String fingerprint);

  /** {@link #keyAbsent(String)}, or with {@code dryRun} what it would do; another config. */
  Result keyAbsent(String fingerprint, Boolean dryRun, String config);
}
