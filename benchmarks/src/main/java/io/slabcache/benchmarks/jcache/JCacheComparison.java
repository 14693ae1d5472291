package io.slabcache.benchmarks.jcache;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link JCacheBenchmark} with one and with two threads and prints, for every operation, each
 * provider's throughput as a ratio to Ehcache's off-heap tier measured in the same run. Arguments
 * are JMH's command line options (for example {@code -wi 1 -i 3} for a short run).
 */
public final class JCacheComparison {

  static final String ANCHOR = "ehcache-offheap";

  private JCacheComparison() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions commandLine = new CommandLineOptions(args);
    Map<String, Map<String, Double>> table = new TreeMap<>();
    for (int threads : new int[] {1, 2}) {
      Options options =
          new OptionsBuilder()
              .parent(commandLine)
              .include(JCacheBenchmark.class.getName() + "\\.")
              .threads(threads)
              .build();
      for (RunResult result : run(options)) {
        String benchmark = result.getParams().getBenchmark();
        String row =
            String.format(
                "%-12s %-9s %d",
                benchmark.substring(benchmark.lastIndexOf('.') + 1),
                result.getParams().getParam("value"),
                threads);
        table
            .computeIfAbsent(row, r -> new TreeMap<>())
            .put(result.getParams().getParam("contender"), result.getPrimaryResult().getScore());
      }
    }
    print(table);
  }

  private static List<RunResult> run(Options options) throws RunnerException {
    return new ArrayList<>(new Runner(options).run());
  }

  private static void print(Map<String, Map<String, Double>> table) {
    String[] contenders = {"slabcache", "caffeine", "ehcache-heap", ANCHOR};
    StringBuilder out = new StringBuilder();
    out.append("\n| operation | value | threads |");
    for (String contender : contenders) {
      out.append(' ').append(contender).append(" |");
    }
    out.append("\n|---|---|---|");
    out.append("---:|".repeat(contenders.length)).append('\n');
    for (Map.Entry<String, Map<String, Double>> row : table.entrySet()) {
      String[] parts = row.getKey().trim().split("\\s+");
      out.append("| ").append(parts[0]).append(" | ").append(parts[1]);
      out.append(" | ").append(parts[2]).append(" |");
      Double anchor = row.getValue().get(ANCHOR);
      for (String contender : contenders) {
        Double score = row.getValue().get(contender);
        if (score == null || anchor == null) {
          out.append(" – |");
        } else {
          out.append(String.format(Locale.ROOT, " %.2f× (%.2f ops/µs) |", score / anchor, score));
        }
      }
      out.append('\n');
    }
    System.out.println(out);
  }
}
