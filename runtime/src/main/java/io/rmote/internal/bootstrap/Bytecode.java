package io.rmote.internal.bootstrap;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runtime as bytecode, kept by this JVM so that a local interpreter it has started before can
 * start from code already compiled instead of compiling the runtime's source, which is most of what
 * a start costs beyond the interpreter's own (docs/protocol.md, "Starting from bytecode").
 *
 * <p>Bytecode only ever goes back to later starts of the {@link Target} that gave it: a local
 * interpreter named by {@code Remote.local()} or a builder's {@code python(...)}, with no command
 * around it, no {@code become} and no environment of its own; each start checks the magic number
 * before it loads the code. Such a name is the JVM's own user's program on this machine. A name
 * that leads to different interpreters from one start to the next (a wrapper script that picks a
 * host or container) would carry bytecode between them, so such a wrapper belongs in {@code
 * command(...)}. Over SSH, through a command or a launcher of one's own, under become or with an
 * environment, every start is from the source.
 *
 * <p>A JVM that starts a target once pays nothing for this: its first start of a target learns the
 * magic number from the ready line, the second asks for the bytecode (about 2 ms on the remote),
 * and the third and later start from it.
 */
public final class Bytecode {
  /** Targets kept, least recently used first out: about 38 KB of bytecode each. */
  private static final int MAX_TARGETS = 16;

  /** What each target's last ready line said, and its bytecode once asked; guarded by itself. */
  private static final Map<String, Stored> BY_TARGET =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
          return size() > MAX_TARGETS;
        }
      };

  /**
   * A local interpreter that may start from bytecode.
   *
   * @param key the interpreter as the builder named it ({@code python3}, a path)
   */
  public record Target(String key) {}

  /** One target's magic number and, once asked, its bytecode: base64 of zlib of marshal. */
  private static final class Stored {
    final String magic;
    final byte[] code;

    Stored(String magic, byte[] code) {
      this.magic = magic;
      this.code = code;
    }
  }

  /** What one start sends first. */
  static final class Plan {
    static final Plan SOURCE = new Plan(null, null, false);

    final String magic;
    final byte[] code;
    final boolean ask;

    private Plan(String magic, byte[] code, boolean ask) {
      this.magic = magic;
      this.code = code;
      this.ask = ask;
    }
  }

  private Bytecode() {}

  /** The bytecode to send to {@code target}, a request for it, or neither. */
  static Plan plan(Target target) {
    if (target == null) return Plan.SOURCE;
    Stored e;
    synchronized (BY_TARGET) {
      e = BY_TARGET.get(target.key());
    }
    if (e == null) return Plan.SOURCE;
    return e.code != null ? new Plan(e.magic, e.code, false) : new Plan(e.magic, null, true);
  }

  /**
   * After a ready line: remembers the target's magic number ({@code "-"}: none may be sent), and
   * its bytecode if this start asked for it and the number is the one it was asked under.
   */
  static void started(Target target, Plan plan, String magic, byte[] code) {
    if (target == null) return;
    boolean valid = isMagic(magic);
    synchronized (BY_TARGET) {
      Stored now = BY_TARGET.get(target.key());
      if (!valid) {
        BY_TARGET.remove(target.key());
      } else if (plan.ask && code != null && magic.equals(plan.magic)) {
        BY_TARGET.put(target.key(), new Stored(magic, Base64.getEncoder().encode(code)));
      } else if (now == null || !now.magic.equals(magic)) {
        BY_TARGET.put(target.key(), new Stored(magic, null));
      }
    }
  }

  /**
   * After a start that did not reach its ready line (or failed reading it): bytecode it was sent is
   * not sent again.
   */
  static void failed(Target target, Plan plan) {
    if (target == null || plan.code == null) return;
    synchronized (BY_TARGET) {
      Stored now = BY_TARGET.get(target.key());
      if (now != null && now.code == plan.code)
        BY_TARGET.put(target.key(), new Stored(now.magic, null));
    }
  }

  /** Whether {@code s} is a magic number as the runtime writes it: four bytes in lower-case hex. */
  private static boolean isMagic(String s) {
    if (s.length() != 8) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) return false;
    }
    return true;
  }

  /** Forgets everything: for tests and benchmarks that start from a fresh JVM's state. */
  public static void clear() {
    synchronized (BY_TARGET) {
      BY_TARGET.clear();
    }
  }
}
