package io.slabcache.benchmarks.load;

import java.util.ArrayList;
import java.util.List;

/**
 * What one load run does.
 *
 * @param host the servers' host
 * @param targets the servers, loaded one at a time in alternating slices
 * @param connections concurrent connections to each server
 * @param depth requests each connection keeps in flight (1: wait for each reply)
 * @param warmupSeconds seconds of load on each server before measuring
 * @param slices measured slices per server
 * @param sliceSeconds seconds of each slice
 * @param keys distinct keys, chosen uniformly
 * @param valueSize bytes per value
 * @param getRatio share of gets among requests, the rest are sets
 * @param threads event-loop threads of the generator
 */
record LoadOptions(
    String host,
    List<LoadTarget> targets,
    int connections,
    int depth,
    int warmupSeconds,
    int slices,
    int sliceSeconds,
    int keys,
    int valueSize,
    double getRatio,
    int threads) {

  static LoadOptions parse(String[] args) {
    String host = "127.0.0.1";
    List<LoadTarget> targets = new ArrayList<>();
    int connections = 50;
    int depth = 1;
    int warmup = 5;
    int slices = 10;
    int sliceSeconds = 2;
    int keys = 10_000;
    int valueSize = 100;
    double getRatio = 0.9;
    int threads = 1;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--host":
          host = value;
          break;
        case "--target":
          targets.add(LoadTarget.parse(value));
          break;
        case "--connections":
          connections = Integer.parseInt(value);
          break;
        case "--depth":
          depth = Integer.parseInt(value);
          break;
        case "--warmup":
          warmup = Integer.parseInt(value);
          break;
        case "--slices":
          slices = Integer.parseInt(value);
          break;
        case "--slice-seconds":
          sliceSeconds = Integer.parseInt(value);
          break;
        case "--keys":
          keys = Integer.parseInt(value);
          break;
        case "--value-size":
          valueSize = Integer.parseInt(value);
          break;
        case "--get-ratio":
          getRatio = Double.parseDouble(value);
          break;
        case "--threads":
          threads = Integer.parseInt(value);
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no --target label=port[:pid] given");
    }
    return new LoadOptions(
        host,
        List.copyOf(targets),
        connections,
        depth,
        warmup,
        slices,
        sliceSeconds,
        keys,
        valueSize,
        getRatio,
        threads);
  }
}
