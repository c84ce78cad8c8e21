package io.rmote.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Workload JMH: the micro-benchmarks of {@code io.rmote.benchmarks.micro}, run by JMH's own runner
 * with its console output on stderr, then one JSON line per benchmark (score, error, unit). The
 * defaults are short (one fork, two warm-up and three measured iterations of one second: about five
 * minutes for the group); {@code RMOTE_JMH} takes JMH's own command-line options to lengthen or
 * narrow the run, such as {@code RMOTE_JMH="-f 3 -wi 5 -i 10 FrameBench"}.
 */
final class Micro {
  private static final String PACKAGE = "io\\.rmote\\.benchmarks\\.micro\\.";

  static void run(Soak.Emitter out) throws Exception {
    String given = System.getenv().getOrDefault("RMOTE_JMH", "").trim();
    CommandLineOptions cli =
        new CommandLineOptions(given.isEmpty() ? new String[0] : given.split("\\s+"));
    OptionsBuilder options = new OptionsBuilder();
    options.parent(cli);
    if (cli.getIncludes().isEmpty()) options.include(PACKAGE);
    if (!cli.getForkCount().hasValue()) options.forks(1);
    if (!cli.getWarmupIterations().hasValue()) options.warmupIterations(2);
    if (!cli.getWarmupTime().hasValue()) options.warmupTime(TimeValue.seconds(1));
    if (!cli.getMeasurementIterations().hasValue()) options.measurementIterations(3);
    if (!cli.getMeasurementTime().hasValue()) options.measurementTime(TimeValue.seconds(1));
    Runner runner =
        new Runner(
            options.build(),
            OutputFormatFactory.createFormatInstance(System.err, VerboseMode.NORMAL));
    Collection<RunResult> results = runner.run();
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    for (RunResult r : results) {
      Result<?> score = r.getPrimaryResult();
      String name = r.getParams().getBenchmark().replaceFirst("^" + PACKAGE, "");
      String type = r.getParams().getParam("type");
      out.emit(
          "JMH",
          "benchmark",
          type == null ? name : name + "[" + type + "]",
          "score",
          score.getScore(),
          "error",
          score.getScoreError(),
          "unit",
          score.getScoreUnit(),
          "samples",
          score.getSampleCount(),
          "load_average",
          load);
    }
  }

  private Micro() {}
}
