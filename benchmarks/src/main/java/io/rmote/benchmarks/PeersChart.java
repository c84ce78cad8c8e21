package io.rmote.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.style.Styler;

/**
 * The PEERS comparison as an SVG bar chart drawn with XChart: for each workload, how many times its
 * limit (the baseline measured in the same run) each side takes, on a log scale where lower is
 * better and the limit is 1. Time figures (W1, W2, W5) are divided by the limit's; rates (W3, W4)
 * divide the limit's. Written to {@code RMOTE_BENCH_CHART}, by default {@code
 * benchmarks/target/performance-peers.svg} under the working directory.
 */
final class PeersChart {
  private static final Pattern COORDINATE = Pattern.compile("([0-9]+\\.[0-9])[0-9]+");
  private static final Set<String> RATES = Set.of("W3", "W4");
  private static final Map<String, String> SERIES =
      Map.of(
          "limit", "limit (same run)",
          "rmote", "rmote (this project)",
          "mitogen", "Mitogen 0.3.3",
          "ansible", "Ansible (ansible-core 2.14)");

  /** workload → side → figure, in the order they were added. */
  private final Map<String, Map<String, Double>> figures = new LinkedHashMap<>();

  void add(String workload, String side, double figure) {
    if (!Double.isNaN(figure) && figure > 0)
      figures.computeIfAbsent(workload, w -> new LinkedHashMap<>()).put(side, figure);
  }

  /**
   * Redraws the chart from the lines of a saved {@code benchmarks/run PEERS} run: {@code PeersChart
   * FILE} (the lines on stdout), writing where {@code RMOTE_BENCH_CHART} says.
   */
  public static void main(String[] args) throws IOException {
    PeersChart chart = new PeersChart();
    int hosts = 0;
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (!line.replace(" ", "").contains("\"group\":\"PEERS\"")) continue;
      String w = line.replaceAll(".*\"workload\": ?\"([A-Z0-9]+)\".*", "$1");
      String peer = line.replaceAll(".*\"peer\": ?\"([a-z]+)\".*", "$1");
      if (!Peers.KEYS.containsKey(w) || !line.contains("\"peer\"")) continue;
      chart.add(w, peer, Peers.number(line, Peers.KEYS.get(w)));
      if (peer.equals("rmote")) chart.add(w, "limit", Peers.number(line, Peers.LIMITS.get(w)));
      if (w.equals("W5")) hosts = (int) Peers.number(line, "hosts");
    }
    System.out.println(chart.write(hosts));
  }

  Path write(int hosts) throws IOException {
    Path out =
        Path.of(
            System.getenv()
                .getOrDefault("RMOTE_BENCH_CHART", "benchmarks/target/performance-peers.svg"));
    Map<String, String> labels =
        Map.of(
            "W1", "W1 connect + call",
            "W2", "W2 one call",
            "W3", "W3 64 in flight",
            "W4", "W4 128 MiB result",
            "W5", "W5 " + hosts + " SSH hosts");
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(900)
            .height(480)
            .title("Times the limit measured in the same run (log scale, lower is better)")
            .yAxisTitle("× limit")
            .build();
    Styler s = chart.getStyler();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setLabelsFont(s.getLegendFont().deriveFont(9f));
    chart.getStyler().setYAxisDecimalPattern("#,##0.#");
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setAvailableSpaceFill(0.8);
    double least = 1;
    for (String side : List.of("limit", "rmote", "mitogen", "ansible")) {
      List<String> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (String w : List.of("W1", "W2", "W3", "W4", "W5")) {
        Map<String, Double> f = figures.get(w);
        if (f == null || !f.containsKey("limit")) continue;
        x.add(labels.get(w));
        // a side without this workload's figure gets no bar, not a zero on a log axis
        Double t = f.containsKey(side) ? times(w, f.get(side), f.get("limit")) : null;
        if (t != null) least = Math.min(least, t);
        y.add(t);
      }
      if (y.stream().anyMatch(v -> v != null)) chart.addSeries(SERIES.get(side), x, y);
    }
    // bars rise from the axis minimum, which a log axis cannot put at zero: a power of ten
    // below the lowest bar (a side faster than its limit is below 1)
    chart.getStyler().setYAxisMin(Math.min(0.5, Math.pow(10, Math.floor(Math.log10(least)))));
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    ByteArrayOutputStream svg = new ByteArrayOutputStream();
    VectorGraphicsEncoder.saveVectorGraphic(
        chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    // XChart draws text as outlines with coordinates to many decimals: a tenth of a pixel keeps
    // the drawing and takes about 40% off the file
    Files.writeString(
        out,
        COORDINATE.matcher(svg.toString(StandardCharsets.UTF_8)).replaceAll("$1"),
        StandardCharsets.UTF_8);
    return out;
  }

  private static double times(String workload, double figure, double limit) {
    return RATES.contains(workload) ? limit / figure : figure / limit;
  }
}
