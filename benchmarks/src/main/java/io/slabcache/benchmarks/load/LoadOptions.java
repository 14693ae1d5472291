package io.slabcache.benchmarks.load;

/**
 * What one load run does.
 *
 * @param host server host
 * @param port server port
 * @param connections concurrent connections
 * @param depth requests each connection keeps in flight (1: wait for each reply)
 * @param warmupSeconds seconds of load before measuring
 * @param seconds seconds measured
 * @param keys distinct keys, chosen uniformly
 * @param valueSize bytes per value
 * @param getRatio share of gets among requests, the rest are sets
 * @param threads event-loop threads of the generator
 * @param label name printed with the result
 */
record LoadOptions(
    String host,
    int port,
    int connections,
    int depth,
    int warmupSeconds,
    int seconds,
    int keys,
    int valueSize,
    double getRatio,
    int threads,
    String label) {

  static LoadOptions parse(String[] args) {
    String host = "127.0.0.1";
    int port = 11211;
    int connections = 50;
    int depth = 1;
    int warmup = 3;
    int seconds = 10;
    int keys = 10_000;
    int valueSize = 100;
    double getRatio = 0.9;
    int threads = 1;
    String label = "server";
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--host":
          host = value;
          break;
        case "--port":
          port = Integer.parseInt(value);
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
        case "--seconds":
          seconds = Integer.parseInt(value);
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
        case "--label":
          label = value;
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new LoadOptions(
        host, port, connections, depth, warmup, seconds, keys, valueSize, getRatio, threads, label);
  }
}
