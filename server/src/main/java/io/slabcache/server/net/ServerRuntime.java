package io.slabcache.server.net;

import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PoolChunkListMetric;
import io.netty.buffer.PoolChunkMetric;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import io.netty.channel.Channel;
import io.slabcache.server.engine.EvictionListener;
import io.slabcache.server.engine.SlabEngine;
import io.slabcache.server.protocol.CommandContext;
import io.slabcache.server.protocol.PrefixStats;
import io.slabcache.server.protocol.Watchers;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's shared state: the engine, the counters the server owns (connections, bytes,
 * authentications), the registry of open connections, and the switches clients may flip.
 */
final class ServerRuntime implements CommandContext {

  private final SlabEngine engine;
  private final ServerSettings settings;
  private final Runnable shutdownAction;
  private final long startSeconds;
  private final AtomicInteger nextConnectionId = new AtomicInteger(1);
  private final LongAdder totalConnections = new LongAdder();
  private final LongAdder rejectedConnections = new LongAdder();
  private final LongAdder bytesRead = new LongAdder();
  private final LongAdder bytesWritten = new LongAdder();
  private final LongAdder authCommands = new LongAdder();
  private final LongAdder authErrors = new LongAdder();
  private final LongAdder metaCommands = new LongAdder();
  private final LongAdder idleKicks = new LongAdder();
  private final LongAdder readBufferOom = new LongAdder();
  private final LongAdder connectionYields = new LongAdder();

  /**
   * The connection limit, checked and counted under one lock. Reaching it refuses the connection
   * over it (memcached's maxconns_fast) but leaves listening on.
   */
  private final Object limitLock = new Object();

  private int openConnections;

  /** Listening stops only while accept() finds no file descriptor free. */
  private final ListenState listenState = new ListenState(System::nanoTime);

  private final Map<Channel, Connection> connections = new ConcurrentHashMap<>();
  private final Watchers watchers = new Watchers();
  private final PrefixStats prefixStats;

  /** Hands the engine's evictions to {@code watch evictions}. */
  private final EvictionListener evictionWatch = item -> watchers.evicted(item);

  private volatile int verbosity;
  private volatile SocketAddress listenAddress;
  private volatile long listeningSinceSeconds;

  /**
   * One open connection, as {@code stats conns} describes it. Its counters have one writer, the
   * connection's event loop, so they need no atomic updates.
   */
  static final class Connection {
    final int id;
    final Channel channel;
    volatile long lastCommandSeconds;
    volatile long bytesRead;
    volatile long bytesWritten;
    volatile int readBufferBytes;

    Connection(int id, Channel channel, long now) {
      this.id = id;
      this.channel = channel;
      this.lastCommandSeconds = now;
    }

    private void resetCounts() {
      bytesRead = 0;
      bytesWritten = 0;
    }
  }

  ServerRuntime(SlabEngine engine, ServerSettings settings, Runnable shutdownAction) {
    this.engine = engine;
    this.settings = settings;
    this.shutdownAction = shutdownAction;
    this.verbosity = settings.verbosity();
    this.startSeconds = nowSeconds();
    this.prefixStats = new PrefixStats(settings.prefixDelimiter(), settings.detailEnabled());
    engine.addEvictionListener(evictionWatch);
  }

  /** Stops observing the engine, which outlives the server. */
  void close() {
    engine.removeEvictionListener(evictionWatch);
  }

  long nowSeconds() {
    return engine.unixTime();
  }

  void listening(SocketAddress address) {
    this.listenAddress = address;
    this.listeningSinceSeconds = nowSeconds();
  }

  ListenState listenState() {
    return listenState;
  }

  /** Registers a new connection; null when the limit is reached. */
  Connection open(Channel channel) {
    totalConnections.increment();
    synchronized (limitLock) {
      if (openConnections >= settings.maxConnections()) {
        rejectedConnections.increment();
        return null;
      }
      openConnections++;
    }
    Connection connection =
        new Connection(nextConnectionId.getAndIncrement(), channel, nowSeconds());
    connections.put(channel, connection);
    return connection;
  }

  private int openConnections() {
    synchronized (limitLock) {
      return openConnections;
    }
  }

  void closed(Channel channel) {
    Connection connection = connections.remove(channel);
    if (connection != null) {
      synchronized (limitLock) {
        openConnections--;
      }
      bytesRead.add(connection.bytesRead);
      bytesWritten.add(connection.bytesWritten);
    }
  }

  private long liveBytesRead() {
    long sum = bytesRead.sum();
    for (Connection connection : connections.values()) {
      sum += connection.bytesRead;
    }
    return sum;
  }

  private long liveBytesWritten() {
    long sum = bytesWritten.sum();
    for (Connection connection : connections.values()) {
      sum += connection.bytesWritten;
    }
    return sum;
  }

  ServerSettings settings() {
    return settings;
  }

  @Override
  public SlabEngine engine() {
    return engine;
  }

  @Override
  public String version() {
    return MemcachedServer.VERSION;
  }

  @Override
  public Map<String, String> generalStats() {
    long now = nowSeconds();
    List<Map.Entry<String, String>> engineStats =
        new ArrayList<>(engine.stats().general().entrySet());
    Map<String, String> stats = new LinkedHashMap<>();
    stats.put("pid", Long.toString(ProcessHandle.current().pid()));
    stats.put("uptime", Long.toString(Math.max(0, now - startSeconds)));
    stats.put("time", Long.toString(now));
    stats.put("version", MemcachedServer.VERSION);
    stats.put("libevent", "netty");
    stats.put("pointer_size", "64");
    long[] cpu = cpuMicros();
    stats.put("rusage_user", seconds(cpu[0]));
    stats.put("rusage_system", seconds(cpu[1]));
    stats.put("max_connections", Integer.toString(settings.maxConnections()));
    int open = openConnections();
    stats.put("curr_connections", Integer.toString(open));
    stats.put("total_connections", Long.toString(totalConnections.sum()));
    stats.put("rejected_connections", Long.toString(rejectedConnections.sum()));
    stats.put("connection_structures", Integer.toString(open));
    readBufferStats(stats);
    // The engine's counters, with the server's own in memcached's places among them.
    int next = copyUntil(engineStats, 0, stats, "get_hits");
    put(stats, "cmd_meta", metaCommands.sum());
    next = copyUntil(engineStats, next, stats, "limit_maxbytes");
    put(stats, "auth_cmds", authCommands.sum());
    put(stats, "auth_errors", authErrors.sum());
    if (settings.idleTimeoutSeconds() > 0) {
      put(stats, "idle_kicks", idleKicks.sum());
    }
    put(stats, "bytes_read", liveBytesRead());
    put(stats, "bytes_written", liveBytesWritten());
    next = copyUntil(engineStats, next, stats, "hash_power_level");
    put(stats, "accepting_conns", listenState.accepting() ? 1 : 0);
    put(stats, "listen_disabled_num", listenState.disabledCount());
    put(stats, "time_in_listen_disabled_us", listenState.disabledMicros());
    stats.put("threads", Integer.toString(settings.threads()));
    put(stats, "conn_yields", connectionYields.sum());
    next = copyUntil(engineStats, next, stats, "bytes");
    // log lines go straight to the watchers, with no buffer of the worker's to drop them from
    put(stats, "log_worker_dropped", 0);
    put(stats, "log_worker_written", watchers.written());
    put(stats, "log_watcher_skipped", watchers.skipped());
    put(stats, "log_watcher_sent", watchers.sent());
    put(stats, "log_watchers", watchers.count());
    // counters of memcached's NAPI-aware thread choice, which this server never makes
    put(stats, "unexpected_napi_ids", 0);
    put(stats, "round_robin_fallback", 0);
    copyUntil(engineStats, next, stats, null);
    return stats;
  }

  /**
   * memcached's read buffer stats, as close as Netty lets them be: a connection's read buffer is
   * its decoder's store of a command not yet complete.
   */
  private void readBufferStats(Map<String, String> stats) {
    long count = 0;
    long bytes = 0;
    for (Connection connection : connections.values()) {
      int held = connection.readBufferBytes;
      if (held > 0) {
        count++;
        bytes += held;
      }
    }
    // connections holding part of a command, and the bytes they hold
    put(stats, "read_buf_count", count);
    put(stats, "read_buf_bytes", bytes);
    // no per-thread cache of idle buffers here: what Netty's buffer pool holds unused stands in
    put(stats, "read_buf_bytes_free", pooledFreeBytes());
    // connections closed because memory for their buffers ran out
    put(stats, "read_buf_oom", readBufferOom.sum());
  }

  /** Bytes of the connections' pooled allocator's chunks that no buffer uses. */
  private static long pooledFreeBytes() {
    PooledByteBufAllocatorMetric metric = MemcachedServer.ALLOCATOR.metric();
    long free = 0;
    for (List<PoolArenaMetric> arenas : List.of(metric.directArenas(), metric.heapArenas())) {
      for (PoolArenaMetric arena : arenas) {
        for (PoolChunkListMetric list : arena.chunkLists()) {
          for (PoolChunkMetric chunk : list) {
            free += chunk.freeBytes();
          }
        }
      }
    }
    return free;
  }

  /**
   * Copies {@code from}'s entries from index {@code i} into {@code to} until the one named {@code
   * stop} (all the rest when null or absent); returns the index of that entry.
   */
  private static int copyUntil(
      List<Map.Entry<String, String>> from, int i, Map<String, String> to, String stop) {
    while (i < from.size() && !from.get(i).getKey().equals(stop)) {
      to.put(from.get(i).getKey(), from.get(i).getValue());
      i++;
    }
    return i;
  }

  private static void put(Map<String, String> stats, String name, long value) {
    stats.put(name, Long.toString(value));
  }

  private static String seconds(long micros) {
    return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
  }

  /** User and system CPU time of the process, in microseconds. */
  private static long[] cpuMicros() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total =
        ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1000).orElse(0L);
    long user = 0;
    if (threads.isThreadCpuTimeSupported()) {
      for (long id : threads.getAllThreadIds()) {
        long time = threads.getThreadUserTime(id);
        if (time > 0) {
          user += time / 1000;
        }
      }
    }
    user = Math.min(user, total);
    return new long[] {user, total - user};
  }

  /** The names of {@code stats settings}, in the order memcached prints them. */
  private static final List<String> SETTINGS_ORDER =
      List.of(
          "maxbytes",
          "maxconns",
          "tcpport",
          "udpport",
          "inter",
          "verbosity",
          "oldest",
          "evictions",
          "domain_socket",
          "umask",
          "shutdown_command",
          "growth_factor",
          "chunk_size",
          "num_threads",
          "num_threads_per_udp",
          "stat_key_prefix",
          "detail_enabled",
          "reqs_per_event",
          "cas_enabled",
          "tcp_backlog",
          "binding_protocol",
          "auth_enabled_sasl",
          "auth_enabled_ascii",
          "item_size_max",
          "maxconns_fast",
          "hashpower_init",
          "slab_reassign",
          "slab_automove",
          "slab_automove_ratio",
          "slab_automove_window",
          "slab_chunk_max",
          "lru_crawler",
          "lru_crawler_sleep",
          "lru_crawler_tocrawl",
          "tail_repair_time",
          "flush_enabled",
          "dump_enabled",
          "hash_algorithm",
          "lru_maintainer_thread",
          "lru_segmented",
          "hot_lru_pct",
          "warm_lru_pct",
          "hot_max_factor",
          "warm_max_factor",
          "temp_lru",
          "temporary_ttl",
          "idle_timeout",
          "watcher_logbuf_size",
          "read_buf_mem_limit",
          "track_sizes",
          "inline_ascii_response",
          "ssl_enabled",
          "num_napi_ids",
          "memory_file");

  @Override
  public Map<String, String> settingsStats() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("maxconns", Integer.toString(settings.maxConnections()));
    all.put("tcpport", Integer.toString(port()));
    all.put("udpport", "0");
    all.put("inter", settings.host().isEmpty() ? "NULL" : settings.host());
    all.put("verbosity", Integer.toString(verbosity));
    all.put("num_threads", Integer.toString(settings.threads()));
    all.put("num_threads_per_udp", Integer.toString(settings.threads()));
    // no unix socket (-s), whose permissions memcached's umask would set
    all.put("domain_socket", "NULL");
    all.put("umask", "700");
    all.put(
        "stat_key_prefix",
        new String(new byte[] {prefixStats.delimiter()}, StandardCharsets.ISO_8859_1));
    all.put("detail_enabled", prefixStats.enabled() ? "yes" : "no");
    all.put("reqs_per_event", Integer.toString(settings.requestsPerEvent()));
    all.put("tcp_backlog", Integer.toString(MemcachedServer.BACKLOG));
    all.put(
        "binding_protocol",
        settings.bindingProtocol().equals("auto") ? "auto-negotiate" : settings.bindingProtocol());
    // SASL is the binary protocol's: with the text protocol only, there is none to speak
    all.put(
        "auth_enabled_sasl",
        settings.authenticationRequired() && !settings.bindingProtocol().equals("ascii")
            ? "yes"
            : "no");
    // memcached names the file of its text protocol's users here
    all.put("auth_enabled_ascii", asciiAuthentication());
    // The connection over the limit is told and closed at once, as with memcached's maxconns_fast.
    all.put("maxconns_fast", "yes");
    all.put("idle_timeout", Integer.toString(settings.idleTimeoutSeconds()));
    // a watcher that falls behind loses lines once it holds this many bytes unsent
    all.put("watcher_logbuf_size", Integer.toString(settings.outputHighWaterMark()));
    // no bound on all connections' read buffers together; each connection's own is bounded
    all.put("read_buf_mem_limit", "0");
    // replies are gathered in buffers, never kept inline in the item, as in memcached 1.6
    all.put("inline_ascii_response", "no");
    all.put("ssl_enabled", "no");
    // neither NAPI ids (-N) nor a restartable memory file (-e) exist here
    all.put("num_napi_ids", "(null)");
    all.put("memory_file", "(null)");
    all.putAll(engine.stats().settings());
    all.put("shutdown_command", settings.shutdownEnabled() ? "yes" : "no");
    Map<String, String> stats = new LinkedHashMap<>();
    for (String name : SETTINGS_ORDER) {
      String value = all.remove(name);
      if (value != null) {
        stats.put(name, value);
      }
    }
    stats.putAll(all);
    return stats;
  }

  private String asciiAuthentication() {
    if (!settings.authenticationRequired()) {
      return "no";
    }
    return settings.usersFile() == null ? "yes" : settings.usersFile();
  }

  private int port() {
    return listenAddress instanceof InetSocketAddress
        ? ((InetSocketAddress) listenAddress).getPort()
        : settings.port();
  }

  @Override
  public Map<String, String> connectionStats() {
    long now = nowSeconds();
    Map<String, String> stats = new LinkedHashMap<>();
    if (listenAddress != null) {
      stats.put("0:addr", "tcp:" + address(listenAddress));
      stats.put("0:state", "conn_listening");
      stats.put("0:secs_since_last_cmd", Long.toString(Math.max(0, now - listeningSinceSeconds)));
    }
    connections.values().stream()
        .sorted((a, b) -> Integer.compare(a.id, b.id))
        .forEach(
            c -> {
              stats.put(c.id + ":addr", "tcp:" + address(c.channel.remoteAddress()));
              stats.put(c.id + ":listen_addr", "tcp:" + address(c.channel.localAddress()));
              stats.put(c.id + ":state", "conn_parse_cmd");
              stats.put(
                  c.id + ":secs_since_last_cmd",
                  Long.toString(Math.max(0, now - c.lastCommandSeconds)));
            });
    return stats;
  }

  private static String address(SocketAddress address) {
    if (address instanceof InetSocketAddress) {
      InetSocketAddress inet = (InetSocketAddress) address;
      return inet.getAddress().getHostAddress() + ":" + inet.getPort();
    }
    return String.valueOf(address);
  }

  @Override
  public void resetStats() {
    engine.resetStats();
    totalConnections.reset();
    rejectedConnections.reset();
    bytesRead.reset();
    bytesWritten.reset();
    for (Connection connection : connections.values()) {
      // a connection's own loop is its counters' only writer: a reset from elsewhere goes there
      if (connection.channel.eventLoop().inEventLoop()) {
        connection.resetCounts();
      } else {
        connection.channel.eventLoop().execute(connection::resetCounts);
      }
    }
    authCommands.reset();
    authErrors.reset();
    metaCommands.reset();
    idleKicks.reset();
    readBufferOom.reset();
    connectionYields.reset();
    watchers.resetCounts();
    prefixStats.clear();
    listenState.resetCounts();
  }

  @Override
  public int connectionId(Channel channel) {
    Connection connection = connections.get(channel);
    return connection == null ? 0 : connection.id;
  }

  @Override
  public Watchers watchers() {
    return watchers;
  }

  @Override
  public PrefixStats prefixStats() {
    return prefixStats;
  }

  @Override
  public int verbosity() {
    return verbosity;
  }

  @Override
  public void verbosity(int level) {
    this.verbosity = level;
  }

  @Override
  public boolean authenticationRequired() {
    return settings.authenticationRequired();
  }

  @Override
  public boolean authenticate(String user, String password) {
    String expected = settings.users().get(user);
    return expected != null
        && java.security.MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void countAuthentication(boolean success) {
    authCommands.increment();
    if (!success) {
      authErrors.increment();
    }
  }

  @Override
  public void countMetaCommand() {
    metaCommands.increment();
  }

  void countIdleKick() {
    idleKicks.increment();
  }

  void countReadBufferOom() {
    readBufferOom.increment();
  }

  /** A connection served its {@code -R} requests from one read and let the others go first. */
  void countConnectionYield() {
    connectionYields.increment();
  }

  @Override
  public boolean shutdownEnabled() {
    return settings.shutdownEnabled();
  }

  @Override
  public void requestShutdown() {
    shutdownAction.run();
  }
}
