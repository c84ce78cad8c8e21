package io.rmote.benchmarks;

import io.rmote.Remote;
import io.rmote.ToolDescriptor;
import io.rmote.wire.Codecs;

/**
 * The program workload COLD starts once per connection, in a fresh JVM: connect to a local
 * interpreter, make one trivial call, close; what a command-line use of the library pays every
 * time. With the argument {@code empty} it returns at once: the JVM's own start, the baseline. It
 * prints the milliseconds from entering {@code main} to connected, to the call's answer and to
 * closed, on one line.
 */
public final class ColdMain {
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("empty")) return;
    long t0 = System.nanoTime();
    ToolDescriptor bench = ToolDescriptor.fromResource(ColdMain.class, "bench/bench.py", "Bench");
    Remote remote = Remote.builder().python(args[0]).name("cold").connect();
    long t1 = System.nanoTime();
    remote.call(bench, "noop", Codecs.VOID);
    long t2 = System.nanoTime();
    remote.close();
    long t3 = System.nanoTime();
    System.out.println("cold " + (t1 - t0) / 1e6 + " " + (t2 - t0) / 1e6 + " " + (t3 - t0) / 1e6);
  }

  private ColdMain() {}
}
