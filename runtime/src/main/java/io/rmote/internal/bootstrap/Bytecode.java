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
 * magic number from the ready line, the second asks for the bytecode (4.4 to 4.6 ms on the remote),
 * and the third and later start from it.
 */
public final class Bytecode {
  /** Targets kept, least recently used first out: about 38 KB of bytecode each. */
  private static final int MAX_TARGETS = 16;

  /** Each target's plan, from its last ready line; guarded by itself. */
  private static final Map<String, Plan> BY_TARGET =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Plan> eldest) {
          return size() > MAX_TARGETS;
        }
      };

  /**
   * A local interpreter that may start from bytecode.
   *
   * @param key the interpreter as the builder named it ({@code python3}, a path)
   */
  public record Target(String key) {}

  /**
   * What a target's last ready line said, and so what its next start sends first: nothing known
   * ({@link #SOURCE}), its magic number alone (the start asks for the bytecode), or the number and
   * the bytecode (base64 of zlib of marshal), which the start sends. Immutable.
   */
  static final class Plan {
    static final Plan SOURCE = new Plan(null, null);

    final String magic;
    final byte[] code;

    private Plan(String magic, byte[] code) {
      this.magic = magic;
      this.code = code;
    }

    /** Whether the start asks the runtime for its bytecode. */
    boolean ask() {
      return magic != null && code == null;
    }
  }

  private Bytecode() {}

  /** What a start of {@code target} sends first. */
  static Plan plan(Target target) {
    if (target == null) return Plan.SOURCE;
    synchronized (BY_TARGET) {
      return BY_TARGET.getOrDefault(target.key(), Plan.SOURCE);
    }
  }

  /**
   * After a ready line: remembers the target's magic number ({@code "-"}: none may be sent), and
   * its bytecode if this start asked for it and the number is the one it was asked under.
   */
  static void started(Target target, Plan plan, String magic, byte[] code) {
    if (target == null) return;
    synchronized (BY_TARGET) {
      if (!isMagic(magic)) {
        BY_TARGET.remove(target.key());
      } else if (plan.ask() && code != null && magic.equals(plan.magic)) {
        BY_TARGET.put(target.key(), new Plan(magic, Base64.getEncoder().encode(code)));
      } else if (!magic.equals(BY_TARGET.getOrDefault(target.key(), Plan.SOURCE).magic)) {
        BY_TARGET.put(target.key(), new Plan(magic, null));
      }
    }
  }

  /**
   * After a start that did not reach its ready line: bytecode it was sent is not sent again (the
   * next start asks anew), unless another start has replaced it meanwhile.
   */
  static void failed(Target target, Plan plan) {
    if (target == null || plan.code == null) return;
    synchronized (BY_TARGET) {
      BY_TARGET.replace(target.key(), plan, new Plan(plan.magic, null));
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
