package io.rmote.benchmarks;

import io.rmote.EventListener;
import io.rmote.Remote;
import io.rmote.ToolDescriptor;
import io.rmote.wire.Codecs;

/**
 * The program workload COLD starts once per connection, in a fresh JVM: connect to a local
 * interpreter, make one trivial call, close; what a command-line use of the library pays every
 * time. With the argument {@code empty} it returns at once: the JVM's own start, the baseline. With
 * {@code bare <python>} it starts {@code python -E -s -c pass} and waits for it: the JVM's start
 * plus the interpreter's, what no library can go under. Otherwise it prints, on one line, the
 * milliseconds from entering {@code main} to connected, to the call's answer and to closed, then
 * the phases of the connect: to the tool descriptor read, to the connect starting (the builder and
 * the connection's classes), to the payload written (bootstrap, spawn, threads) and to ready.
 */
public final class ColdMain {
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("empty")) return;
    if (args.length > 1 && args[0].equals("bare")) {
      new ProcessBuilder(args[1], "-E", "-s", "-c", "pass").inheritIO().start().waitFor();
      return;
    }
    long t0 = System.nanoTime();
    ToolDescriptor bench = ToolDescriptor.fromResource(ColdMain.class, "bench/bench.py", "Bench");
    long described = System.nanoTime();
    long[] at = new long[2];
    EventListener phases =
        new EventListener() {
          @Override
          public void connectStart(String host) {
            at[0] = System.nanoTime();
          }

          @Override
          public void bootstrapSent(String host, int bytes) {
            at[1] = System.nanoTime();
          }
        };
    Remote remote = Remote.builder().python(args[0]).name("cold").eventListener(phases).connect();
    long t1 = System.nanoTime();
    remote.call(bench, "noop", Codecs.VOID);
    long t2 = System.nanoTime();
    remote.close();
    long t3 = System.nanoTime();
    // String.join, not +: a first string concatenation bootstraps invokedynamic, which would
    // add its cost to the wall time measured from outside.
    System.out.println(
        String.join(
            " ",
            "cold",
            ms(t1 - t0),
            ms(t2 - t0),
            ms(t3 - t0),
            ms(described - t0),
            ms(at[0] - t0),
            ms(at[1] - t0)));
  }

  private static String ms(long nanos) {
    return Double.toString(nanos / 1e6);
  }

  private ColdMain() {}
}
