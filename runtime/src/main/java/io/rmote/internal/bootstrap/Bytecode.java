package io.rmote.internal.bootstrap;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runtime as bytecode, kept by this JVM so that a local interpreter can start from code already
 * compiled instead of compiling the runtime's source, which is most of what a start costs beyond
 * the interpreter's own (docs/protocol.md, "Starting from bytecode").
 *
 * <p>Bytecode is taken only from an interpreter that this JVM started itself, on this machine, as
 * its own user, with nothing around it ({@code Remote.local()} or a builder's {@code python}, no
 * {@code command} and no {@code become}): what such a process sends is as trustworthy as the
 * runtime's source in this JVM's own jar. It is sent to any local interpreter whose last start
 * reported the same magic number, and that interpreter checks the number again before it loads the
 * code. Bytecode from any other interpreter (over SSH, in a container or chroot, under sudo) is
 * never asked for nor kept, so no host can hand code to another. Nothing goes over SSH: there the
 * payload's 37 KB against the source's 14 KB may cost more on a slow link than the compile saves.
 *
 * <p>A JVM that connects once pays nothing for this: its first connection to a target learns the
 * magic number from the ready line, a later one to a trusted interpreter asks for the bytecode
 * (about 2 ms on the remote, once per magic number), and the ones after that start from it.
 */
public final class Bytecode {
  /** Targets whose magic number is remembered, least recently used first out. */
  private static final int MAX_TARGETS = 1024;

  /** Magic numbers (Python versions) whose bytecode is kept, about 37 KB each. */
  private static final int MAX_VERSIONS = 8;

  /** What a target's last ready line said; guarded by itself. */
  private static final Map<String, String> MAGIC_BY_TARGET =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > MAX_TARGETS;
        }
      };

  /** The payload by magic number: base64 of zlib of the marshalled code objects. */
  private static final Map<String, byte[]> CODE_BY_MAGIC = new ConcurrentHashMap<>();

  /**
   * A connection's interpreter as far as bytecode goes.
   *
   * @param key what tells one local interpreter from another (its command, become, environment)
   * @param trusted whether the interpreter is this JVM's own kind of process, whose bytecode may be
   *     sent to others: started as {@code python}, with no command around it and no become
   */
  public record Target(String key, boolean trusted) {}

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
    String magic;
    synchronized (MAGIC_BY_TARGET) {
      magic = MAGIC_BY_TARGET.get(target.key());
    }
    if (magic == null) return Plan.SOURCE;
    byte[] code = CODE_BY_MAGIC.get(magic);
    if (code != null) return new Plan(magic, code, false);
    if (target.trusted() && CODE_BY_MAGIC.size() < MAX_VERSIONS) return new Plan(magic, null, true);
    return Plan.SOURCE;
  }

  /**
   * After a ready line: remembers the target's magic number ({@code "-"}: none may be sent) and
   * keeps {@code code} if it was asked for.
   */
  static void started(Target target, Plan plan, String magic, byte[] code) {
    if (target == null) return;
    synchronized (MAGIC_BY_TARGET) {
      if (magic.equals("-")) MAGIC_BY_TARGET.remove(target.key());
      else MAGIC_BY_TARGET.put(target.key(), magic);
    }
    if (plan.ask && code != null && target.trusted() && magic.equals(plan.magic)) {
      CODE_BY_MAGIC.putIfAbsent(magic, Base64.getEncoder().encode(code));
    }
  }

  /** After a start that did not reach its ready line: sent bytecode is not sent again. */
  static void failed(Plan plan) {
    if (plan.code != null) CODE_BY_MAGIC.remove(plan.magic, plan.code);
  }

  /** Forgets everything: for tests that start from an empty JVM's state. */
  public static void clear() {
    synchronized (MAGIC_BY_TARGET) {
      MAGIC_BY_TARGET.clear();
    }
    CODE_BY_MAGIC.clear();
  }
}
