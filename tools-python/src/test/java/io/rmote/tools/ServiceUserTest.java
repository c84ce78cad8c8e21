package io.rmote.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Become;
import io.rmote.Remote;
import io.rmote.python.RuntimeError;
import io.rmote.testing.TestHosts;
import io.rmote.testing.TestHosts.Host;
import io.rmote.tools.Service.ActiveState;
import io.rmote.tools.Service.LoadState;
import io.rmote.tools.Service.Result;
import io.rmote.tools.Service.Scope;
import io.rmote.tools.Service.UnitFileState;
import io.rmote.tools.Service.UnitStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Service tool's user scope ({@code systemctl --user}) and {@code --no-block}, against the
 * Debian hosts of {@code .ci/hosts.sh up} (systemd 247 to 262 under systemd-nspawn). Each user test
 * makes a throwaway user {@code rmote-svcuser-<random>} with lingering enabled, so that its manager
 * runs without a login, writes a unit into its {@code ~/.config/systemd/user}, and removes user,
 * lingering and units at the end (and first any left by an earlier run that did not finish).
 *
 * <p>The host roots carry {@code libpam-systemd}, as a standard Debian install does: {@code
 * pam_systemd} sets {@code XDG_RUNTIME_DIR} for a login and gives {@code --machine=USER@} its
 * session. The test still gives its own user's {@code user@UID.service} a drop-in with the value
 * {@code pam_systemd} would set, so that the lingering manager it starts without a login never
 * depends on it, and removes it at the end.
 */
class ServiceUserTest {
  @TempDir static Path tmp;

  static List<Host> hosts() {
    return TestHosts.hosts();
  }

  /** A throwaway user with a running user manager on one host, and a root connection to it. */
  static final class UserLab implements AutoCloseable {
    final Host host;
    final Remote root;
    final Exec exec;
    final FileSystem fs;
    final String user = "rmote-svcuser-" + UUID.randomUUID().toString().substring(0, 8);
    final int systemd;
    int uid = -1;

    UserLab(Host host) {
      this.host = host;
      root =
          Remote.builder().ssh(TestHosts.ssh(host, "root", tmp.resolve("known")).build()).connect();
      exec = root.tool(Exec.class);
      fs = root.tool(FileSystem.class);
      String version = exec.command("systemctl", "--version").stdoutText();
      systemd = Integer.parseInt(version.split("[ \n(]+")[1]);
      // Users left by an earlier run that did not reach its end.
      exec.shell(
          "for u in $(cut -d: -f1 /etc/passwd | grep '^rmote-svcuser-'); do " + REMOVE + "; done");
      exec.command("useradd", "-m", "-s", "/bin/sh", user);
      uid = Integer.parseInt(exec.command("id", "-u", user).stdoutText().trim());
    }

    /** Removes user $u: lingering, its manager, its drop-in, its home. */
    static final String REMOVE =
        "i=$(id -u $u); loginctl disable-linger $u; systemctl stop user@$i.service;"
            + " rm -rf /etc/systemd/system/user@$i.service.d; systemctl daemon-reload;"
            + " userdel -r -f $u 2>/dev/null; true";

    /** Enables lingering (with the drop-in the hosts need) and waits for the manager. */
    void linger() {
      String dropIn = "/etc/systemd/system/user@" + uid + ".service.d";
      exec.command("mkdir", "-p", dropIn);
      fs.writeStr(
          dropIn + "/rmote-svcuser.conf", "[Service]\nEnvironment=XDG_RUNTIME_DIR=/run/user/%i\n");
      exec.command("systemctl", "daemon-reload");
      exec.command("loginctl", "enable-linger", user);
      exec.shell(
          "for i in $(seq 300); do [ -e /run/user/"
              + uid
              + "/systemd/private ] && exit 0; sleep 0.1; done; exit 1");
    }

    /** Writes a unit into the user's ~/.config/systemd/user; its name. */
    String unit(String content) {
      String dir = "/home/" + user + "/.config/systemd/user";
      String name = "rmote-svcuser-" + UUID.randomUUID().toString().substring(0, 8) + ".service";
      exec.command("mkdir", "-p", dir);
      fs.writeStr(dir + "/" + name, content);
      exec.command("chown", "-R", user + ":", "/home/" + user + "/.config");
      return name;
    }

    /** A connection as the user: ssh as root, then {@code sudo -u user}. */
    Remote asUser() {
      return Remote.builder()
          .ssh(TestHosts.ssh(host, "root", tmp.resolve("known")).build())
          .become(Become.sudo(user))
          .connect();
    }

    @Override
    public void close() {
      try {
        exec.shell("u=" + user + "; " + REMOVE);
      } finally {
        root.close();
      }
    }
  }

  private static List<Object> key(UnitStatus s) {
    return List.of(
        s.loadState(),
        s.activeState(),
        s.subState(),
        s.unitFileState(),
        s.needDaemonReload(),
        s.invocationId(),
        s.mainPid());
  }

  private static void assertNoChange(Result r) {
    assertFalse(r.changed(), r.toString());
    assertEquals(key(r.before()), key(r.after()), r.toString());
  }

  private static void dry(Service s, String unit, Scope scope, Result dryRun) {
    assertTrue(dryRun.changed(), dryRun.toString());
    assertEquals(key(dryRun.before()), key(s.status(unit, scope)), "a dry run changed the unit");
  }

  /** Every verb on one unit in a user manager: each claim twice, each dry run changes nothing. */
  private static void everyVerb(Service s, Scope scope, String u) {
    s.daemonReload(false, scope);
    UnitStatus fresh = s.status(u, scope);
    assertEquals(LoadState.LOADED, fresh.loadState(), fresh.toString());
    assertEquals(ActiveState.INACTIVE, fresh.activeState());
    assertEquals(UnitFileState.DISABLED, fresh.unitFileState());

    dry(s, u, scope, s.start(u, true, scope, false));
    Result started = s.start(u, false, scope, false);
    assertTrue(started.changed(), started.toString());
    assertEquals(ActiveState.ACTIVE, started.after().activeState());
    assertNoChange(s.start(u, false, scope, false));

    dry(s, u, scope, s.enable(u, true, scope));
    Result enabled = s.enable(u, false, scope);
    assertTrue(enabled.changed());
    assertEquals(UnitFileState.ENABLED, enabled.after().unitFileState());
    assertNoChange(s.enable(u, false, scope));

    dry(s, u, scope, s.stop(u, true, scope, false));
    Result stopped = s.stop(u, false, scope, false);
    assertTrue(stopped.changed());
    assertEquals(ActiveState.INACTIVE, stopped.after().activeState());
    assertNoChange(s.stop(u, false, scope, false));

    dry(s, u, scope, s.disable(u, true, scope));
    Result disabled = s.disable(u, false, scope);
    assertTrue(disabled.changed());
    assertEquals(UnitFileState.DISABLED, disabled.after().unitFileState());
    assertNoChange(s.disable(u, false, scope));

    dry(s, u, scope, s.converge(u, true, true, true, scope));
    assertTrue(s.converge(u, true, true, false, scope).changed());
    assertNoChange(s.converge(u, true, true, false, scope));
    assertEquals(ActiveState.ACTIVE, s.waitActive(u, 30, 0.2, scope).activeState());
    assertTrue(s.converge(u, false, false, false, scope).changed());
    assertNoChange(s.converge(u, false, false, false, scope));
  }

  /**
   * The connecting user's manager (systemd #17901, #34849: {@code sudo -u} leaves {@code
   * XDG_RUNTIME_DIR} unset, so a bare {@code systemctl --user} cannot find the manager): first
   * without lingering, a clear error that says how to enable it; then every verb.
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void theConnectingUsersManager(Host host) {
    try (UserLab lab = new UserLab(host)) {
      String u = lab.unit(ServiceTest.SLEEPER.replace("multi-user.target", "default.target"));
      try (Remote asUser = lab.asUser()) {
        Service s = asUser.tool(Service.class);
        RuntimeError none =
            assertThrows(RuntimeError.class, () -> s.status(u, Scope.connectingUser()));
        assertTrue(
            none.getMessage().contains("loginctl enable-linger " + lab.user), none.getMessage());
      }
      lab.linger();
      try (Remote asUser = lab.asUser()) {
        Service s = asUser.tool(Service.class);
        everyVerb(s, Scope.connectingUser(), u);
        // The system's manager does not know the user's unit.
        assertEquals(LoadState.NOT_FOUND, s.status(u).loadState());
      }
    }
  }

  /**
   * Another user's manager from a root connection, {@code systemctl --user --machine=USER@}:
   * systemd 248 and later; on 247 a clear error. {@code --machine} reaches the user's bus through a
   * PAM session that {@code pam_systemd} sets up (where a host lacks it, the call says so).
   */
  @ParameterizedTest
  @MethodSource("hosts")
  void anotherUsersManagerFromRoot(Host host) {
    try (UserLab lab = new UserLab(host)) {
      Service s = lab.root.tool(Service.class);
      String u = lab.unit(ServiceTest.SLEEPER.replace("multi-user.target", "default.target"));
      Scope scope = Scope.user(lab.user);
      if (lab.systemd < 248) {
        RuntimeError old = assertThrows(RuntimeError.class, () -> s.status(u, scope));
        assertTrue(old.getMessage().contains("systemd 248 or later"), old.getMessage());
        return;
      }
      RuntimeError none = assertThrows(RuntimeError.class, () -> s.status(u, scope));
      assertTrue(
          none.getMessage().contains("loginctl enable-linger " + lab.user), none.getMessage());
      lab.linger();
      // The roots carry libpam-systemd since the hosts' recipe v2: no skip any more.
      s.status(u, scope);
      everyVerb(s, scope, u);
    }
  }
}
