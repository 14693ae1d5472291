package io.slabcache.benchmarks.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The load on one server: its connections, and what its measured slices added up to (requests,
 * time, the server's CPU time, each slice's throughput).
 */
final class TargetLoad implements AutoCloseable {

  private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final LoadTarget target;
  private final LoadOptions options;
  private final LoadPhase phase = new LoadPhase();
  private final List<LoadConnection> connections = new ArrayList<>();
  private final List<Channel> channels = new ArrayList<>();
  private final List<Double> sliceOpsPerSecond = new ArrayList<>();
  private long measuredNanos;
  private ProcessCpu cpu = ProcessCpu.UNKNOWN;
  private ProcessCpu generatorCpu = ProcessCpu.UNKNOWN;
  private final Map<String, ProcessCpu> threadCpu = new TreeMap<>();

  TargetLoad(LoadTarget target, LoadOptions options) {
    this.target = target;
    this.options = options;
  }

  LoadTarget target() {
    return target;
  }

  /** Each slice's requests per second, in the order they ran. */
  List<Double> sliceOpsPerSecond() {
    return sliceOpsPerSecond;
  }

  void connect(EventLoopGroup group) throws InterruptedException {
    for (int i = 0; i < options.connections(); i++) {
      LoadConnection connection = new LoadConnection(options, phase, 31L * i + 17);
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
      channels.add(bootstrap.connect(options.host(), target.port()).sync().channel());
    }
  }

  /** Load without measuring, so that both ends have compiled and warmed their code. */
  void warm(int seconds) throws InterruptedException {
    run(seconds, false);
  }

  /** One measured slice. */
  void slice(int seconds) throws InterruptedException {
    run(seconds, true);
  }

  private void run(int seconds, boolean measure) throws InterruptedException {
    long completedBefore = completed();
    ProcessCpu cpuBefore = ProcessCpu.of(target.pid());
    ProcessCpu generatorBefore = ProcessCpu.ofThisProcess();
    Map<String, ProcessCpu> threadsBefore = ProcessCpu.byThreadKind(target.pid());
    long start = System.nanoTime();
    phase.start(measure);
    connections.forEach(LoadConnection::start);
    TimeUnit.SECONDS.sleep(seconds);
    phase.stop();
    long elapsed = System.nanoTime() - start;
    drain();
    if (measure) {
      cpu = cpu.plus(ProcessCpu.of(target.pid()).minus(cpuBefore));
      generatorCpu = generatorCpu.plus(ProcessCpu.ofThisProcess().minus(generatorBefore));
      ProcessCpu.minus(ProcessCpu.byThreadKind(target.pid()), threadsBefore)
          .forEach((kind, spent) -> threadCpu.merge(kind, spent, ProcessCpu::plus));
      measuredNanos += elapsed;
      sliceOpsPerSecond.add((completed() - completedBefore) * 1e9 / elapsed);
    }
  }

  /** Waits for the replies still in flight, so that the next slice has the machine to itself. */
  private void drain() throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
    for (LoadConnection connection : connections) {
      while (connection.outstanding() > 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(target.label() + " stopped answering");
        }
        TimeUnit.MILLISECONDS.sleep(1);
      }
    }
  }

  private long completed() {
    long completed = 0;
    for (LoadConnection connection : connections) {
      completed += connection.completed();
    }
    return completed;
  }

  /**
   * {@code label=... connections=... depth=... ops_per_sec=... p50_us=... p99_us=... errors=...},
   * the generator's CPU milliseconds per 100,000 requests, and the server's when its process is
   * known.
   */
  String result() {
    long completed = completed();
    long errors = 0;
    List<LatencyRecorder> recorders = new ArrayList<>();
    for (LoadConnection connection : connections) {
      errors += connection.errors();
      recorders.add(connection.latencies());
    }
    long[] sorted = LatencyRecorder.merge(recorders);
    String line =
        String.format(
            Locale.ROOT,
            "label=%s connections=%d depth=%d ops_per_sec=%.0f p50_us=%.1f p99_us=%.1f errors=%d",
            target.label(),
            options.connections(),
            options.depth(),
            completed * 1e9 / measuredNanos,
            LatencyRecorder.percentile(sorted, 50) / 1000.0,
            LatencyRecorder.percentile(sorted, 99) / 1000.0,
            errors);
    line += perRequest("generator_", generatorCpu, completed);
    if (target.pid() > 0) {
      line += perRequest("", cpu, completed);
    }
    return line;
  }

  /**
   * {@code threads label=... depth=... <kind>=<user>+<sys> ...}: the server's CPU milliseconds per
   * 100,000 requests by kind of thread, for the kinds that spent at least 1; {@code null} when the
   * server's process is not known.
   */
  String threadsResult() {
    if (target.pid() <= 0) {
      return null;
    }
    long completed = completed();
    double per100k = completed > 0 ? 100_000.0 / completed : 0;
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT, "threads label=%s depth=%d", target.label(), options.depth()));
    threadCpu.forEach(
        (kind, cpu) -> {
          long user = Math.round(cpu.userMillis() * per100k);
          long system = Math.round(cpu.systemMillis() * per100k);
          if (user + system >= 1) {
            line.append(' ').append(kind).append('=').append(user).append('+').append(system);
          }
        });
    return line.toString();
  }

  /** {@code <prefix>user_ms_per_100k=... <prefix>sys_ms_per_100k=...}, with a leading space. */
  private static String perRequest(String prefix, ProcessCpu cpu, long requests) {
    double per100k = requests > 0 ? 100_000.0 / requests : 0;
    return String.format(
        Locale.ROOT,
        " %suser_ms_per_100k=%.0f %ssys_ms_per_100k=%.0f",
        prefix,
        cpu.userMillis() * per100k,
        prefix,
        cpu.systemMillis() * per100k);
  }

  @Override
  public void close() {
    channels.forEach(Channel::close);
  }
}
