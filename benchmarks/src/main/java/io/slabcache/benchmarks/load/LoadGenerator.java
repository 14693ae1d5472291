package io.slabcache.benchmarks.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives a memcached server with a get/set mix over many connections and prints one result line:
 * {@code label=... ops_per_sec=... p50_us=... p99_us=... errors=...}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.slabcache.benchmarks.load.LoadGenerator \
 *     --port 11211 --connections 50 --depth 1 --seconds 10 --get-ratio 0.9 --value-size 100
 * </pre>
 */
public final class LoadGenerator {

  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    LoadOptions options = LoadOptions.parse(args);
    populate(options);
    System.out.println(run(options));
  }

  /** Stores every key once, so gets hit from the start. */
  static void populate(LoadOptions options) throws IOException {
    byte[] value = new byte[options.valueSize()];
    java.util.Arrays.fill(value, (byte) 'v');
    try (Socket socket = new Socket(options.host(), options.port())) {
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
          throw new IOException("server closed the connection while loading keys");
        }
      }
    }
  }

  static String run(LoadOptions options) throws InterruptedException {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(options.threads(), NioIoHandler.newFactory());
    LoadRun run = new LoadRun();
    List<LoadConnection> connections = new ArrayList<>();
    List<Channel> channels = new ArrayList<>();
    try {
      for (int i = 0; i < options.connections(); i++) {
        LoadConnection connection = new LoadConnection(options, run, 31L * i + 17);
        connections.add(connection);
        Bootstrap bootstrap =
            new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(
                    new ChannelInitializer<SocketChannel>() {
                      @Override
                      protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(connection);
                      }
                    });
        channels.add(bootstrap.connect(options.host(), options.port()).sync().channel());
      }
      TimeUnit.SECONDS.sleep(options.warmupSeconds());
      run.startMeasuring();
      long start = System.nanoTime();
      TimeUnit.SECONDS.sleep(options.seconds());
      run.stop();
      long elapsed = System.nanoTime() - start;
      long completed = 0;
      long errors = 0;
      List<LatencyRecorder> recorders = new ArrayList<>();
      for (LoadConnection connection : connections) {
        completed += connection.completed();
        errors += connection.errors();
        recorders.add(connection.latencies());
      }
      long[] sorted = LatencyRecorder.merge(recorders);
      double opsPerSecond = completed * 1e9 / elapsed;
      return String.format(
          java.util.Locale.ROOT,
          "label=%s connections=%d depth=%d ops_per_sec=%.0f p50_us=%.1f p99_us=%.1f errors=%d",
          options.label(),
          options.connections(),
          options.depth(),
          opsPerSecond,
          LatencyRecorder.percentile(sorted, 50) / 1000.0,
          LatencyRecorder.percentile(sorted, 99) / 1000.0,
          errors);
    } finally {
      for (Channel channel : channels) {
        channel.close();
      }
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }
}
