package io.slabcache.server.net;

import static io.slabcache.server.net.LruCommandsTest.stats;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code stats}: memcached's names in memcached's order, and the server's own counters. */
class ServerStatsTest {

  /** memcached 1.6's {@code stats} with the default settings, less what has no equivalent here. */
  private static final List<String> GENERAL =
      List.of(
          "pid",
          "uptime",
          "time",
          "version",
          "libevent",
          "pointer_size",
          "rusage_user",
          "rusage_system",
          "max_connections",
          "curr_connections",
          "total_connections",
          "rejected_connections",
          "connection_structures",
          "read_buf_count",
          "read_buf_bytes",
          "read_buf_bytes_free",
          "read_buf_oom",
          "cmd_get",
          "cmd_set",
          "cmd_flush",
          "cmd_touch",
          "cmd_meta",
          "get_hits",
          "get_misses",
          "get_expired",
          "get_flushed",
          "delete_misses",
          "delete_hits",
          "incr_misses",
          "incr_hits",
          "decr_misses",
          "decr_hits",
          "cas_misses",
          "cas_hits",
          "cas_badval",
          "touch_hits",
          "touch_misses",
          "store_too_large",
          "store_no_memory",
          "auth_cmds",
          "auth_errors",
          "bytes_read",
          "bytes_written",
          "limit_maxbytes",
          "accepting_conns",
          "listen_disabled_num",
          "time_in_listen_disabled_us",
          "threads",
          "conn_yields",
          "hash_power_level",
          "hash_bytes",
          "hash_is_expanding",
          "slab_reassign_rescues",
          "slab_reassign_chunk_rescues",
          "slab_reassign_evictions_nomem",
          "slab_reassign_inline_reclaim",
          "slab_reassign_busy_items",
          "slab_reassign_busy_deletes",
          "slab_reassign_running",
          "slabs_moved",
          "lru_crawler_running",
          "lru_crawler_starts",
          "lru_maintainer_juggles",
          "malloc_fails",
          "log_worker_dropped",
          "log_worker_written",
          "log_watcher_skipped",
          "log_watcher_sent",
          "log_watchers",
          "unexpected_napi_ids",
          "round_robin_fallback",
          "bytes",
          "curr_items",
          "total_items",
          "slab_global_page_pool",
          "expired_unfetched",
          "evicted_unfetched",
          "evicted_active",
          "evictions",
          "reclaimed",
          "crawler_reclaimed",
          "crawler_items_checked",
          "lrutail_reflocked",
          "moves_to_cold",
          "moves_to_warm",
          "moves_within_lru",
          "direct_reclaims",
          "lru_bumps_dropped");

  @Test
  void generalStatsComeInMemcachedsOrder() {
    try (ServerFixture fixture = new ServerFixture();
        RawClient client = fixture.connect()) {
      assertThat(new ArrayList<>(statMap(client, "stats").keySet())).isEqualTo(GENERAL);
    }
    try (ServerFixture fixture = new ServerFixture(s -> s.idleTimeoutSeconds(60));
        RawClient client = fixture.connect()) {
      List<String> names = new ArrayList<>(statMap(client, "stats").keySet());
      assertThat(names.get(names.indexOf("auth_errors") + 1)).isEqualTo("idle_kicks");
    }
  }

  @Test
  void settingsComeInMemcachedsOrder() {
    try (ServerFixture fixture = new ServerFixture();
        RawClient client = fixture.connect()) {
      List<String> names = new ArrayList<>(statMap(client, "stats settings").keySet());
      assertThat(names)
          .containsSubsequence(
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
      assertThat(names.subList(0, 6))
          .containsExactly("maxbytes", "maxconns", "tcpport", "udpport", "inter", "verbosity");
    }
  }

  @Test
  void noHostMeansEveryInterfaceAsAnEmptyOneDoes() {
    // stats settings names no interface for either ("inter NULL") and must not fail on null
    assertThat(ServerSettings.builder().host(null).build().host()).isEmpty();
  }

  @Test
  void settingsSayWhatMemcachedsWouldWithTheSameFlags() {
    try (ServerFixture fixture = new ServerFixture();
        RawClient client = fixture.connect()) {
      assertThat(statMap(client, "stats settings"))
          .containsEntry("binding_protocol", "auto-negotiate")
          .containsEntry("hashpower_init", "0")
          .containsEntry("oldest", "0")
          .containsEntry("stat_key_prefix", ":")
          .containsEntry("detail_enabled", "no")
          .containsEntry("auth_enabled_ascii", "no")
          .containsEntry("track_sizes", "no")
          .containsEntry("domain_socket", "NULL")
          .containsEntry("reqs_per_event", "20")
          .containsEntry("watcher_logbuf_size", "262144");
      assertThat(client.exchange("flush_all\r\n", 1)).isEqualTo("OK\r\n");
      assertThat(Integer.parseInt(statMap(client, "stats settings").get("oldest"))).isPositive();
      assertThat(client.exchange("stats detail on\r\n", 1)).isEqualTo("OK\r\n");
      assertThat(statMap(client, "stats settings")).containsEntry("detail_enabled", "yes");
    }
    try (ServerFixture fixture =
            new ServerFixture(
                s ->
                    s.bindingProtocol("ascii")
                        .prefixDelimiter((byte) '/')
                        .users(Map.of("u", "p"))
                        .usersFile("/etc/users"));
        RawClient client = fixture.connect()) {
      client.exchange("set auth 0 0 3\r\nu p\r\n", 1);
      assertThat(statMap(client, "stats settings"))
          .containsEntry("binding_protocol", "ascii")
          .containsEntry("stat_key_prefix", "/")
          .containsEntry("detail_enabled", "yes")
          .containsEntry("auth_enabled_ascii", "/etc/users");
    }
  }

  @Test
  void theListenerReportsSecondsSinceItStarted() {
    try (ServerFixture fixture = new ServerFixture();
        RawClient client = fixture.connect()) {
      assertThat(statMap(client, "stats conns")).containsKey("0:secs_since_last_cmd");
    }
  }

  @Test
  void cmdMetaCountsMeAsMemcachedDoesNotMgOrMs() {
    try (ServerFixture fixture = new ServerFixture();
        RawClient client = fixture.connect()) {
      assertThat(client.exchange("ms k 1\r\na\r\n", 1)).isEqualTo("HD\r\n");
      assertThat(client.exchange("mg k v\r\n", 2)).isEqualTo("VA 1\r\na\r\n");
      assertThat(client.exchange("md k q\r\nmn\r\n", 1)).isEqualTo("MN\r\n");
      Map<String, String> stats = statMap(client, "stats");
      assertThat(stats).containsEntry("cmd_meta", "0").containsEntry("cmd_set", "1");
      assertThat(stats.get("cmd_get")).isEqualTo("1");

      client.exchange("set k 0 0 1\r\na\r\n", 1);
      assertThat(client.exchange("me k\r\n", 1)).startsWith("ME k ");
      assertThat(client.exchange("me nope\r\n", 1)).isEqualTo("EN\r\n");
      assertThat(statMap(client, "stats")).containsEntry("cmd_meta", "2");
      assertThat(client.exchange("stats reset\r\n", 1)).isEqualTo("RESET\r\n");
      assertThat(statMap(client, "stats")).containsEntry("cmd_meta", "0");
    }
  }

  @Test
  void readBuffersAreTheUnfinishedCommandsConnectionsHold() throws Exception {
    try (ServerFixture fixture = new ServerFixture();
        RawClient observer = fixture.connect();
        RawClient writer = fixture.connect()) {
      assertThat(statMap(observer, "stats"))
          .containsEntry("read_buf_count", "0")
          .containsEntry("read_buf_bytes", "0")
          .containsEntry("read_buf_oom", "0")
          .containsKey("read_buf_bytes_free");
      writer.send("set k 0 0 10\r\nabc");
      long deadline = System.nanoTime() + 5_000_000_000L;
      Map<String, String> stats;
      while ((stats = statMap(observer, "stats")).get("read_buf_count").equals("0")) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(10);
      }
      assertThat(stats).containsEntry("read_buf_count", "1");
      assertThat(Long.parseLong(stats.get("read_buf_bytes"))).isGreaterThanOrEqualTo(3);

      assertThat(writer.exchange("defghij\r\n", 1)).isEqualTo("STORED\r\n");
      assertThat(statMap(observer, "stats"))
          .containsEntry("read_buf_count", "0")
          .containsEntry("read_buf_bytes", "0");
    }
  }

  @Test
  void aLongPipelineYieldsEveryRequestsPerEventAsMemcachedCountsIt() {
    try (ServerFixture fixture = new ServerFixture(s -> s.requestsPerEvent(5));
        RawClient client = fixture.connect()) {
      assertThat(statMap(client, "stats settings")).containsEntry("reqs_per_event", "5");
      // memcached 1.6 started with -R 5 counts 19 yields for these: a turn of 6, then of 5
      String replies = client.exchange("mn\r\n".repeat(100), 100);
      assertThat(replies).isEqualTo("MN\r\n".repeat(100));
      assertThat(statMap(client, "stats")).containsEntry("conn_yields", "19");
      // and the connection reads again once its turns are over
      assertThat(client.exchange("ms k 1\r\na\r\nmg k v\r\n", 3)).isEqualTo("HD\r\nVA 1\r\na\r\n");
      assertThat(client.exchange("stats reset\r\n", 1)).isEqualTo("RESET\r\n");
      assertThat(statMap(client, "stats")).containsEntry("conn_yields", "0");
    }
  }

  static Map<String, String> statMap(RawClient client, String command) {
    Map<String, String> stats = new LinkedHashMap<>();
    for (String line : stats(client, command).split("\r\n")) {
      if (line.startsWith("STAT ")) {
        String[] parts = line.split(" ", 3);
        stats.put(parts[1], parts[2]);
      }
    }
    return stats;
  }
}
