package io.rmote.benchmarks;

import io.rmote.annotations.RemoteTool;

/** The typed face of {@code bench/typed.py}, for workload W7 and the JMH proxy benchmark. */
@RemoteTool(source = "bench/typed.py")
public interface TypedBench {
  void noop();

  Point point(long x, String label);

  Point echo(Point point);

  record Point(long x, String label) {}
}
