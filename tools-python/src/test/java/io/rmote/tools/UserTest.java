package io.rmote.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Call;
import io.rmote.PyRecord;
import io.rmote.Remote;
import io.rmote.python.CalledProcessError;
import io.rmote.python.KeyError;
import io.rmote.python.PermissionError;
import io.rmote.python.ValueError;
import io.rmote.testing.Pythons.Python;
import io.rmote.testing.TestHosts;
import io.rmote.testing.TestHosts.Host;
import io.rmote.tools.User.Account;
import io.rmote.tools.User.AuthorizedKey;
import io.rmote.tools.User.Expiry;
import io.rmote.tools.User.GroupResult;
import io.rmote.tools.User.GroupsMode;
import io.rmote.tools.User.KeysResult;
import io.rmote.tools.User.PasswordHash;
import io.rmote.tools.User.Result;
import io.rmote.tools.User.SudoersResult;
import io.rmote.tools.User.UpdatePassword;
import io.rmote.tools.User.UserSpec;
import io.rmote.wire.Codecs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The User tool against real useradd, usermod, groupadd, visudo and sudo: the Debian hosts of
 * {@code .ci/hosts.sh up} (bullseye to forky under systemd-nspawn), over SSH as root. Each test
 * makes users and groups named {@code rmote-user-<random>} and removes them, with their homes and
 * sudoers drop-ins, afterwards. Skipped without the hosts, failed under {@code
 * RMOTE_REQUIRE_HOSTS=1}.
 */
class UserTest {
  @TempDir static Path tmp;

  static List<Host> hosts() {
    return TestHosts.hosts();
  }

  /** A connection to a host and the users, groups and files a test made there. */
  static final class Lab implements AutoCloseable {
    final Remote remote;
    final User user;
    final FileSystem fs;
    final Exec exec;
    final List<String> users = new ArrayList<>();
    final List<String> groups = new ArrayList<>();
    final List<String> files = new ArrayList<>();

    Lab(Host host) {
      remote =
          Remote.builder().ssh(TestHosts.ssh(host, "root", tmp.resolve("known")).build()).connect();
      user = remote.tool(User.class);
      fs = remote.tool(FileSystem.class);
      exec = remote.tool(Exec.class);
    }

    String name() {
      return "rmote-user-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String newUser() {
      String n = name();
      users.add(n);
      return n;
    }

    /** A user name of this helper's own ({@code rmote-hostuser-<random>}), removed on close. */
    String mine() {
      String n = "rmote-hostuser-" + UUID.randomUUID().toString().substring(0, 8);
      users.add(n);
      return n;
    }

    String newGroup() {
      String n = name();
      groups.add(n);
      return n;
    }

    String sh(String script) {
      return exec.run(Exec.Command.ofShell(script).withCheck(false)).stdoutText();
    }

    @Override
    public void close() {
      try {
        // userdel removes the user's own group only while it is the user's primary group.
        for (String u : users)
          sh("pkill -KILL -u '" + u + "'; userdel --remove '" + u + "'; groupdel '" + u + "'");
        for (String g : groups) sh("groupdel '" + g + "'");
        for (String f : files) sh("rm -rf '" + f + "'");
      } finally {
        remote.close();
      }
    }
  }

  private static void assertNoChange(Result r) {
    assertFalse(r.changed(), r.toString());
    assertEquals(r.before(), r.after(), r.toString());
    assertEquals(List.of(), r.differences());
  }

  /** The first call changes {@code differences} and the second, the same call, changes nothing. */
  private static Result twice(User u, UserSpec spec, List<String> differences) {
    Account was = u.account(spec.name());
    Result dry = u.present(spec, true);
    assertEquals(differences, dry.differences(), dry.toString());
    assertTrue(dry.changed());
    assertEquals(was, u.account(spec.name()), "a dry run changed the user");
    Result first = u.present(spec);
    assertTrue(first.changed(), first.toString());
    assertEquals(differences, first.differences(), first.toString());
    assertEquals(first.after(), u.account(spec.name()));
    assertNoChange(u.present(spec));
    return first;
  }

  @ParameterizedTest
  @MethodSource("hosts")
  void usersConvergeFieldByFieldOnce(Host host) {
    try (Lab lab = new Lab(host)) {
      User u = lab.user;
      String name = lab.newUser();
      String g1 = lab.newGroup();
      String g2 = lab.newGroup();
      for (String g : List.of(g1, g2)) {
        GroupResult dry = u.groupPresent(g, null, false, true);
        assertTrue(dry.changed());
        assertFalse(u.groupInfo(g).exists(), "a dry run made the group");
        assertTrue(u.groupPresent(g).changed());
        GroupResult again = u.groupPresent(g);
        assertFalse(again.changed());
        assertTrue(again.after().exists());
      }

      Result made =
          twice(
              u,
              UserSpec.of(name)
                  .withComment("Test User,,,")
                  .withShell("/bin/sh")
                  .withGroups(GroupsMode.ADD, List.of(g1)),
              List.of("exists", "uid", "gid", "group", "groups", "home", "shell", "comment"));
      Account a = made.after();
      assertEquals("/home/" + name, a.home());
      assertEquals("/bin/sh", a.shell());
      assertEquals("Test User,,,", a.comment());
      assertEquals(List.of(g1), a.groups());
      assertEquals(name, a.group());
      assertEquals("directory", lab.sh("stat -c %F /home/" + name).trim());

      // Nothing given rewrites nothing: the library's present(name) set the shell to /bin/bash.
      assertNoChange(u.present(name));
      assertNoChange(u.present(UserSpec.of(name)));
      assertEquals("/bin/sh", u.account(name).shell());

      twice(u, UserSpec.of(name).withShell("/usr/sbin/nologin"), List.of("shell"));
      twice(u, UserSpec.of(name).withComment(""), List.of("comment"));
      // Ansible #81186: a uid given is applied, not silently kept.
      long uid = 30000L + ThreadLocalRandom.current().nextInt(20000);
      Result renumbered = twice(u, UserSpec.of(name).withUid(uid), List.of("uid"));
      assertEquals(uid, renumbered.uid());
      assertEquals(String.valueOf(uid), lab.sh("stat -c %u /home/" + name).trim());
      Result primary = twice(u, UserSpec.of(name).withGroup(g2), List.of("gid", "group"));
      assertEquals(g2, primary.after().group());
      assertEquals(u.groupInfo(g2).gid(), primary.gid());

      // Groups: ADD joins and keeps, EXACT sets (Ansible #7681: the default that strips sudo).
      twice(u, UserSpec.of(name).withGroups(GroupsMode.ADD, List.of(g2)), List.of("groups"));
      assertEquals(List.of(g1, g2).stream().sorted().toList(), u.account(name).groups());
      assertNoChange(u.present(UserSpec.of(name).withGroups(GroupsMode.ADD, List.of(g1))));
      twice(u, UserSpec.of(name).withGroups(GroupsMode.EXACT, List.of(g2)), List.of("groups"));
      assertEquals(List.of(g2), u.account(name).groups());
      twice(u, UserSpec.of(name).withGroups(GroupsMode.EXACT, List.of()), List.of("groups"));
      assertEquals(List.of(), u.account(name).groups());

      String moved = "/home/" + name + "-moved";
      lab.files.add(moved);
      twice(u, UserSpec.of(name).withHome(moved), List.of("home"));
      assertEquals("directory", lab.sh("stat -c %F " + moved).trim());

      assertThrows(
          KeyError.class,
          () -> u.present(UserSpec.of(name).withGroups(GroupsMode.ADD, List.of(lab.name())), true));
      assertThrows(
          IllegalArgumentException.class,
          () -> new UserSpec(name, null, null, null, null, null, List.of(g1), null, false, null));

      // Removal: dry run, then once, then no change.
      Result dry = u.removeUser(name, true, true);
      assertTrue(dry.changed());
      assertTrue(u.account(name).exists());
      Result removed = u.removeUser(name, true, false);
      assertTrue(removed.changed());
      assertFalse(removed.after().exists());
      assertEquals("gone", lab.sh("test -e " + moved + " || echo gone").trim());
      assertNoChange(u.removeUser(name, true, false));
      assertFalse(u.absent(name));

      assertTrue(u.groupAbsent(g1));
      assertFalse(u.groupAbsent(g1));
      GroupResult dryGroup = u.removeGroup(g2, true);
      assertTrue(dryGroup.changed());
      assertTrue(u.groupInfo(g2).exists());
      assertTrue(u.removeGroup(g2, false).changed());
      assertFalse(u.removeGroup(g2, false).changed());
    }
  }

  /**
   * The Python library's present, called by name and keywords: its comment and groups reported a
   * change on every run (usermod always ran); ours reports the first run only.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void thePythonLibrarysPresentChangesOnce(Host host) {
    try (Lab lab = new Lab(host)) {
      String name = lab.newUser();
      String g = lab.newGroup();
      lab.user.groupPresent(g);
      for (int run = 0; run < 2; run++) {
        PyRecord r =
            (PyRecord)
                lab.remote.call(
                    Call.of(BuiltinTools.USER, "present", Codecs.ANY)
                        .args(name)
                        .kwarg("comment", "Library user")
                        .kwarg("groups", List.of(g))
                        .kwarg("system", false));
        assertEquals("Result", r.type());
        assertEquals(name, r.get("name"));
        assertEquals("/bin/bash", r.get("shell"), "the library's default for a new user");
        assertEquals(run == 0, r.get("changed"), r.toString());
      }
      lab.user.present(UserSpec.of(name).withShell("/usr/sbin/nologin"));
      PyRecord kept =
          (PyRecord) lab.remote.call(Call.of(BuiltinTools.USER, "present", Codecs.ANY).args(name));
      assertEquals(false, kept.get("changed"));
      assertEquals("/usr/sbin/nologin", kept.get("shell"), "the library rewrote it to /bin/bash");
      assertEquals("Library user", lab.user.account(name).comment());
      // The default's text given explicitly is applied: only the default itself is "not given".
      for (int run = 0; run < 2; run++) {
        PyRecord bash =
            (PyRecord)
                lab.remote.call(
                    Call.of(BuiltinTools.USER, "present", Codecs.ANY)
                        .args(name)
                        .kwarg("shell", "/bin/bash")
                        .kwarg("dry_run", false));
        assertEquals(run == 0, bash.get("changed"), bash.toString());
        assertEquals("/bin/bash", bash.get("shell"));
      }
    }
  }

  /**
   * pyinfra #835: useradd refuses "group exists" when a group named like the user is there; ours
   * makes it the user's primary group, and says so. Also a gid given to an existing group is
   * applied (the library ignored it).
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void aGroupNamedLikeTheUserAndAGidChange(Host host) {
    try (Lab lab = new Lab(host)) {
      User u = lab.user;
      String name = lab.newUser();
      lab.groups.add(name);
      long gid = 30000L + ThreadLocalRandom.current().nextInt(20000);
      GroupResult g = u.groupPresent(name, gid, false, false);
      assertTrue(g.changed());
      assertEquals(gid, g.gid());
      Result r = u.present(name);
      assertTrue(r.changed());
      assertEquals(gid, r.gid());
      assertEquals(name, r.after().group());
      assertTrue(
          r.warnings().get(0).contains("group " + name + " exists"), r.warnings().toString());
      assertNoChange(u.present(name));

      long other = gid + 1;
      GroupResult dry = u.groupPresent(name, other, false, true);
      assertTrue(dry.changed());
      assertEquals(other, dry.gid());
      assertEquals(gid, u.groupInfo(name).gid());
      GroupResult moved = u.groupPresent(name, other, false, false);
      assertTrue(moved.changed());
      assertEquals(other, moved.after().gid());
      assertFalse(u.groupPresent(name, other, false, false).changed());
      assertEquals(other, u.account(name).gid());
      // groupdel refuses a user's primary group: the command's error comes through.
      assertThrows(CalledProcessError.class, () -> u.removeGroup(name, false));
    }
  }

  private static String key(String seed) {
    byte[] raw = ("rmote-user-test-key-" + seed).getBytes(StandardCharsets.UTF_8);
    return "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI"
        + java.util.Base64.getEncoder().withoutPadding().encodeToString(raw);
  }

  @ParameterizedTest
  @MethodSource("hosts")
  void authorizedKeysByBlob(Host host) {
    try (Lab lab = new Lab(host)) {
      User u = lab.user;
      String name = lab.newUser();
      u.present(name);
      String home = "/home/" + name;
      String path = home + "/.ssh/authorized_keys";
      String k1 = key("one");
      String k2 = key("two");

      KeysResult dry = u.authorizedKeys(name, List.of(k1 + " laptop"), false, true, true);
      assertTrue(dry.changed());
      assertEquals(path, dry.path());
      assertTrue(dry.diff().contains("+" + k1 + " laptop"), dry.diff());
      assertEquals("absent", lab.sh("test -e " + home + "/.ssh || echo absent").trim());
      assertTrue(u.authorizedKey(name, k1 + " laptop"));
      assertFalse(u.authorizedKey(name, k1 + " laptop"));
      // Owner and modes as sshd's StrictModes wants (Ansible #2997: .ssh made root-owned).
      assertEquals(
          name + " 700\n" + name + " 600",
          lab.sh("stat -c '%U %a' " + home + "/.ssh " + path).trim());

      // The same key with another comment is the same entry (the library appended it again).
      KeysResult renamed = u.authorizedKeys(name, List.of(k1 + " desktop"), false, true, false);
      assertTrue(renamed.changed());
      assertEquals(
          List.of(new AuthorizedKey("", "ssh-ed25519", blob(k1), "desktop")), renamed.after());
      assertFalse(u.authorizedKey(name, k1), "no comment given: the line's own is kept");
      // Options given are set on the key's line.
      KeysResult restricted =
          u.authorizedKeys(name, List.of("no-pty,from=\"10.0.0.1\" " + k1), false, true, false);
      assertTrue(restricted.changed());
      assertEquals("no-pty,from=\"10.0.0.1\"", restricted.after().get(0).options());
      assertEquals("desktop", restricted.after().get(0).comment());
      assertEquals(1, restricted.after().size());

      // ansible.posix #457, Ansible #56894: one key twice with different options; neither line
      // is collapsed or deleted, and giving both keeps both.
      String a = "command=\"/bin/date\" " + k2 + " a";
      String b = "from=\"10.0.0.2\",command=\"/bin/true\" " + k2 + " b";
      KeysResult both = u.authorizedKeys(name, List.of(a, b), false, true, false);
      assertTrue(both.changed());
      assertEquals(3, both.after().size());
      assertFalse(u.authorizedKeys(name, List.of(a, b), false, true, false).changed());
      assertFalse(u.authorizedKey(name, a));
      assertEquals(3, u.authorizedKeys(name, List.of(), false, true, true).after().size());

      // ansible.posix #536: exclusive with comment lines changes once, then never.
      lab.sh("printf '# managed elsewhere\\n' >> " + path);
      KeysResult exclusive = u.authorizedKeys(name, List.of(k2 + " only"), true, true, false);
      assertTrue(exclusive.changed());
      assertEquals(
          List.of(new AuthorizedKey("command=\"/bin/date\"", "ssh-ed25519", blob(k2), "only")),
          exclusive.after());
      assertFalse(exclusive.diff().isEmpty());
      assertFalse(u.authorizedKeys(name, List.of(k2 + " only"), true, true, false).changed());
      assertFalse(u.authorizedKey(name, k2 + " only", true));

      // Removal by blob, whatever the options.
      KeysResult dryGone = u.authorizedKeys(name, List.of(k2), false, false, true);
      assertTrue(dryGone.changed());
      assertEquals(1, u.authorizedKeys(name, List.of(), false, true, true).after().size());
      assertTrue(u.authorizedKeys(name, List.of(k2), false, false, false).changed());
      assertFalse(u.authorizedKeys(name, List.of(k2), false, false, false).changed());
      assertEquals("", lab.sh("cat " + path));

      // A .ssh with a loose mode is brought back to 0700.
      lab.sh("chmod 755 " + home + "/.ssh");
      KeysResult fixed = u.authorizedKeys(name, List.of(k1), false, true, false);
      assertTrue(fixed.changed());
      assertEquals("700", lab.sh("stat -c %a " + home + "/.ssh").trim());
      assertFalse(u.authorizedKeys(name, List.of(k1), false, true, false).changed());

      // A group-writable home: sshd's StrictModes would ignore the keys; a warning says so.
      lab.sh("chmod 775 " + home);
      KeysResult loose = u.authorizedKeys(name, List.of(k1), false, true, false);
      assertFalse(loose.changed());
      assertTrue(
          loose.warnings().stream().anyMatch(w -> w.contains("StrictModes")),
          loose.warnings().toString());
      lab.sh("chmod 755 " + home);

      assertThrows(ValueError.class, () -> u.authorizedKey(name, "not a key"));
      assertThrows(KeyError.class, () -> u.authorizedKey(lab.name(), k1));
    }
  }

  private static String blob(String key) {
    return key.split(" ")[1];
  }

  /**
   * The library chowned and wrote through symbolic links as root: a user who points {@code
   * authorized_keys} at a file of root's gets root to write it. Ours refuses.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void aPlantedSymlinkIsNotFollowed(Host host) {
    try (Lab lab = new Lab(host)) {
      User u = lab.user;
      String name = lab.newUser();
      u.present(name);
      String home = "/home/" + name;
      String target = "/etc/" + name + "-target";
      lab.files.add(target);
      lab.sh("printf 'root data\\n' > " + target + "; chmod 644 " + target);
      lab.sh(
          "mkdir -m 700 "
              + home
              + "/.ssh && ln -s "
              + target
              + " "
              + home
              + "/.ssh/authorized_keys && chown -hR "
              + name
              + ": "
              + home
              + "/.ssh");
      assertThrows(PermissionError.class, () -> u.authorizedKey(name, key("x")));
      assertEquals(
          "root data\nroot 644", lab.sh("cat " + target + "; stat -c '%U %a' " + target).trim());
      // A .ssh that is itself a link is refused too.
      lab.sh(
          "rm -rf "
              + home
              + "/.ssh; ln -s /etc "
              + home
              + "/.ssh; chown -h "
              + name
              + " "
              + home
              + "/.ssh");
      assertThrows(Exception.class, () -> u.authorizedKey(name, key("x")));
      assertEquals("absent", lab.sh("test -e /etc/authorized_keys || echo absent").trim());
    }
  }

  /**
   * sudo #255, robertdebock/ansible-role-users #23: a drop-in whose name has a dot is skipped by
   * sudo; the library's sudoer("first.last") wrote one. Ours writes a name sudo reads, which {@code
   * sudo -l} proves. community.general #4745: content is checked by visudo before it is installed.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void sudoersDropInsSudoReads(Host host) {
    try (Lab lab = new Lab(host)) {
      User u = lab.user;
      String name = lab.newUser() + ".dot";
      lab.users.add(name);
      u.present(UserSpec.of(name).withCreateHome(false));
      String file = "/etc/sudoers.d/" + name.replace(".", "%2E");
      lab.files.add(file);

      SudoersResult dry = u.sudoers(name, null, true);
      assertTrue(dry.changed());
      assertEquals(file, dry.path());
      assertEquals("absent", lab.sh("test -e '" + file + "' || echo absent").trim());
      assertTrue(u.sudoer(name));
      assertFalse(u.sudoer(name));
      assertEquals(name + " ALL=(ALL) NOPASSWD: ALL\n", lab.sh("cat '" + file + "'"));
      assertEquals("root 440", lab.sh("stat -c '%U %a' '" + file + "'").trim());
      assertTrue(
          lab.sh("sudo -l -U '" + name + "'").contains("NOPASSWD: ALL"), "sudo reads the drop-in");

      SudoersResult withPassword = u.sudoers(name, List.of(name + " ALL=(ALL) ALL"), false);
      assertTrue(withPassword.changed());
      assertTrue(withPassword.diff().contains("-" + name + " ALL=(ALL) NOPASSWD: ALL"));
      assertFalse(u.sudoer(name, false), "the library's line without NOPASSWD is the same");

      // visudo rejects it: nothing is installed, the old content stays.
      assertThrows(
          CalledProcessError.class, () -> u.sudoers(name, List.of(name + " ALL=(ALL"), false));
      assertThrows(
          CalledProcessError.class, () -> u.sudoers(name, List.of(name + " ALL=(ALL"), true));
      assertEquals(name + " ALL=(ALL) ALL\n", lab.sh("cat '" + file + "'"));
      assertThrows(ValueError.class, () -> u.sudoers(name, null, "a.b", false, false));
      assertThrows(ValueError.class, () -> u.sudoers(name, null, "backup~", false, false));

      SudoersResult dryGone = u.sudoers(name, null, null, true, true);
      assertTrue(dryGone.changed());
      assertTrue(u.sudoers(name, null, null, true, false).changed());
      assertFalse(u.sudoers(name, null, null, true, false).changed());
      assertEquals("absent", lab.sh("test -e '" + file + "' || echo absent").trim());
    }
  }

  /**
   * Ansible #11833: usermod refuses to change a user that runs processes. The refusal is typed
   * (UserBusy, a CalledProcessError) and names the process; nothing changed.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void aBusyUserIsATypedRefusal(Host host) {
    try (Lab lab = new Lab(host)) {
      User u = lab.user;
      String name = lab.newUser();
      Account made = u.present(name).after();
      lab.sh("setsid runuser -u " + name + " -- sleep 600 </dev/null >/dev/null 2>&1 &");
      lab.sh(
          "for i in $(seq 300); do pgrep -u "
              + name
              + " >/dev/null && exit 0; sleep 0.1; done; echo no process of "
              + name
              + " >&2; exit 1");
      long uid = made.uid() + 40000;
      CalledProcessError e =
          assertThrows(CalledProcessError.class, () -> u.present(UserSpec.of(name).withUid(uid)));
      assertTrue(e.pythonType().endsWith("UserBusy"), e.pythonType());
      assertTrue(e.getMessage().contains("usermod"), e.getMessage());
      UserBusyException busy = assertInstanceOf(UserBusyException.class, e);
      assertEquals(name, busy.user());
      long sleeper =
          Long.parseLong(lab.sh("pgrep -u " + name + " -x sleep").strip().split("\\s+")[0]);
      assertTrue(busy.pids().contains(sleeper), busy.pids() + " holds the sleep " + sleeper);
      assertEquals(made, u.account(name));
      assertThrows(CalledProcessError.class, () -> u.removeUser(name, true, false));
      assertThrows(UserBusyException.class, () -> u.removeUser(name, true, false));
      assertTrue(u.account(name).exists());
    }
  }

  static final PasswordHash ONE =
      PasswordHash.of(
          "$6$rmotehostuser1$oDd6VvMgEJ5Ryydw4lGLju6lYAVaJ44TumQ7m4BBcYJhLRYV4XoYN1Aq48iC6O0Yc1Yp/"
              + "PYgzCYJbO3QBLDyj.");
  static final PasswordHash TWO =
      PasswordHash.of(
          "$6$rmotehostuser2$vbE6aBePKo3OnLhz0mc1sSxkpY60XjQOz3whe9yaUpv6EonanxqBqiCx5t6.KoF3YMkAL6J"
              + "IoSWhoAa02.6As/");

  private static void noHashIn(Result r) {
    for (PasswordHash h : List.of(ONE, TWO)) {
      assertFalse(r.toString().contains(h.hash()), "the hash is in the result: " + r);
      assertFalse(r.toString().contains(h.hash().substring(20)), r.toString());
    }
  }

  /**
   * Passwords as crypt(3) hashes through {@code chpasswd --encrypted} on stdin, lock and unlock as
   * {@code usermod -L/-U}, expiry as {@code usermod --expiredate}: each a dry run that changes
   * nothing, a change, and no change the second time; the results show fingerprints, never a hash.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void passwordsLockAndExpiryChangeOnceAndShowNoHash(Host host) {
    try (Lab lab = new Lab(host)) {
      User u = lab.user;
      String name = lab.mine();
      Account made = u.present(UserSpec.of(name).withCreateHome(false)).after();
      assertEquals("", made.password());
      assertTrue(made.passwordLocked(), "useradd leaves a locked ! field");
      assertEquals(Expiry.NEVER, made.expires());
      String shadow = "getent shadow " + name + " | cut -d: -f2";

      // A hash given keeps the lock state the field had (locked here).
      Result set = twice(u, UserSpec.of(name).withPassword(ONE), List.of("password"));
      noHashIn(set);
      assertEquals(ONE.fingerprint(), set.after().password());
      assertTrue(set.after().passwordLocked());
      assertEquals("!" + ONE.hash(), lab.sh(shadow).trim());
      noHashIn(twice(u, UserSpec.of(name).withPasswordLock(false), List.of("password_locked")));
      assertEquals(ONE.hash(), lab.sh(shadow).trim());
      // on_create: an existing user keeps its password.
      assertNoChange(u.present(UserSpec.of(name).withPassword(TWO, UpdatePassword.ON_CREATE)));
      Result changed = twice(u, UserSpec.of(name).withPassword(TWO), List.of("password"));
      noHashIn(changed);
      assertEquals(ONE.fingerprint(), changed.before().password());
      assertEquals(TWO.fingerprint(), changed.after().password());
      assertFalse(changed.after().passwordLocked());
      twice(u, UserSpec.of(name).withPasswordLock(true), List.of("password_locked"));
      assertEquals("!" + TWO.hash(), lab.sh(shadow).trim());

      LocalDate day = LocalDate.of(2031, 2, 3);
      Result expiring = twice(u, UserSpec.of(name).withExpires(Expiry.on(day)), List.of("expires"));
      assertEquals(Expiry.on(day), expiring.after().expires());
      assertEquals(
          String.valueOf(day.toEpochDay()),
          lab.sh("getent shadow " + name + " | cut -d: -f8").trim());
      twice(u, UserSpec.of(name).withExpires(Expiry.NEVER), List.of("expires"));
      assertEquals("", lab.sh("getent shadow " + name + " | cut -d: -f8").trim());

      // A new user with all three at once.
      String other = lab.mine();
      Result all =
          twice(
              u,
              UserSpec.of(other)
                  .withCreateHome(false)
                  .withPassword(ONE)
                  .withPasswordLock(false)
                  .withExpires(Expiry.on(day)),
              List.of(
                  "exists",
                  "uid",
                  "gid",
                  "group",
                  "home",
                  "shell",
                  "password",
                  "password_locked",
                  "expires"));
      noHashIn(all);
      assertEquals(ONE.hash(), lab.sh("getent shadow " + other + " | cut -d: -f2").trim());

      // Unlocking a user without a hash would leave no password: refused before anything runs.
      String bare = lab.mine();
      assertThrows(ValueError.class, () -> u.present(UserSpec.of(bare).withPasswordLock(false)));
      assertFalse(u.account(bare).exists());
      // A plaintext is refused on both sides, and no message repeats it.
      IllegalArgumentException local =
          assertThrows(
              IllegalArgumentException.class, () -> PasswordHash.of("correct horse battery"));
      assertFalse(local.getMessage().contains("horse"));
      assertFalse(ONE.toString().contains(ONE.hash()));
      ValueError remote =
          assertThrows(
              ValueError.class,
              () ->
                  lab.remote.call(
                      Call.of(BuiltinTools.USER, "present", Codecs.ANY)
                          .args(name)
                          .kwarg("password", "correct horse battery")));
      assertFalse(remote.getMessage().contains("horse"), remote.getMessage());
      assertEquals("!" + TWO.hash(), lab.sh(shadow).trim());
    }
  }

  /** Ansible's names on the library's present: password, update_password, expires (epoch). */
  @ParameterizedTest
  @MethodSource("hosts")
  void thePythonPresentTakesAnsiblesPasswordKeywords(Host host) {
    try (Lab lab = new Lab(host)) {
      String name = lab.mine();
      long day = LocalDate.of(2032, 5, 6).toEpochDay();
      for (int run = 0; run < 2; run++) {
        PyRecord r =
            (PyRecord)
                lab.remote.call(
                    Call.of(BuiltinTools.USER, "present", Codecs.ANY)
                        .args(name)
                        .kwarg("create_home", false)
                        .kwarg("password", ONE.hash())
                        .kwarg("update_password", "on_create")
                        .kwarg("expires", day * 86400.0 + 3600)
                        .kwarg("password_lock", false));
        assertEquals(run == 0, r.get("changed"), r.toString());
        assertFalse(r.toString().contains(ONE.hash()), r.toString());
      }
      assertEquals(
          ONE.hash() + ":" + day, lab.sh("getent shadow " + name + " | cut -d: -f2,8").trim());
      PyRecord never =
          (PyRecord)
              lab.remote.call(
                  Call.of(BuiltinTools.USER, "present", Codecs.ANY)
                      .args(name)
                      .kwarg("password", TWO.hash())
                      .kwarg("update_password", "on_create")
                      .kwarg("expires", -1.0));
      assertEquals(true, never.get("changed"));
      assertEquals(ONE.hash() + ":", lab.sh("getent shadow " + name + " | cut -d: -f2,8").trim());
    }
  }

  /** {@code non_unique}: a uid another user has is refused unless asked for ({@code -o}). */
  @ParameterizedTest
  @MethodSource("hosts")
  void aDuplicateUidOnlyWithNonUnique(Host host) {
    try (Lab lab = new Lab(host)) {
      User u = lab.user;
      String first = lab.mine();
      long uid = u.present(UserSpec.of(first).withCreateHome(false)).uid();
      String second = lab.mine();
      assertThrows(
          CalledProcessError.class,
          () -> u.present(UserSpec.of(second).withCreateHome(false).withUid(uid)));
      assertFalse(u.account(second).exists());
      Result made =
          twice(
              u,
              UserSpec.of(second).withCreateHome(false).withNonUniqueUid(uid),
              List.of("exists", "uid", "gid", "group", "home", "shell"));
      assertEquals(uid, made.uid());
      String third = lab.mine();
      u.present(UserSpec.of(third).withCreateHome(false));
      assertThrows(CalledProcessError.class, () -> u.present(UserSpec.of(third).withUid(uid)));
      assertEquals(uid, twice(u, UserSpec.of(third).withNonUniqueUid(uid), List.of("uid")).uid());
    }
  }

  /**
   * A user the name service knows but the local passwd file lacks (LDAP, SSSD) gets a warning and
   * is never handed to useradd or usermod. The hosts have no second NSS source (no
   * libnss-extrausers), so this uses a real getpwnam hit, root, against a fake passwd file given as
   * the tool's {@code _passwd_file}: a copy of /etc/passwd without root.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void anNssOnlyUserIsLeftAloneByAFakePasswdFileWithoutRoot(Host host) {
    try (Lab lab = new Lab(host)) {
      String fake = "/root/rmote-hostuser-" + UUID.randomUUID().toString().substring(0, 8);
      lab.files.add(fake);
      lab.sh("grep -v '^root:' /etc/passwd > " + fake);
      String rootLine = lab.sh("getent passwd root");
      for (boolean dryRun : List.of(true, false, false)) {
        PyRecord r =
            (PyRecord)
                lab.remote.call(
                    Call.of(BuiltinTools.USER, "present", Codecs.ANY)
                        .args("root")
                        .kwarg("shell", "/bin/false")
                        .kwarg("comment", "changed")
                        .kwarg("dry_run", dryRun)
                        .kwarg("_passwd_file", fake));
        assertEquals(false, r.get("changed"), r.toString());
        assertTrue(r.get("warnings").toString().contains("name service"), r.toString());
        assertEquals(rootLine, lab.sh("getent passwd root"));
      }
      // A name the fake file has is local: no warning.
      PyRecord daemon =
          (PyRecord)
              lab.remote.call(
                  Call.of(BuiltinTools.USER, "present", Codecs.ANY)
                      .args("daemon")
                      .kwarg("_passwd_file", fake));
      assertEquals(false, daemon.get("changed"));
      assertEquals("[]", daemon.get("warnings").toString());
    }
  }

  /** Calls in flight on one connection take the user-database lock: one of them makes the user. */
  @ParameterizedTest
  @MethodSource("hosts")
  void concurrentCallsMakeTheUserOnce(Host host) {
    try (Lab lab = new Lab(host)) {
      String name = lab.newUser();
      UserAsync async = lab.remote.tool(UserAsync.class);
      List<CompletableFuture<Result>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        calls.add(async.present(UserSpec.of(name).withComment("same")));
      }
      long changed = calls.stream().map(CompletableFuture::join).filter(Result::changed).count();
      assertEquals(1, changed);
    }
  }

  /** The tool loads on every interpreter the tests have, 3.6 on, and reads root's account. */
  @ParameterizedTest
  @MethodSource("io.rmote.testing.Pythons#all")
  void loadsOnEveryInterpreter(Python python) {
    try (Remote remote = python.connect()) {
      Account root = remote.tool(User.class).account("root");
      assertTrue(root.exists());
      assertEquals(0, root.uid());
      assertEquals("root", root.group());
      assertFalse(remote.tool(User.class).account("rmote-user-missing-x").exists());
    }
  }
}
