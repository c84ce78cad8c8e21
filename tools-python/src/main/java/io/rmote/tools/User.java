package io.rmote.tools;

import io.rmote.annotations.PythonName;
import io.rmote.annotations.RemoteTool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The built-in {@code User} tool ({@code tools/user.py}), typed: {@code remote.tool(User.class)}
 * manages local users and groups, a user's {@code ~/.ssh/authorized_keys} and sudoers drop-ins on
 * the remote host (run as root). The generated {@code UserAsync} has the same methods returning
 * {@code CompletableFuture}.
 *
 * <p>State is read from {@code /etc/passwd}, {@code /etc/shadow} and {@code /etc/group}, the files
 * that {@code useradd(8)}, {@code usermod(8)}, {@code userdel(8)}, {@code groupadd(8)} and {@code
 * groupmod(8)} edit. A user known only through NSS ({@code getpwnam} finds it, {@code /etc/passwd}
 * does not: LDAP, SSSD) is not local: {@code present} and {@code removeUser} warn and leave it
 * alone, never running {@code useradd}, {@code usermod} or {@code userdel}. Every mutating method:
 *
 * <ul>
 *   <li>reads the state before, runs the command only for what differs, reads the state again, and
 *       reports {@code changed} only when the state after differs from the state before, so a
 *       second identical call reports no change;
 *   <li>has a {@code dryRun} form that computes the same result from the real state and changes
 *       nothing (its {@code after} is the prediction: a uid or gid that {@code useradd} would
 *       choose is -1);
 *   <li>holds the remote's user-database lock (users and groups) or the file's lock (keys,
 *       sudoers), so calls in flight on one connection never interleave a read and a write;
 *   <li>throws {@link io.rmote.python.CalledProcessError} (status, command, the tool's standard
 *       error) when the command fails; when {@code usermod} or {@code userdel} refuses because the
 *       user runs processes (exit status 8, "currently used by process N"), the exception's {@link
 *       io.rmote.python.PythonException#pythonType()} ends in {@code UserBusy} and its message
 *       names the process.
 * </ul>
 *
 * <p>How it differs from the Python library's {@code User}, whose methods, parameters, defaults and
 * {@code Result}/{@code GroupResult} it keeps: the library reports {@code present} changed on every
 * run when a comment or groups are given (it always runs {@code usermod}), rewrites an existing
 * user's shell to its default {@code /bin/bash} when no shell is given, and never reconciles uid or
 * gid; ours compares field by field, applies the defaults {@code shell="/bin/bash"} and {@code
 * comment=""} to a new user only, and reconciles uid, primary group and group gid. Its {@code
 * authorized_key} matches the whole line (the same key with another comment is appended again),
 * writes through symbolic links as root and sets the mode after writing; ours matches by key type
 * and blob, writes atomically with mode 0600 from the start and refuses a symbolic link a user
 * planted. Its {@code sudoer} writes without validation, and a name with a dot gives a file sudo
 * skips; ours validates with {@code visudo -cf} before installing and escapes the name. Additions:
 * {@code dry_run} everywhere, the typed twins ({@code ensure_user}, {@code remove_user}, {@code
 * remove_group}, {@code authorized_keys}, {@code sudoers}) and the reads ({@code account}, {@code
 * group_info}); and, with Ansible's names, a password hash ({@code password}, {@code
 * update_password}: {@link PasswordHash}, set through {@code chpasswd --encrypted} on stdin, never
 * on a command line, and shown in results only as a fingerprint), lock ({@code password_lock}),
 * expiry ({@code expires}: {@link Expiry}) and {@code non_unique} uids. Renaming a user is not
 * offered.
 */
@RemoteTool(source = "tools/user.py", requiresPython = "3.6")
public interface User {

  /** How {@link UserSpec#groups()} applies; there is no default, since either one bites. */
  enum GroupsMode {
    /**
     * Joins the groups and leaves the user's other memberships ({@code usermod --append --groups}).
     */
    ADD,
    /**
     * Makes them the user's only supplementary groups ({@code usermod --groups}): the user leaves
     * the others, {@code sudo} included (Ansible #7681, #76096: people lock themselves out).
     */
    EXACT
  }

  /** When a {@link PasswordHash} given applies: Ansible's {@code update_password}. */
  enum UpdatePassword {
    /** Whenever {@code /etc/shadow}'s hash differs from the one given. */
    ALWAYS,
    /** Only to a user being made; an existing user keeps its password. */
    ON_CREATE
  }

  /**
   * A crypt(3) password hash, such as {@code mkpasswd -m yescrypt} or {@code openssl passwd -6}
   * print: {@code $id$[params$]salt$hash}. Never a plaintext: the constructor refuses anything that
   * is not in crypt's modular format with a hash part of 22 characters or more ({@code $1$} MD5,
   * {@code $2a$}/{@code $2b$}/{@code $2y$} bcrypt, {@code $5$} SHA-256, {@code $6$} SHA-512, {@code
   * $y$} yescrypt, {@code $gy$}, {@code $7$} scrypt, {@code $sha1$}); the old 13-character DES form
   * is refused too, since it cannot be told from a plaintext. {@link #toString()} shows the {@link
   * #fingerprint()}, never the hash, and no message of this tool holds it.
   *
   * @param hash the hash, as {@code /etc/shadow} holds it (without a lock's {@code !})
   */
  record PasswordHash(String hash) {
    private static final Pattern CRYPT =
        Pattern.compile("\\$(1|2[abxy]|5|6|7|y|gy|sha1)\\$([^$:\\s]*\\$)*[./0-9A-Za-z]{22,}");

    /**
     * @throws IllegalArgumentException if {@code hash} is not a crypt(3) hash (the message does not
     *     repeat it: it may be a plaintext given by mistake)
     */
    public PasswordHash {
      Objects.requireNonNull(hash, "hash");
      if (!CRYPT.matcher(hash).matches()) {
        throw new IllegalArgumentException(
            "not a crypt(3) hash ($id$salt$hash, as mkpasswd or openssl passwd -6 print): give the"
                + " hash, never the plaintext");
      }
    }

    /** The hash, checked as the constructor does. */
    public static PasswordHash of(String hash) {
      return new PasswordHash(hash);
    }

    /**
     * {@code "sha256:"} and the first 16 hex digits of the SHA-256 of the hash's UTF-8 text: what
     * {@link Account#password()} shows for it.
     */
    public String fingerprint() {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256").digest(hash.getBytes(StandardCharsets.UTF_8));
        return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java has SHA-256", e);
      }
    }

    @Override
    public String toString() {
      return "PasswordHash[" + fingerprint() + "]";
    }
  }

  /**
   * When an account expires: the expire date of shadow(5), as {@code chage -E} and {@code usermod
   * --expiredate} set it (a day count since 1970-01-01, so a date without a time or zone).
   *
   * @param day the first day the account cannot be used, or null: never
   */
  record Expiry(LocalDate day) {
    /** The account never expires (an empty expire field). */
    public static final Expiry NEVER = new Expiry(null);

    /** The account expires on {@code day}. */
    public static Expiry on(LocalDate day) {
      return new Expiry(Objects.requireNonNull(day, "day"));
    }
  }

  /**
   * A user as {@code /etc/passwd}, {@code /etc/shadow} and {@code /etc/group} say.
   *
   * @param exists whether {@code /etc/passwd} has the user; when false the other fields are empty,
   *     uid and gid -1, the password locked and no expiry. A user that only the name service knows
   *     (LDAP, SSSD) does not exist here: the tool leaves it alone, with a warning
   * @param name the login name
   * @param uid the user id
   * @param gid the primary group's id
   * @param group the primary group's name (its number when {@code /etc/group} lacks it)
   * @param groups the supplementary groups that list the user in {@code /etc/group}, sorted
   * @param home the home folder, as {@code /etc/passwd} says (not assumed {@code /home/<name>})
   * @param shell the login shell
   * @param comment the GECOS field
   * @param password a fingerprint of the password hash, never the hash: {@code "sha256:"} and 16
   *     hex digits ({@link PasswordHash#fingerprint()}); {@code ""} when there is none (an empty,
   *     {@code *} or {@code !} field) or {@code /etc/shadow} cannot be read (not root)
   * @param passwordLocked whether the shadow password field starts with {@code !} ({@code usermod
   *     -L}); true for a missing user
   * @param expires when the account expires ({@link Expiry#NEVER} if it does not)
   */
  record Account(
      boolean exists,
      String name,
      long uid,
      long gid,
      String group,
      List<String> groups,
      String home,
      String shell,
      String comment,
      String password,
      boolean passwordLocked,
      Expiry expires) {

    public Account {
      groups = List.copyOf(groups);
    }
  }

  /**
   * A group as {@code /etc/group} says.
   *
   * @param exists whether {@code /etc/group} has it; when false gid is -1
   * @param name the group's name
   * @param gid the group id
   * @param members the users {@code /etc/group} lists (not those whose primary group it is)
   */
  record Group(boolean exists, String name, long gid, List<String> members) {

    public Group {
      members = List.copyOf(members);
    }
  }

  /**
   * What {@link #present(UserSpec)} brings a user to. A {@code null} component is not managed: an
   * existing user keeps its value, a new user gets {@code useradd}'s default (or the library's:
   * shell {@code /bin/bash}, no comment, a home under {@code HOME} of {@code
   * /etc/default/useradd}). Start with {@link #of(String)} and the {@code with} methods.
   *
   * @param name the login name
   * @param uid the user id ({@code useradd --uid}, {@code usermod --uid}), or null
   * @param group the primary group, a name or a number ({@code --gid}), or null; for a new user,
   *     null means {@code useradd}'s own (a new group named like the user, or the group of that
   *     name when it exists: {@code useradd} refuses "group exists", pyinfra #835)
   * @param comment the GECOS field ({@code --comment}), or null
   * @param home the home folder ({@code --home-dir}; an existing user's is moved with {@code
   *     usermod --home --move-home}), or null
   * @param shell the login shell ({@code --shell}), or null (a new user gets {@code /bin/bash})
   * @param groups supplementary groups, or null for none managed
   * @param groupsMode how {@code groups} applies; required when {@code groups} is given
   * @param system whether a new user is a system user ({@code useradd --system}: a uid below {@code
   *     UID_MIN}, no home unless {@code createHome}); an existing user is left as it is
   * @param createHome whether {@code useradd} makes the home folder from {@code /etc/skel}; null:
   *     yes unless {@code system}. Only a new user's home is made.
   * @param password the password hash, or null to leave the password as it is (a new user's is then
   *     {@code useradd}'s locked {@code !}). Set with {@code chpasswd --encrypted} on its standard
   *     input, never on a command line, when {@code /etc/shadow}'s hash differs
   * @param updatePassword when {@code password} applies; null: {@link UpdatePassword#ALWAYS}
   * @param passwordLock true: locked ({@code usermod --lock}, a {@code !} before the hash); false:
   *     unlocked ({@code usermod --unlock}); null: as it is (a new hash keeps the lock state)
   * @param expires when the account expires ({@code useradd}/{@code usermod --expiredate}), or null
   *     to leave it
   * @param nonUnique whether {@code uid} may be another user's too ({@code --non-unique}); without
   *     it a duplicate uid is refused by {@code useradd}/{@code usermod}
   */
  record UserSpec(
      String name,
      Long uid,
      String group,
      String comment,
      String home,
      String shell,
      List<String> groups,
      GroupsMode groupsMode,
      boolean system,
      Boolean createHome,
      PasswordHash password,
      UpdatePassword updatePassword,
      Boolean passwordLock,
      Expiry expires,
      boolean nonUnique) {

    public UserSpec {
      Objects.requireNonNull(name, "name");
      groups = groups == null ? null : List.copyOf(groups);
      if (groups != null && groupsMode == null)
        throw new IllegalArgumentException("groups given without a GroupsMode (ADD or EXACT)");
    }

    /** The spec without the password, expiry and uid options, all left as they are. */
    public UserSpec(
        String name,
        Long uid,
        String group,
        String comment,
        String home,
        String shell,
        List<String> groups,
        GroupsMode groupsMode,
        boolean system,
        Boolean createHome) {
      this(
          name,
          uid,
          group,
          comment,
          home,
          shell,
          groups,
          groupsMode,
          system,
          createHome,
          null,
          null,
          null,
          null,
          false);
    }

    /** A user of that name with nothing else managed. */
    public static UserSpec of(String name) {
      return new UserSpec(name, null, null, null, null, null, null, null, false, null);
    }

    /** This spec with {@link #password()}, applied {@link UpdatePassword#ALWAYS}. */
    public UserSpec withPassword(PasswordHash password) {
      return withPassword(password, UpdatePassword.ALWAYS);
    }

    /** This spec with {@link #password()} applied as {@code when} says. */
    public UserSpec withPassword(PasswordHash password, UpdatePassword when) {
      return new UserSpec(
          name,
          uid,
          group,
          comment,
          home,
          shell,
          groups,
          groupsMode,
          system,
          createHome,
          Objects.requireNonNull(password, "password"),
          Objects.requireNonNull(when, "when"),
          passwordLock,
          expires,
          nonUnique);
    }

    /** This spec with {@link #passwordLock()}. */
    public UserSpec withPasswordLock(boolean locked) {
      return new UserSpec(
          name,
          uid,
          group,
          comment,
          home,
          shell,
          groups,
          groupsMode,
          system,
          createHome,
          password,
          updatePassword,
          locked,
          expires,
          nonUnique);
    }

    /** This spec with {@link #expires()}: {@link Expiry#on} a day, or {@link Expiry#NEVER}. */
    public UserSpec withExpires(Expiry expires) {
      return new UserSpec(
          name,
          uid,
          group,
          comment,
          home,
          shell,
          groups,
          groupsMode,
          system,
          createHome,
          password,
          updatePassword,
          passwordLock,
          Objects.requireNonNull(expires, "expires"),
          nonUnique);
    }

    /** This spec with {@link #uid()}, which may be another user's ({@link #nonUnique()}). */
    public UserSpec withNonUniqueUid(long uid) {
      return new UserSpec(
          name,
          uid,
          group,
          comment,
          home,
          shell,
          groups,
          groupsMode,
          system,
          createHome,
          password,
          updatePassword,
          passwordLock,
          expires,
          true);
    }

    /** This spec with {@link #uid()}. */
    public UserSpec withUid(long uid) {
      return new UserSpec(
          name,
          uid,
          group,
          comment,
          home,
          shell,
          groups,
          groupsMode,
          system,
          createHome,
          password,
          updatePassword,
          passwordLock,
          expires,
          nonUnique);
    }

    /** This spec with {@link #group()}, a name or a number. */
    public UserSpec withGroup(String group) {
      return new UserSpec(
          name,
          uid,
          group,
          comment,
          home,
          shell,
          groups,
          groupsMode,
          system,
          createHome,
          password,
          updatePassword,
          passwordLock,
          expires,
          nonUnique);
    }

    /** This spec with {@link #comment()}. */
    public UserSpec withComment(String comment) {
      return new UserSpec(
          name,
          uid,
          group,
          comment,
          home,
          shell,
          groups,
          groupsMode,
          system,
          createHome,
          password,
          updatePassword,
          passwordLock,
          expires,
          nonUnique);
    }

    /** This spec with {@link #home()}. */
    public UserSpec withHome(String home) {
      return new UserSpec(
          name,
          uid,
          group,
          comment,
          home,
          shell,
          groups,
          groupsMode,
          system,
          createHome,
          password,
          updatePassword,
          passwordLock,
          expires,
          nonUnique);
    }

    /** This spec with {@link #shell()}. */
    public UserSpec withShell(String shell) {
      return new UserSpec(
          name,
          uid,
          group,
          comment,
          home,
          shell,
          groups,
          groupsMode,
          system,
          createHome,
          password,
          updatePassword,
          passwordLock,
          expires,
          nonUnique);
    }

    /** This spec with supplementary {@code groups} applied as {@code mode} says. */
    public UserSpec withGroups(GroupsMode mode, List<String> groups) {
      return new UserSpec(
          name,
          uid,
          group,
          comment,
          home,
          shell,
          Objects.requireNonNull(groups, "groups"),
          Objects.requireNonNull(mode, "mode"),
          system,
          createHome,
          password,
          updatePassword,
          passwordLock,
          expires,
          nonUnique);
    }

    /** This spec as a system user (for a new user). */
    public UserSpec withSystem(boolean system) {
      return new UserSpec(
          name,
          uid,
          group,
          comment,
          home,
          shell,
          groups,
          groupsMode,
          system,
          createHome,
          password,
          updatePassword,
          passwordLock,
          expires,
          nonUnique);
    }

    /** This spec with {@link #createHome()} (for a new user). */
    public UserSpec withCreateHome(boolean createHome) {
      return new UserSpec(
          name,
          uid,
          group,
          comment,
          home,
          shell,
          groups,
          groupsMode,
          system,
          createHome,
          password,
          updatePassword,
          passwordLock,
          expires,
          nonUnique);
    }
  }

  /**
   * What a user call did, or in a dry run would do. The first six components are the Python
   * library's {@code Result}, taken from {@code after}.
   *
   * @param name the login name
   * @param uid the uid after (-1 when absent, or chosen by {@code useradd} in a dry run)
   * @param gid the primary gid after (-1 likewise)
   * @param home the home after
   * @param shell the shell after
   * @param changed whether {@code after} differs from {@code before}
   * @param before the account as read before the call
   * @param after the account as read after the call; in a dry run, the prediction
   * @param differences the names of the fields that differ, in the order {@code exists, uid, gid,
   *     group, groups, home, shell, comment, password, password_locked, expires}; empty when
   *     unchanged
   * @param warnings what the call noticed and did not do ({@code "group x exists: it becomes the
   *     primary group …"})
   */
  record Result(
      String name,
      long uid,
      long gid,
      String home,
      String shell,
      boolean changed,
      Account before,
      Account after,
      List<String> differences,
      List<String> warnings) {

    public Result {
      differences = List.copyOf(differences);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * What a group call did, or in a dry run would do. The first three components are the Python
   * library's {@code GroupResult}, taken from {@code after}.
   *
   * @param name the group's name
   * @param gid the gid after (-1 when absent, or chosen by {@code groupadd} in a dry run)
   * @param changed whether {@code after} differs from {@code before}
   * @param before the group as read before
   * @param after the group as read after; in a dry run, the prediction
   * @param warnings notes ({@code groupmod --gid} leaves files with the old number)
   */
  record GroupResult(
      String name, long gid, boolean changed, Group before, Group after, List<String> warnings) {

    public GroupResult {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * One line of {@code authorized_keys}, as sshd(8) (AUTHORIZED_KEYS FILE FORMAT) reads it: {@code
   * [options] keytype base64-key [comment]}.
   *
   * @param options the comma-separated options as written ({@code from="10.0.0.1",no-pty}), {@code
   *     ""} when none
   * @param type the key type ({@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}, {@code
   *     sk-ssh-ed25519@openssh.com}, a {@code -cert-v01@openssh.com} type, …)
   * @param blob the base64 key: with the type, the key's identity
   * @param comment the rest of the line, {@code ""} when none
   */
  record AuthorizedKey(String options, String type, String blob, String comment) {}

  /**
   * What an {@code authorized_keys} call did, or in a dry run would do.
   *
   * @param name the user
   * @param path the file, {@code <home>/.ssh/authorized_keys} with the home of {@code /etc/passwd}
   * @param changed whether the file's content, mode or owner, or the {@code .ssh} folder's
   *     existence, mode or owner, differ after
   * @param diff the unified diff of the file, {@code ""} when its content is unchanged
   * @param before the keys in the file before (comment and blank lines left out)
   * @param after the keys after
   * @param warnings what was fixed or needs the caller ({@code .ssh} mode and owner brought to 0700
   *     and the user's; a folder up the path that sshd's {@code StrictModes} rejects, so keys are
   *     silently ignored: truenas/middleware PR #19652)
   */
  record KeysResult(
      String name,
      String path,
      boolean changed,
      String diff,
      List<AuthorizedKey> before,
      List<AuthorizedKey> after,
      List<String> warnings) {

    public KeysResult {
      before = List.copyOf(before);
      after = List.copyOf(after);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * What a sudoers call did, or in a dry run would do.
   *
   * @param name the user (or the name given)
   * @param path the drop-in's path under {@code /etc/sudoers.d}
   * @param changed whether its content, mode or owner (or existence) differ after
   * @param diff the unified diff of its content, {@code ""} when unchanged
   * @param warnings notes ({@code /etc/sudoers} lacking {@code @includedir /etc/sudoers.d})
   */
  record SudoersResult(
      String name, String path, boolean changed, String diff, List<String> warnings) {

    public SudoersResult {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Makes sure the user exists: Python {@code present(name)}. A new user gets the library's
   * defaults ({@code useradd --shell /bin/bash --create-home}); an existing one is left as it is
   * (the library set its shell to {@code /bin/bash}).
   */
  Result present(String name) throws UserBusyException;

  /**
   * Brings the user to {@code spec}: {@code useradd} with what is given when the user is missing,
   * otherwise one {@code usermod} of the fields that differ (uid, primary group, comment, home with
   * {@code --move-home}, shell, groups), none when nothing differs. Python {@code
   * ensure_user(spec)}, our addition; the library's {@code present} keywords map onto it.
   *
   * @throws io.rmote.python.KeyError if a group named in {@code spec} does not exist (checked
   *     before anything runs, dry run included)
   * @throws io.rmote.python.CalledProcessError if {@code useradd}/{@code usermod} fails; {@code
   *     UserBusy} when the user runs processes and the uid or home would change (Ansible #11833)
   */
  @PythonName("ensure_user")
  Result present(UserSpec spec) throws UserBusyException;

  /** {@link #present(UserSpec)}, or with {@code dryRun} what it would do. */
  @PythonName("ensure_user")
  Result present(UserSpec spec, boolean dryRun) throws UserBusyException;

  /** The user as {@code /etc/passwd} and {@code /etc/group} say; {@code exists} false if none. */
  Account account(String name);

  /**
   * Removes the user ({@code userdel}), keeping the home: Python {@code absent(name)}; whether the
   * user existed.
   */
  boolean absent(String name) throws UserBusyException;

  /**
   * Removes the user ({@code userdel}, with {@code --remove} for {@code removeHome}: home and mail
   * spool), with the account before and after. Python {@code remove_user}, our addition. A missing
   * user is no change.
   *
   * @throws io.rmote.python.CalledProcessError if {@code userdel} fails; {@code UserBusy} when the
   *     user is logged in or runs processes
   */
  Result removeUser(String name, boolean removeHome, boolean dryRun) throws UserBusyException;

  /** Makes sure the group exists ({@code groupadd}): Python {@code group_present(name)}. */
  GroupResult groupPresent(String name);

  /**
   * Makes sure the group exists with {@code gid} ({@code groupadd [--gid] [--system]}, or {@code
   * groupmod --gid} when an existing group's differs, which the library ignored): Python {@code
   * group_present(name, gid=, system=)}.
   *
   * @param gid the group id, or null to leave it to {@code groupadd} (and as it is)
   * @param system a system group (gid below {@code GID_MIN}) when made; an existing group is kept
   * @param dryRun compute the result without changing anything
   */
  GroupResult groupPresent(String name, Long gid, boolean system, boolean dryRun);

  /** The group as {@code /etc/group} says; {@code exists} false if none. */
  Group groupInfo(String name);

  /**
   * Removes the group ({@code groupdel}): Python {@code group_absent(name)}; whether it existed.
   */
  boolean groupAbsent(String name);

  /**
   * {@link #groupAbsent(String)} with the group before and after, or with {@code dryRun} what it
   * would do. Python {@code remove_group}, our addition.
   *
   * @throws io.rmote.python.CalledProcessError if {@code groupdel} refuses (a user's primary group)
   */
  GroupResult removeGroup(String name, boolean dryRun);

  /**
   * Adds one key to the user's {@code authorized_keys}: Python {@code authorized_key(name, key)};
   * whether anything changed. {@link #authorizedKeys} says how.
   */
  boolean authorizedKey(String name, String key);

  /**
   * {@link #authorizedKey(String, String)}; with {@code exclusive}, every other line goes: Python
   * {@code authorized_key(name, key, exclusive=)}.
   */
  boolean authorizedKey(String name, String key, boolean exclusive);

  /**
   * Brings the user's {@code <home>/.ssh/authorized_keys} (home from {@code /etc/passwd}) to hold
   * {@code keys}, each an sshd(8) line {@code [options] type blob [comment]}. Python {@code
   * authorized_keys}, our addition.
   *
   * <ul>
   *   <li>A key is matched by type and blob, each given key claiming the first line of its blob not
   *       claimed yet: that line gets the options and the comment as given, the line's own where
   *       none is given (to drop a key's options, remove the key and add it again), and is kept
   *       byte for byte when nothing differs. Other lines of the same blob are left alone
   *       (ansible.posix #457, Ansible #56894: a key twice with different options is neither
   *       collapsed nor deleted); a key given twice makes two lines. A key with no line is
   *       appended.
   *   <li>{@code exclusive}: only the given keys' lines remain, comment lines included (a second
   *       run is no change, ansible.posix #536).
   *   <li>{@code present} false: every line with a given key's blob is removed, whatever its
   *       options.
   *   <li>{@code .ssh} is made 0700 and owned by the user and its primary group (an existing one is
   *       fixed, a change with a warning); the file is written atomically, mode 0600, owned by the
   *       user, through {@code rmote.support.files.write_file} (mode and owner set before the
   *       rename: no window with the umask's mode). A symbolic link a user owns anywhere on the
   *       path, or a {@code .ssh} that is one, is refused ({@link io.rmote.python.PermissionError},
   *       {@link io.rmote.python.NotADirectoryError}): root never writes or chowns through it.
   *   <li>A folder on the path that sshd's {@code StrictModes} rejects (writable by group or
   *       others, owned by another user) gives a warning: sshd would ignore the keys silently.
   * </ul>
   *
   * @throws io.rmote.python.ValueError if a key is not an authorized_keys line
   * @throws io.rmote.python.KeyError if the user does not exist
   * @throws io.rmote.python.FileNotFoundError if the user's home does not exist
   */
  KeysResult authorizedKeys(
      String name, List<String> keys, boolean exclusive, boolean present, boolean dryRun);

  /**
   * Installs {@code /etc/sudoers.d/<name>} with {@code <name> ALL=(ALL) NOPASSWD: ALL}: Python
   * {@code sudoer(name)}; whether it changed. {@link #sudoers(String, List, String, boolean,
   * boolean)} says how.
   */
  boolean sudoer(String name);

  /**
   * {@link #sudoer(String)}, {@code NOPASSWD: } only with {@code nopasswd}: Python {@code
   * sudoer(name, nopasswd=)}.
   */
  boolean sudoer(String name, boolean nopasswd);

  /**
   * {@link #sudoers(String, List, String, boolean, boolean)} with the file named after {@code
   * name}, installed.
   */
  SudoersResult sudoers(String name, List<String> rules, boolean dryRun);

  /**
   * Installs or removes a sudoers drop-in in {@code /etc/sudoers.d}. Python {@code sudoers}, our
   * addition.
   *
   * <ul>
   *   <li>Content: {@code rules}, one line each; null gives the library's line {@code <name>
   *       ALL=(ALL) NOPASSWD: ALL}.
   *   <li>The new content is written to a temporary file beside the target, checked with {@code
   *       visudo -cf} (visudo(8): that file alone, so someone else's broken drop-in does not block
   *       ours, saz/puppet-sudo #223), and only then renamed over the target, mode 0440, owned by
   *       root (community.general #4745: no syntax check). A dry run checks a copy.
   *   <li>File name: sudo skips files in an {@code @includedir} whose name contains {@code .} or
   *       ends in {@code ~} (sudoers(5); sudo #255, robertdebock/ansible-role-users #23), which the
   *       library wrote for a user {@code first.last}. With {@code fileName} null the name is
   *       {@code name} with {@code .}, {@code ~} and {@code %} written as {@code %2E}, {@code %7E}
   *       and {@code %25} (one-to-one: {@code first.last} is {@code first%2Elast}); a {@code
   *       fileName} given that sudo would skip is refused.
   *   <li>A warning when {@code /etc/sudoers} does not include {@code /etc/sudoers.d}.
   * </ul>
   *
   * @param name the user the default rule is for, and the default file name
   * @param rules the drop-in's lines, or null for the library's rule
   * @param fileName the file name in {@code /etc/sudoers.d}, or null for one made from {@code name}
   * @param absent remove the drop-in instead
   * @param dryRun compute the result without changing anything
   * @throws io.rmote.python.CalledProcessError if {@code visudo -cf} rejects the content (its
   *     message in the exception; the target is left as it was)
   * @throws io.rmote.python.ValueError if {@code fileName} (or {@code name}) is one sudo skips or
   *     not a file name
   * @throws io.rmote.python.FileNotFoundError if {@code /etc/sudoers.d} does not exist
   */
  SudoersResult sudoers(
      String name, List<String> rules, String fileName, boolean absent, boolean dryRun);
}
