package io.rmote.benchmarks;

import io.rmote.annotations.RemoteTool;

/** The typed face of {@code bench/typed.py}, for workload W7. */
@RemoteTool(source = "bench/typed.py")
public interface TypedBench {
  void noop();

  Point point(long x, String label);

  record Point(long x, String label) {}
}
