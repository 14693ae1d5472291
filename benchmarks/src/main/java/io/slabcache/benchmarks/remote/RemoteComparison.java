package io.slabcache.benchmarks.remote;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link RemoteBenchmark} with one and with four threads and prints, per operation, each
 * client's throughput and 99th-percentile latency as ratios to spymemcached's in the same run.
 * Arguments are JMH's command line options.
 */
public final class RemoteComparison {

  static final String ANCHOR = "spymemcached";
  private static final String[] CLIENTS = {"jcache", "slabcache", ANCHOR, "xmemcached"};

  private RemoteComparison() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions commandLine = new CommandLineOptions(args);
    Map<String, Map<String, double[]>> table = new TreeMap<>();
    for (int threads : new int[] {1, 4}) {
      Options options =
          new OptionsBuilder()
              .parent(commandLine)
              .include(RemoteBenchmark.class.getName() + "\\.")
              .threads(threads)
              .build();
      for (RunResult result : new Runner(options).run()) {
        String benchmark = result.getParams().getBenchmark();
        String row = benchmark.substring(benchmark.lastIndexOf('.') + 1) + " " + threads;
        double[] cell =
            table
                .computeIfAbsent(row, r -> new TreeMap<>())
                .computeIfAbsent(result.getParams().getParam("client"), c -> new double[2]);
        if (result.getParams().getMode() == Mode.Throughput) {
          cell[0] = result.getPrimaryResult().getScore();
        } else {
          // SampleTime in ms/op; p99 in microseconds
          cell[1] = result.getPrimaryResult().getStatistics().getPercentile(99) * 1000;
        }
      }
    }
    StringBuilder out = new StringBuilder("\n| operation | threads |");
    for (String client : CLIENTS) {
      out.append(' ')
          .append(client)
          .append(" ops/ms (×) | ")
          .append(client)
          .append(" p99 µs (×) |");
    }
    out.append("\n|---|---|").append("---:|".repeat(CLIENTS.length * 2)).append('\n');
    for (Map.Entry<String, Map<String, double[]>> row : table.entrySet()) {
      String[] parts = row.getKey().split(" ");
      out.append("| ").append(parts[0]).append(" | ").append(parts[1]).append(" |");
      double[] anchor = row.getValue().get(ANCHOR);
      for (String client : CLIENTS) {
        double[] cell = row.getValue().get(client);
        for (int i = 0; i < 2; i++) {
          if (cell == null || anchor == null || anchor[i] == 0) {
            out.append(" – |");
          } else {
            out.append(String.format(Locale.ROOT, " %.1f (%.2f×) |", cell[i], cell[i] / anchor[i]));
          }
        }
      }
      out.append('\n');
    }
    System.out.println(out);
  }
}
