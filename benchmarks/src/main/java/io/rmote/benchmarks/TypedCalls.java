package io.rmote.benchmarks;

import io.rmote.Remote;
import io.rmote.ToolDescriptor;
import io.rmote.wire.Codecs;
import io.rmote.wire.ValueCodec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * W7: the cost of a call through a generated proxy against the same call made through the dynamic
 * API ({@code Remote.call}) with the same codec, on one connection: a call returning a record
 * (through its generated codec) and a void one. The figures are ratios of medians and of trimmed
 * means.
 */
final class TypedCalls {
  private static final int CALLS = 20_000;

  /** Key-value pairs for one JSON line. */
  static Object[] measure(Remote remote) {
    TypedBench proxy = remote.tool(TypedBench.class);
    ToolDescriptor tool = TypedBenchProxy.TOOL;
    ValueCodec<TypedBench.Point> point = TypedBench_PointCodec.INSTANCE;
    for (int i = 0; i < 5000; i++) {
      proxy.point(i, "warm");
      remote.call(tool, "point", point, (long) i, "warm");
      proxy.noop();
      remote.call(tool, "noop", Codecs.VOID);
    }
    int n = CALLS;
    double[] typedPoint = new double[n];
    double[] dynamicPoint = new double[n];
    double[] typedNoop = new double[n];
    double[] dynamicNoop = new double[n];
    for (int i = 0; i < n; i++) {
      // Each iteration makes both calls of a pair, in alternating order, so that whatever else
      // the machine does lands on both sides alike.
      boolean typedFirst = i % 2 == 0;
      for (int pass = 0; pass < 2; pass++) {
        boolean typed = typedFirst == (pass == 0);
        long t0 = System.nanoTime();
        if (typed) proxy.point(i, "p");
        else remote.call(tool, "point", point, (long) i, "p");
        long t1 = System.nanoTime();
        if (typed) proxy.noop();
        else remote.call(tool, "noop", Codecs.VOID);
        long t2 = System.nanoTime();
        (typed ? typedPoint : dynamicPoint)[i] = (t1 - t0) / 1e3;
        (typed ? typedNoop : dynamicNoop)[i] = (t2 - t1) / 1e3;
      }
    }
    double tp = median(typedPoint);
    double dp = median(dynamicPoint);
    double tn = median(typedNoop);
    double dn = median(dynamicNoop);
    return new Object[] {
      "calls",
      n,
      "proxy_record_median_us",
      tp,
      "dynamic_record_median_us",
      dp,
      "record_ratio",
      ratio(tp, dp),
      "record_mean_ratio",
      ratio(mean(typedPoint), mean(dynamicPoint)),
      "proxy_void_median_us",
      tn,
      "dynamic_void_median_us",
      dn,
      "void_ratio",
      ratio(tn, dn),
      "void_mean_ratio",
      ratio(mean(typedNoop), mean(dynamicNoop))
    };
  }

  private static BigDecimal ratio(double a, double b) {
    return BigDecimal.valueOf(a / b).setScale(3, RoundingMode.HALF_UP);
  }

  /**
   * The mean of the fastest 90%: latencies are bimodal here (the caller catches the answer while
   * spinning, or parks and is woken), so a median can jump between modes when the shares are near
   * half; the mean moves smoothly, and the slowest tail (scheduler noise) is left out.
   */
  private static double mean(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length * 9 / 10;
    double sum = 0;
    for (int i = 0; i < n; i++) sum += s[i];
    return sum / n;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private TypedCalls() {}
}
