package io.slabcache.benchmarks.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Drives memcached servers with a get/set mix over many connections, one server at a time in short
 * alternating slices, so that every server meets the same machine (whatever else it is doing) and
 * the same generator. Prints one result line per server, {@code label=... ops_per_sec=...
 * p50_us=... p99_us=... errors=...} (and its CPU time per request when its pid is given, in all and
 * by kind of thread), then, for each server after the first, its throughput relative to the first's
 * slice by slice.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.slabcache.benchmarks.load.LoadGenerator \
 *     --target memcached=11211:4242 --target slabcache=11311:4343 \
 *     --connections 50 --depth 1 --slices 20 --slice-seconds 2 --get-ratio 0.9 --value-size 100
 * </pre>
 */
public final class LoadGenerator {

  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    LoadOptions options = LoadOptions.parse(args);
    for (LoadTarget target : options.targets()) {
      populate(options, target);
    }
    run(options).forEach(System.out::println);
  }

  /** Stores every key once, so gets hit from the start. */
  static void populate(LoadOptions options, LoadTarget target) throws IOException {
    byte[] value = new byte[options.valueSize()];
    java.util.Arrays.fill(value, (byte) 'v');
    try (Socket socket = new Socket(options.host(), target.port())) {
      OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream(), 1 << 16);
      InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16);
      for (int i = 0; i < options.keys(); i++) {
        out.write(
            ("set key:" + i + " 0 0 " + value.length + " noreply\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(value);
        out.write('\r');
        out.write('\n');
      }
      out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      int b;
      while ((b = in.read()) != '\n') {
        if (b < 0) {
          throw new IOException(target.label() + " closed the connection while loading keys");
        }
      }
    }
  }

  static List<String> run(LoadOptions options) throws InterruptedException {
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(options.threads(), NioIoHandler.newFactory());
    List<TargetLoad> loads = new ArrayList<>();
    try {
      for (LoadTarget target : options.targets()) {
        TargetLoad load = new TargetLoad(target, options);
        loads.add(load);
        load.connect(group);
      }
      for (TargetLoad load : loads) {
        load.warm(options.warmupSeconds());
      }
      for (int slice = 0; slice < options.slices(); slice++) {
        // every other slice in reverse order, so that no server always follows the same one
        List<TargetLoad> order = new ArrayList<>(loads);
        if (slice % 2 == 1) {
          Collections.reverse(order);
        }
        for (TargetLoad load : order) {
          load.slice(options.sliceSeconds());
        }
      }
      List<String> lines = new ArrayList<>();
      loads.forEach(load -> lines.add(load.result()));
      for (TargetLoad load : loads) {
        String threads = load.threadsResult();
        if (threads != null) {
          lines.add(threads);
        }
      }
      for (TargetLoad load : loads.subList(1, loads.size())) {
        lines.add(sliceRatios(options, load, loads.get(0)));
      }
      return lines;
    } finally {
      loads.forEach(TargetLoad::close);
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  /**
   * {@code ratio label=... to=... depth=... slices=... median=... low=... high=...}: the throughput
   * of {@code load} over that of {@code anchor} in each pair of slices, its median and the range of
   * its middle 80%.
   */
  private static String sliceRatios(LoadOptions options, TargetLoad load, TargetLoad anchor) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < load.sliceOpsPerSecond().size(); i++) {
      ratios.add(load.sliceOpsPerSecond().get(i) / anchor.sliceOpsPerSecond().get(i));
    }
    Collections.sort(ratios);
    return String.format(
        Locale.ROOT,
        "ratio label=%s to=%s depth=%d slices=%d median=%.3f low=%.3f high=%.3f",
        load.target().label(),
        anchor.target().label(),
        options.depth(),
        ratios.size(),
        quantile(ratios, 0.5),
        quantile(ratios, 0.1),
        quantile(ratios, 0.9));
  }

  private static double quantile(List<Double> sorted, double q) {
    double position = q * (sorted.size() - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.size() - 1);
    return sorted.get(below) + (sorted.get(above) - sorted.get(below)) * (position - below);
  }
}
